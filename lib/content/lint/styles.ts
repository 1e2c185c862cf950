/** CSS of the in-page UI. Severity differs by line style and icon, not only by colour. */

const WAVE = (c: string) =>
  `url("data:image/svg+xml,${encodeURIComponent(`<svg xmlns='http://www.w3.org/2000/svg' width='6' height='4'><path d='M0 3 Q1.5 0 3 3 T6 3' fill='none' stroke='${c}' stroke-width='1.4'/></svg>`)}")`;

export const COLORS = { error: '#c5221f', warning: '#b06000', suggestion: '#1a73e8' } as const;

export const OVERLAY_CSS = `
:host { all: initial; position: fixed !important; top: 0 !important; left: 0 !important; width: 0 !important; height: 0 !important;
  overflow: visible !important; z-index: 2147483646 !important; display: block !important; pointer-events: none; contain: style; }
.mirrors { position: fixed; top: 0; left: 0; width: 0; height: 0; overflow: hidden; visibility: hidden; }
.layer { position: fixed; top: 0; left: 0; width: 0; height: 0; overflow: visible; }
.f { position: fixed; pointer-events: auto; cursor: pointer; box-sizing: border-box; }
.f .more { position: absolute; pointer-events: auto; cursor: pointer; box-sizing: border-box; }
.f.offscreen { display: none; }
.f.sev-error:not(.painted), .f.sev-error:not(.painted) .more { background: ${WAVE(COLORS.error)} repeat-x left 3px; }
.f.sev-warning:not(.painted), .f.sev-warning:not(.painted) .more { border-bottom: 2px dashed ${COLORS.warning}; height: 6px !important; }
.f.sev-suggestion:not(.painted), .f.sev-suggestion:not(.painted) .more { border-bottom: 2px dotted ${COLORS.suggestion}; height: 6px !important; }
.f:hover, .f:hover .more { background-color: rgba(0,0,0,.06); }
/* The card's edge is solid for every severity (a dashed 4 px edge reads as a rendering glitch): the badge's icon and word tell them apart. */
.card { position: fixed; pointer-events: auto; box-sizing: border-box; width: max-content; max-width: min(360px, calc(100vw - 8px));
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #202124; background: #fff;
  border: 1px solid #dadce0; border-left: 4px solid; border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.18); padding: 10px 12px;
  text-align: left; direction: ltr; max-height: calc(100vh - 8px); overflow: auto; }
.card.sev-error { border-left-color: ${COLORS.error}; border-left-style: solid; }
.card.sev-warning { border-left-color: ${COLORS.warning}; border-left-style: solid; }
.card.sev-suggestion { border-left-color: ${COLORS.suggestion}; border-left-style: solid; }
.head { display: flex; align-items: center; gap: 8px; margin-bottom: 6px; }
.sev { font-weight: 700; font-size: 11px; text-transform: uppercase; letter-spacing: .04em; padding: 1px 6px; border-radius: 4px; }
.sev[data-severity="error"] { color: #fff; background: ${COLORS.error}; }
.sev[data-severity="warning"] { color: ${COLORS.warning}; background: #fef7e0; border: 1px dashed ${COLORS.warning}; }
.sev[data-severity="suggestion"] { color: ${COLORS.suggestion}; background: #e8f0fe; border: 1px dotted ${COLORS.suggestion}; }
.cat { font-weight: 600; flex: 1; }
.close { all: unset; cursor: pointer; font-size: 18px; line-height: 1; color: #5f6368; padding: 0 4px; }
.close:hover { color: #202124; }
p { margin: 0 0 6px; }
.quote { font-style: italic; color: #3c4043; }
.legal { font-size: 12px; color: #5f6368; }
.legal-k { font-weight: 600; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
button.apply, button.ignore { all: unset; cursor: pointer; border-radius: 6px; padding: 4px 10px; font: inherit; }
button.apply { background: #1e8e3e; color: #fff; font-weight: 600; }
button.apply:hover { background: #137333; }
button.apply.remove { background: #fff; color: ${COLORS.error}; border: 1px solid ${COLORS.error}; }
button.ignore { color: #3c4043; border: 1px solid #dadce0; }
button.ignore:hover { background: #f1f3f4; }
.previews { list-style: none; margin: 6px 0 0; padding: 0; font-size: 12px; }
.previews li { margin: 2px 0; padding-left: 8px; border-left: 2px solid #dadce0; }
.previews mark { background: #ceead6; color: inherit; border-radius: 2px; }
.previews .removes { display: block; color: #5f6368; }
.hint { margin: 8px 0 0; font-size: 11px; color: #5f6368; } /* 6.0:1 on white (4.5:1 needed) */
.sr-only { position: fixed; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
@media (prefers-color-scheme: dark) {
  .card { background: #292a2d; color: #e8eaed; border-color: #5f6368; }
  .quote { color: #bdc1c6; } .legal, .hint { color: #9aa0a6; } button.ignore { color: #e8eaed; border-color: #5f6368; }
}
`;

/** Names of the highlights in CSS.highlights. */
export const HIGHLIGHT_NAMES = { error: 'crm-note-lint-error', warning: 'crm-note-lint-warning', suggestion: 'crm-note-lint-suggestion' } as const;

export const HIGHLIGHT_CSS = `
::highlight(${HIGHLIGHT_NAMES.error}) { text-decoration: underline wavy ${COLORS.error}; text-decoration-thickness: 1.5px; text-underline-offset: 3px; background-color: rgba(197,34,31,.10); }
::highlight(${HIGHLIGHT_NAMES.warning}) { text-decoration: underline dashed ${COLORS.warning}; text-decoration-thickness: 2px; text-underline-offset: 3px; background-color: rgba(176,96,0,.08); }
::highlight(${HIGHLIGHT_NAMES.suggestion}) { text-decoration: underline dotted ${COLORS.suggestion}; text-decoration-thickness: 2px; text-underline-offset: 3px; }
`;
