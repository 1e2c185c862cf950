/** The save guard dialog's look (inside its own shadow root). */
export const SAVE_GUARD_CSS = `
:host { all: initial; }
.backdrop { position: fixed; inset: 0; background: rgba(0,0,0,.35); z-index: 2147483647; display: flex; align-items: center; justify-content: center; font: 14px/1.4 system-ui, sans-serif; }
.dialog { background: #fff; color: #1b1b1b; border-radius: 8px; max-width: 560px; width: calc(100% - 32px); max-height: 80vh; overflow: auto; padding: 16px 20px; box-shadow: 0 8px 32px rgba(0,0,0,.3); }
h2 { font-size: 16px; margin: 0 0 8px; }
ul { list-style: none; padding: 0; margin: 12px 0; }
li { border-left: 3px solid #c62828; padding: 6px 10px; margin: 8px 0; background: #fdf3f3; }
.wording { font-weight: 600; }
.cat { color: #555; font-size: 12px; margin-left: 6px; }
.msg { margin: 4px 0; }
.preview { font-size: 12px; color: #444; margin: 0 0 4px; padding-left: 6px; border-left: 2px solid #ddd; }
.preview mark { background: #ceead6; color: inherit; }
.preview .removes { display: block; color: #777; }
button { font: inherit; border-radius: 4px; border: 1px solid #888; background: #f5f5f5; padding: 4px 10px; margin: 2px 4px 2px 0; cursor: pointer; }
button.primary { background: #1a56db; color: #fff; border-color: #1a56db; }
button:disabled { opacity: .5; cursor: default; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; justify-content: flex-end; margin-top: 12px; align-items: center; }
select { font: inherit; }
`;
