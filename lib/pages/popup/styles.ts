export const POPUP_CSS = `
body { margin: 0; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #202124; background: #fff; }
.popup { width: 340px; padding: 12px 14px; box-sizing: border-box; }
header { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; margin-bottom: 10px; min-width: 0; }
.logo { flex: none; }
h1 { font-size: 15px; margin: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; flex: none; }
.total { flex-basis: 100%; color: #b3261e; font-weight: 600; font-size: 12px; }
.cats { list-style: none; padding: 0; margin: 0 0 10px; display: flex; flex-wrap: wrap; gap: 6px; }
.cats li { display: inline-flex; gap: 6px; align-items: baseline; padding: 2px 8px; border: 1px solid #dadce0; border-radius: 12px; background: #f8f9fa; }
.n { font-weight: 700; }
.list-title { font-size: 12px; font-weight: 600; color: #5f6368; margin: 0 0 4px; }
.findings { list-style: none; padding: 0; margin: 0 0 10px; border: 1px solid #dadce0; border-radius: 8px; max-height: 280px; overflow: auto; }
.findings li + li { border-top: 1px solid #eee; }
.finding { all: unset; box-sizing: border-box; width: 100%; display: grid; grid-template-columns: auto 1fr; column-gap: 8px; padding: 7px 10px; cursor: pointer; border-left: 3px solid transparent; }
.finding:hover { background: #f1f3f4; }
.finding:focus-visible { outline: 2px solid #1a73e8; outline-offset: -2px; }
.finding .sev { grid-row: span 2; align-self: center; min-width: 7.5em; text-align: center; font-size: 11px; font-weight: 700; padding: 1px 6px; border-radius: 4px; }
.finding .wording { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.finding .cat { color: #5f6368; font-size: 12px; }
.sev-error { border-left-color: #c5221f; } .sev-error .sev { background: #fce8e6; color: #a50e0e; }
.sev-warning { border-left-color: #b06000; } .sev-warning .sev { background: #fef7e0; color: #7a4100; }
.sev-suggestion { border-left-color: #1a73e8; } .sev-suggestion .sev { background: #e8f0fe; color: #174ea6; }
.none, .paused, .locked { color: #5f6368; margin: 0 0 10px; }
.paused { color: #8a4b00; }
.switch { display: flex; gap: 8px; align-items: center; cursor: pointer; margin-bottom: 10px; }
footer { border-top: 1px solid #eee; padding-top: 8px; }
a { color: #1a73e8; }
@media (prefers-color-scheme: dark) {
  body { background: #292a2d; color: #e8eaed; }
  .cats li { background: #35363a; border-color: #5f6368; } .findings, .findings li + li { border-color: #5f6368; }
  .finding:hover { background: #35363a; } .finding .cat, .list-title, .none, .locked { color: #bdc1c6; }
  a { color: #8ab4f8; }
}
`;
