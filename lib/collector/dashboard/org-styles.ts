/** Org dashboard additions to the extension dashboard's CSS (lib/ui/dashboard/styles.ts). */
export const ORG_CSS = `
body { margin: 0; padding: 20px 24px; background: #f8f9fa; }
@media (prefers-color-scheme: dark) { body { background: #202124; } }
.cnl-org { margin: 0 auto; }
.cnl-org .cnl-head { display: flex; justify-content: space-between; align-items: flex-start; gap: 12px; }
.cnl-org h1 { font-size: 20px; margin: 0 0 4px; }
.cnl-org h2 { font-size: 15px; margin: 0 0 10px; }
.cnl-org .cnl-button { font: inherit; padding: 5px 10px; border: 1px solid var(--cnl-line); border-radius: 6px; background: var(--cnl-card); color: inherit; text-decoration: none; }
.cnl-org .cnl-button:focus-visible { outline: 2px solid var(--cnl-accent); outline-offset: 1px; }
.cnl-org .cnl-masked { color: var(--cnl-muted); font-style: italic; }
.cnl-org .cnl-label { display: block; }
`;
