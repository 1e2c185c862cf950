export const OPTIONS_CSS = `
body { font: 14px/1.45 system-ui, sans-serif; color: #1b1b1b; margin: 0; background: #fafafa; }
.opt { max-width: 960px; margin: 0 auto; padding: 16px 24px 48px; }
h1 { font-size: 20px; }
h2 { font-size: 16px; margin-top: 24px; }
nav { display: flex; gap: 4px; border-bottom: 1px solid #ccc; margin-bottom: 16px; }
nav button { border: 1px solid #ccc; border-bottom: none; background: #eee; padding: 6px 14px; border-radius: 6px 6px 0 0; cursor: pointer; font: inherit; }
nav button.active { background: #fff; font-weight: 600; }
table { border-collapse: collapse; width: 100%; background: #fff; }
caption { text-align: left; font-weight: 600; padding: 6px 0; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #eee; vertical-align: top; }
tr.readonly td, tr.readonly th { color: #555; background: #f4f6fb; }
.org { color: #6b4c00; font-size: 12px; white-space: nowrap; }
.notice { background: #fff6d6; border: 1px solid #e6c55a; padding: 8px 12px; border-radius: 6px; }
.error { color: #b00020; }
#import-result.ok { color: #1b6e20; }
textarea { width: 100%; box-sizing: border-box; font: inherit; padding: 8px; }
.findings li { margin: 8px 0; padding: 6px 10px; border-left: 3px solid #999; background: #fff; list-style: none; }
.findings { padding: 0; }
.sev-error { border-color: #c62828 !important; }
.sev-warning { border-color: #ef8f00 !important; }
.cat, .rule { color: #666; font-size: 12px; }
.sugg { color: #1a56db; }
button { font: inherit; cursor: pointer; }
`;
