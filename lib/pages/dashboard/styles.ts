/** Dashboard CSS, scoped under .cnl-dash (the options page has its own styles). */
export const DASHBOARD_CSS = `
.cnl-dash { --cnl-fg: #202124; --cnl-muted: #5f6368; --cnl-line: #e0e0e0; --cnl-card: #fff; --cnl-accent: #1a73e8; --cnl-ok: #188038; --cnl-bad: #c5221f;
  color: var(--cnl-fg); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; max-width: 1100px; }
.cnl-dash h2 { font-size: 20px; margin: 0 0 4px; }
.cnl-dash h3 { font-size: 15px; margin: 0 0 10px; }
.cnl-dash .cnl-muted { color: var(--cnl-muted); margin: 0 0 8px; }
.cnl-dash .cnl-toolbar { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; margin: 14px 0; }
.cnl-dash .cnl-spacer { flex: 1; }
.cnl-dash button, .cnl-dash select, .cnl-dash input { font: inherit; padding: 5px 10px; border: 1px solid var(--cnl-line); border-radius: 6px; background: var(--cnl-card); color: inherit; }
.cnl-dash button { cursor: pointer; }
.cnl-dash button:disabled { opacity: .5; cursor: default; }
.cnl-dash button:focus-visible, .cnl-dash select:focus-visible, .cnl-dash input:focus-visible { outline: 2px solid var(--cnl-accent); outline-offset: 1px; }
.cnl-dash .cnl-kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 10px; margin-bottom: 14px; }
.cnl-dash .cnl-kpi { border: 1px solid var(--cnl-line); border-radius: 8px; padding: 10px 12px; background: var(--cnl-card); display: flex; flex-direction: column; }
.cnl-dash .cnl-kpi .v { font-size: 24px; font-weight: 700; }
.cnl-dash .cnl-kpi .l { color: var(--cnl-muted); font-size: 12px; }
.cnl-dash .cnl-grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 14px; }
.cnl-dash .cnl-card { border: 1px solid var(--cnl-line); border-radius: 8px; padding: 12px 14px; background: var(--cnl-card); margin-bottom: 14px; min-width: 0; }
.cnl-dash table { width: 100%; border-collapse: collapse; }
.cnl-dash th, .cnl-dash td { text-align: left; padding: 5px 6px; border-top: 1px solid var(--cnl-line); vertical-align: top; }
.cnl-dash th { font-size: 12px; color: var(--cnl-muted); font-weight: 600; border-top: 0; }
.cnl-dash .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.cnl-dash code { font-size: 12px; }
.cnl-dash .cnl-cat { display: block; }
.cnl-dash .cnl-bar { display: block; height: 4px; background: var(--cnl-line); border-radius: 2px; margin-top: 3px; }
.cnl-dash .cnl-bar span { display: block; height: 100%; background: var(--cnl-accent); border-radius: 2px; }
.cnl-dash .cnl-chart-box { width: 100%; overflow: hidden; }
.cnl-dash .cnl-chart { display: block; }
.cnl-dash .cnl-wide { grid-column: 1 / -1; }
.cnl-dash .cnl-card { overflow-x: auto; }
.cnl-dash td:first-child { min-width: 11em; }
.cnl-dash .cnl-label { display: block; }
.cnl-dash .cnl-kpi-muted .v { font-size: 15px; font-weight: 600; color: var(--cnl-muted); padding: 5px 0 4px; }
.cnl-dash .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.cnl-dash .cnl-grid { stroke: var(--cnl-line); stroke-width: 1; }
.cnl-dash .cnl-baseline { stroke: var(--cnl-muted); stroke-width: 1; }
.cnl-dash .cnl-axis { fill: var(--cnl-muted); font-size: 12px; font-variant-numeric: tabular-nums; }
.cnl-dash .cnl-bar-shown { fill: #8ab4f8; }
.cnl-dash .cnl-bar-applied { fill: var(--cnl-ok); }
.cnl-dash .cnl-legend { font-size: 12px; color: var(--cnl-muted); display: flex; align-items: center; gap: 6px; }
.cnl-dash .sw { display: inline-block; width: 10px; height: 10px; border-radius: 2px; }
.cnl-dash .sw.shown { background: #8ab4f8; } .cnl-dash .sw.applied { background: var(--cnl-ok); margin-left: 8px; }
.cnl-dash .cnl-empty { border: 1px dashed var(--cnl-line); border-radius: 8px; padding: 24px; text-align: center; color: var(--cnl-muted); margin-bottom: 14px; }
.cnl-dash .cnl-error { color: var(--cnl-bad); }
.cnl-dash .cnl-notice { color: var(--cnl-ok); }
.cnl-dash .cnl-row { display: flex; gap: 8px; flex-wrap: wrap; }
.cnl-dash .cnl-report p { margin: 0 0 6px; }
.cnl-dash .cnl-btn-danger { border-color: var(--cnl-bad); color: var(--cnl-bad); }
.cnl-dash .cnl-confirm { border: 1px solid var(--cnl-bad); border-radius: 8px; padding: 10px 12px; }
.cnl-dash .cnl-confirm p { margin: 0 0 8px; }
@media (prefers-color-scheme: dark) {
  .cnl-dash { --cnl-fg: #e8eaed; --cnl-muted: #9aa0a6; --cnl-line: #5f6368; --cnl-card: #292a2d; --cnl-accent: #8ab4f8; --cnl-ok: #81c995; --cnl-bad: #f28b82; }
  .cnl-dash .cnl-bar-shown, .cnl-dash .sw.shown { fill: #4c6f9f; background: #4c6f9f; }
}
`;
