export const POPUP_CSS = `
body { margin: 0; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #202124; background: #fff; }
.popup { width: 300px; padding: 12px 14px; box-sizing: border-box; }
header { display: flex; align-items: baseline; justify-content: space-between; gap: 8px; margin-bottom: 8px; }
h1 { font-size: 15px; margin: 0; }
.total { color: #c5221f; font-weight: 600; font-size: 12px; }
.cats { list-style: none; padding: 0; margin: 0 0 10px; border: 1px solid #e0e0e0; border-radius: 6px; }
.cats li { display: flex; justify-content: space-between; padding: 6px 10px; border-top: 1px solid #eee; }
.cats li:first-child { border-top: 0; }
.n { font-weight: 700; }
.none, .paused, .locked { color: #5f6368; margin: 0 0 10px; }
.paused { color: #b06000; }
.switch { display: flex; gap: 8px; align-items: center; cursor: pointer; margin-bottom: 10px; }
footer { border-top: 1px solid #eee; padding-top: 8px; }
a { color: #1a73e8; }
@media (prefers-color-scheme: dark) { body { background: #292a2d; color: #e8eaed; } .cats, .cats li { border-color: #5f6368; } }
`;
