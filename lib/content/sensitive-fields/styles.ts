/** The sensitive-field markers' look (inside their own shadow root), one colour per field class. */
import type { FieldClass } from '../../messages.ts';

const COLORS: Record<FieldClass, string> = { 'do-not-collect': '#c5221f', protect: '#b06000', restricted: '#1a73e8' };

export const MARKER_CSS = `
:host { all: initial; position: fixed !important; top: 0 !important; left: 0 !important; width: 0 !important; height: 0 !important;
  overflow: visible !important; z-index: 2147483645 !important; display: block !important; pointer-events: none; contain: style; }
.m { position: fixed; pointer-events: auto; width: 14px; height: 14px; box-sizing: border-box; border-radius: 50%;
  border: 1.5px solid var(--c); background: #fff; color: var(--c); font: 700 9px/11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  text-align: center; cursor: help; opacity: .85; }
.m:hover, .m:focus { opacity: 1; outline: none; z-index: 1; }
.m svg { display: block; width: 10px; height: 10px; margin: 0.5px; fill: currentColor; stroke: currentColor; }
.m.hidden { display: none; }
${(Object.keys(COLORS) as FieldClass[]).map((c) => `.m.c-${c} { --c: ${COLORS[c]}; }`).join('\n')}
.m.c-do-not-collect { background: var(--c); color: #fff; }
.tip { display: none; position: absolute; top: 18px; left: 0; width: max-content; max-width: 300px; box-sizing: border-box;
  font: 12px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #202124; text-align: left;
  background: #fff; border: 1px solid #dadce0; border-left: 3px solid var(--c); border-radius: 6px; box-shadow: 0 2px 10px rgba(0,0,0,.18); padding: 6px 8px; }
.m.flip .tip { left: auto; right: 0; }
.m:hover .tip, .m:focus .tip { display: block; }
.tip b { display: block; color: var(--c); margin-bottom: 2px; }
.tip small { display: block; color: #5f6368; margin-top: 3px; }
@media (prefers-color-scheme: dark) { .tip { background: #292a2d; color: #e8eaed; border-color: #5f6368; } .tip small { color: #9aa0a6; } .m { background: #292a2d; } }
`;
