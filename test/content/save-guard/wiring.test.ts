// @vitest-environment happy-dom
/**
 * The content script's glue around the save guard (lib/content/save-guard/wiring.ts):
 * installed only in warn/block, the scope of a save without <form>, and the count
 * events (category + rule + action only).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inScope, wireSaveGuard, type NotesTracker, type SaveGuardWiring } from '../../../lib/content/save-guard/wiring.ts';
import type { Finding } from '../../../lib/engine/types.ts';
import type { CountEvent } from '../../../lib/messages.ts';

function finding(text: string, start: number, severity: Finding['severity'], rule: string, category: Finding['category']): Finding {
  return {
    start, end: start + text.length, text, category, rule, severity, message: 'm', suggestions: ['X'], source: 's', locale: 'fr',
    fixes: [{ start, end: start + text.length, replacement: 'X' }],
  };
}

/** Toy tracker: every textarea is a notes field; "handicapé" is an error, "hallal" a warning. */
const tracker: NotesTracker = {
  notesFields: () => [...document.querySelectorAll('textarea')],
  notesFindings(accept) {
    const out: ReturnType<NotesTracker['notesFindings']> = [];
    for (const field of document.querySelectorAll('textarea')) {
      if (!accept(field)) continue;
      const v = field.value;
      const a = v.indexOf('handicapé');
      if (a >= 0) out.push({ field, key: `e${a}`, finding: finding('handicapé', a, 'error', 'fr.disability.handicape', 'disability') });
      const b = v.indexOf('hallal');
      if (b >= 0) out.push({ field, key: `w${b}`, finding: finding('hallal', b, 'warning', 'fr.diet.menu-hallal', 'diet') });
    }
    return out;
  },
  async applyFinding() {},
};

let mode: 'suggest' | 'warn' | 'block';
let allowJustification: boolean;
let events: CountEvent[];
let wiring: SaveGuardWiring;
let saves: number;

beforeEach(() => {
  mode = 'warn';
  allowJustification = false;
  events = [];
  saves = 0;
  wiring = wireSaveGuard(document, {
    config: () => ({ enabled: true, mode, allowJustification }),
    tracker,
    count: (e) => events.push(...e),
  });
});
afterEach(() => wiring.stop());

const q = (sel: string) => wiring.guard!.dialog()!.querySelector(sel) as HTMLElement;
const SPA = `<div id="c1"><textarea id="n1"></textarea><div><span role="button" id="s1">Enregistrer</span></div></div>
  <div id="c2"><textarea id="n2"></textarea><button type="button" id="s2">Enregistrer</button></div>`;

function spa(n1: string, n2: string) {
  document.body.innerHTML = SPA;
  (document.getElementById('n1') as HTMLTextAreaElement).value = n1;
  (document.getElementById('n2') as HTMLTextAreaElement).value = n2;
  document.getElementById('s1')!.addEventListener('click', () => saves++);
  document.getElementById('s2')!.addEventListener('click', () => saves++);
}

describe('save guard wiring', () => {
  it('suggest mode (or linting off) installs no guard; warn/block do', () => {
    mode = 'suggest';
    wiring.sync();
    expect(wiring.guard).toBeNull();
    mode = 'block';
    wiring.sync();
    expect(wiring.guard).not.toBeNull();
    mode = 'suggest';
    wiring.sync();
    expect(wiring.guard).toBeNull();
  });

  it('without a form, a control saves the notes of the nearest container holding a notes field', () => {
    wiring.sync();
    spa('RAS', 'Client handicapé');
    document.getElementById('s1')!.click();
    expect(saves).toBe(1);
    expect(wiring.guard!.dialog()).toBeNull();
    document.getElementById('s2')!.click();
    expect(saves).toBe(1);
    expect(wiring.guard!.dialog()).not.toBeNull();
  });

  it('counts saved-with for warnings let through, saved-anyway for errors saved anyway', () => {
    wiring.sync();
    spa('menus hallal', 'Client handicapé, menus hallal');
    document.getElementById('s1')!.click();
    expect(saves).toBe(1);
    expect(events).toEqual([{ category: 'diet', rule: 'fr.diet.menu-hallal', action: 'saved-with' }]);
    events = [];
    document.getElementById('s2')!.click();
    q('button.save-anyway').click();
    expect(saves).toBe(2);
    expect(events).toEqual([
      { category: 'disability', rule: 'fr.disability.handicape', action: 'saved-anyway' },
      { category: 'diet', rule: 'fr.diet.menu-hallal', action: 'saved-with' },
    ]);
  });

  it('block: "blocked" per error; a justification is counted by its category only', () => {
    mode = 'block';
    allowJustification = true;
    wiring.sync();
    spa('', 'Client handicapé');
    document.getElementById('s2')!.click();
    q('button.cancel').click();
    expect(events).toEqual([{ category: 'disability', rule: 'fr.disability.handicape', action: 'blocked' }]);
    events = [];
    document.getElementById('s2')!.click();
    const select = q('select.justification') as HTMLSelectElement;
    select.value = 'false-positive';
    select.dispatchEvent(new Event('change'));
    q('button.save-justified').click();
    expect(saves).toBe(1);
    expect(events).toEqual([{ category: 'disability', rule: 'justification.false-positive', action: 'saved-anyway' }]);
    expect(JSON.stringify(events)).not.toContain('handicapé');
  });

  it('a form owns its fields, form-associated ones included', () => {
    document.body.innerHTML = `<form id="f"><textarea id="a"></textarea></form><textarea id="b" form="f"></textarea><textarea id="c"></textarea>`;
    const f = document.getElementById('f') as HTMLFormElement;
    expect(inScope(f, document.getElementById('a')!)).toBe(true);
    expect(inScope(f, document.getElementById('b')!)).toBe(true);
    expect(inScope(f, document.getElementById('c')!)).toBe(false);
    expect(inScope(document, document.getElementById('c')!)).toBe(true);
  });
});
