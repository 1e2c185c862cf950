/**
 * The save guard dialog's look (inside its own shadow root). The dialog is a column:
 * header and footer keep their height, only the findings scroll, so the buttons stay
 * inside the viewport however many findings there are.
 */
export const SAVE_GUARD_CSS = `
:host { all: initial; }
.backdrop { position: fixed; inset: 0; background: rgba(0,0,0,.35); z-index: 2147483647; display: flex; align-items: center; justify-content: center; font: 14px/1.4 system-ui, sans-serif; }
.dialog { background: #fff; color: #1b1b1b; border-radius: 8px; max-width: 600px; width: calc(100% - 32px); max-height: calc(100vh - 32px);
  display: flex; flex-direction: column; box-sizing: border-box; box-shadow: 0 8px 32px rgba(0,0,0,.3); overflow: hidden; }
.header { flex: none; padding: 16px 20px 4px; }
.body { flex: 1 1 auto; min-height: 0; overflow: auto; padding: 0 20px; }
.actions { flex: none; display: flex; flex-wrap: nowrap; gap: 8px; justify-content: flex-end; align-items: center;
  padding: 12px 20px; border-top: 1px solid #e0e0e0; background: #fafafa; }
h2 { font-size: 16px; margin: 0 0 6px; }
.intro { margin: 0; }
.status { margin: 4px 0 0; min-height: 1.4em; color: #1e6b34; font-weight: 600; }
.status:empty { min-height: 0; }
.dialog[data-state="fixed"] h2 { color: #1e6b34; }
ul { list-style: none; padding: 0; margin: 8px 0; }
li { border-left: 3px solid #c62828; padding: 6px 10px; margin: 8px 0; background: #fdf3f3; }
.wording { font-weight: 600; }
.cat { color: #555; font-size: 12px; margin-left: 6px; }
.msg { margin: 4px 0; }
.preview { font-size: 12px; color: #444; margin: 0 0 4px; padding-left: 6px; border-left: 2px solid #ddd; }
.preview mark { background: #ceead6; color: inherit; }
.preview .removes { display: block; color: #595959; }
button { font: inherit; border-radius: 4px; border: 1px solid #767676; background: #f5f5f5; color: #1b1b1b; padding: 5px 12px; margin: 2px 4px 2px 0; cursor: pointer; white-space: nowrap; }
.actions button { margin: 0; }
button:focus-visible, select:focus-visible { outline: 2px solid #1a56db; outline-offset: 2px; }
button.primary { background: #1a56db; color: #fff; border-color: #1a56db; font-weight: 600; }
button:disabled { opacity: .6; cursor: default; }
.justify { display: flex; flex-direction: column; gap: 4px; margin: 8px 0 12px; font-size: 13px; }
select { font: inherit; max-width: 100%; padding: 3px; }
`;
