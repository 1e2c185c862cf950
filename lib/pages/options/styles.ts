export const OPTIONS_CSS = `
:root { --fg: #1f1f1f; --muted: #5f6368; --line: #dadce0; --card: #fff; --bg: #f6f7f9; --accent: #1a56db; --accent-fg: #fff; --bad: #b3261e; --ok: #137333; --warn-bg: #fef7e0; --warn-line: #e0b400; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); margin: 0; background: var(--bg); }
.opt { max-width: 1040px; margin: 0 auto; padding: 20px 28px 56px; }
.opt-head { display: flex; align-items: center; gap: 12px; margin-bottom: 12px; }
h1 { font-size: 22px; margin: 0; }
h2 { font-size: 17px; margin: 28px 0 10px; }
h3 { font-size: 15px; margin: 22px 0 8px; }
nav[role="tablist"] { display: flex; flex-wrap: wrap; gap: 2px; border-bottom: 1px solid var(--line); margin-bottom: 20px; }
nav button { border: 0; border-bottom: 3px solid transparent; background: transparent; padding: 8px 14px; cursor: pointer; font: inherit; color: var(--muted); border-radius: 6px 6px 0 0; }
nav button:hover { background: #eceef1; color: var(--fg); }
nav button.active { color: var(--accent); border-bottom-color: var(--accent); font-weight: 600; }
[role="tabpanel"] { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px 20px 20px; }
button, .button { font: inherit; cursor: pointer; display: inline-flex; align-items: center; gap: 6px; padding: 6px 14px; border-radius: 6px; border: 1px solid var(--line); background: var(--card); color: var(--fg); line-height: 1.4; text-decoration: none; }
button:hover, .button:hover { background: #f1f3f4; }
button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-fg); font-weight: 600; }
button.primary:hover { background: #1746b5; }
button:disabled, .button.disabled { opacity: .55; cursor: default; }
button.link { border: 0; background: none; color: var(--accent); padding: 2px 6px; }
button:focus-visible, .button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, .file-button input:focus-visible + label { outline: 2px solid var(--accent); outline-offset: 2px; }
input, select, textarea { font: inherit; color: inherit; background: var(--card); border: 1px solid #9aa0a6; border-radius: 6px; padding: 5px 8px; box-sizing: border-box; }
input:disabled, select:disabled, textarea:disabled { background: #f1f3f4; color: var(--muted); }
.visually-hidden, .sr { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; padding: 0; margin: -1px; }
.file-button { display: inline-block; margin: 4px 0 10px; }
table { border-collapse: collapse; width: 100%; background: var(--card); }
caption { text-align: left; font-weight: 600; padding: 6px 0; font-size: 15px; }
th, td { text-align: left; padding: 7px 8px; border-bottom: 1px solid #eceef1; vertical-align: top; }
thead th { font-size: 12px; color: var(--muted); font-weight: 600; }
tr.readonly td, tr.readonly th { background: #f4f6fb; }
.org { color: #6b4c00; font-size: 12px; white-space: nowrap; }
.notice { background: var(--warn-bg); border: 1px solid var(--warn-line); padding: 8px 12px; border-radius: 6px; }
.error { color: var(--bad); }
.ok { color: var(--ok); }
.help, .muted { color: var(--muted); display: block; margin: 0 0 8px; }
#import-result { border-radius: 6px; padding: 8px 12px; margin: 6px 0 10px; }
#import-result.error { background: #fce8e6; }
#import-result.ok { background: #e6f4ea; }
#import-result ul { margin: 4px 0 0; padding-left: 18px; }
.errors { padding-left: 18px; }
.errors .src { font-size: 12px; font-weight: 600; color: var(--muted); }
textarea#test-box { width: 100%; padding: 10px; }
.findings li { margin: 8px 0; padding: 8px 12px; border-left: 3px solid #9aa0a6; background: var(--bg); list-style: none; border-radius: 0 6px 6px 0; }
.findings { padding: 0; }
.sev-error { border-color: #c5221f !important; }
.sev-warning { border-color: #b06000 !important; }
.cat, .rule { color: var(--muted); font-size: 12px; }
.sugg { color: #174ea6; }
.rule-name { border-bottom: 1px dotted var(--muted); cursor: help; }
form { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
#paused { padding-left: 18px; }
.editor fieldset { border: 1px solid var(--line); border-radius: 8px; margin: 0 0 16px; padding: 10px 16px 6px; }
.editor legend { font-weight: 600; padding: 0 6px; }
.editor .field { display: grid; grid-template-columns: minmax(180px, 240px) 1fr; gap: 4px 16px; padding: 8px 0; border-top: 1px solid #eceef1; }
.editor legend + .field { border-top: 0; }
.editor .flabel { font-weight: 500; padding-top: 5px; }
.editor .fcontrol { display: flex; flex-direction: column; gap: 4px; align-items: flex-start; min-width: 0; }
.editor .fcontrol > input, .editor .fcontrol > textarea { width: 100%; max-width: 560px; }
.editor .fhint { color: var(--muted); font-size: 12px; }
.editor .ferror { color: var(--bad); font-size: 12px; }
.editor .field.invalid input, .editor .field.invalid textarea, .editor .field.invalid select { border-color: var(--bad); }
.editor .check { display: inline-flex; gap: 6px; align-items: center; margin-right: 14px; }
.editor .fcontrol[role="group"] { flex-direction: row; flex-wrap: wrap; align-items: center; }
.editor .rows-table { width: 100%; }
.editor .rows-table td { padding: 3px 4px; border: 0; }
.editor .rows-table input, .editor .rows-table select, .editor .rows-table textarea { width: 100%; min-width: 90px; }
.editor .inline-packs { margin: 0; padding-left: 18px; }
.editor-status { border-radius: 8px; padding: 10px 14px; margin: 8px 0 4px; }
.editor-status.ok { background: #e6f4ea; }
.editor-status.error { background: #fce8e6; color: var(--bad); }
.editor-status p { margin: 0; font-weight: 600; }
.editor-status ul { margin: 6px 0 0; padding-left: 18px; }
.diff th { font-family: ui-monospace, monospace; font-size: 12px; }
.diff del { color: var(--bad); } .diff ins { color: var(--ok); text-decoration: none; }
.diff td { font-family: ui-monospace, monospace; font-size: 12px; word-break: break-all; }
.kind { font-family: system-ui, sans-serif; font-size: 11px; font-weight: 700; padding: 1px 6px; border-radius: 4px; background: #eceef1; }
.row { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; margin: 12px 0; }
.ids { display: flex; flex-wrap: wrap; gap: 12px; margin-bottom: 10px; }
.ids label { display: flex; flex-direction: column; gap: 2px; font-size: 12px; color: var(--muted); }
.ids input { width: 300px; font-family: ui-monospace, monospace; font-size: 12px; color: var(--fg); }
.formats { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 10px; }
.format { border: 1px solid var(--line); border-radius: 16px; padding: 4px 12px; cursor: pointer; display: inline-flex; gap: 6px; align-items: center; }
.format.on { border-color: var(--accent); background: #e8f0fe; color: #174ea6; font-weight: 600; }
.format input { margin: 0; }
.preview-label { font-size: 12px; color: var(--muted); display: block; margin-bottom: 4px; }
textarea.preview { width: 100%; font: 12px/1.45 ui-monospace, monospace; background: #f8f9fa; }
`;
