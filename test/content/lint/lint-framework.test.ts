// @vitest-environment happy-dom
/**
 * The in-page orchestrator with a fake engine and a recording host: which fields it
 * tracks, what it draws, what it tells the host (shown / applied / ignored), and the
 * synchronous catch-up a save relies on. Geometry is zero in happy-dom: the strips are
 * "offscreen" ones, which is enough to check what is drawn.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Finding } from '../../../lib/engine/types.ts';
import { LintFramework, type FrameworkHost } from '../../../lib/content/lint/lint-framework.ts';
import { Mirror } from '../../../lib/content/dom/mirror.ts';

const WORD = 'diabétique';

/** Flags every WORD, with one suggestion that removes it. */
function fakeLint(text: string): Finding[] {
  const out: Finding[] = [];
  for (let i = text.indexOf(WORD); i >= 0; i = text.indexOf(WORD, i + 1)) {
    out.push({
      start: i, end: i + WORD.length, text: WORD, category: 'health', rule: 'fr.health.diabetes', severity: 'error',
      message: 'Health data', suggestions: ['client'], source: 'GDPR art. 9', locale: 'fr',
      fixes: [{ start: i, end: i + WORD.length, replacement: 'client' }],
    });
  }
  return out;
}

interface Recorder extends FrameworkHost {
  shown: Finding[][];
  applied: Finding[];
  ignored: Finding[];
  lints: number;
}

function recorder(over: Partial<FrameworkHost> = {}): Recorder {
  const r: Recorder = {
    shown: [], applied: [], ignored: [], lints: 0,
    ready: async () => true,
    lint: (t) => {
      r.lints++;
      return fakeLint(t);
    },
    allowIgnore: () => true,
    fieldSelectors: () => [],
    onShown: (f) => void r.shown.push(f),
    onApplied: (f) => void r.applied.push(f),
    onIgnored: (f) => void r.ignored.push(f),
    report: () => {},
    ...over,
  };
  return r;
}

const strips = () => [...(document.querySelector('crm-note-lint')?.shadowRoot?.querySelectorAll('[data-finding]') ?? [])];
const settle = () => new Promise((r) => setTimeout(r, 30));

let fw: LintFramework | null = null;
beforeEach(() => {
  // happy-dom lays nothing out: give elements a size, or every field looks hidden.
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(() => new DOMRect(0, 0, 400, 120));
  document.body.innerHTML = '<textarea id="notes"></textarea><input id="other">';
});
afterEach(() => {
  vi.restoreAllMocks();
  fw?.stop();
  fw = null;
  document.body.innerHTML = '';
});

function typeInto(el: HTMLTextAreaElement, value: string): void {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('LintFramework', () => {
  it('does nothing before a notes field gets focus, then lints and draws one strip per finding', async () => {
    const host = recorder();
    const ready = vi.spyOn(host, 'ready');
    fw = new LintFramework(document, host);
    fw.start();
    await settle();
    expect(ready).not.toHaveBeenCalled();
    const ta = document.querySelector<HTMLTextAreaElement>('#notes')!;
    ta.value = `Client ${WORD}, rappeler. Son fils est ${WORD} aussi.`;
    ta.focus();
    await vi.waitFor(() => expect(strips()).toHaveLength(2));
    expect(ready).toHaveBeenCalledTimes(1);
    expect(strips()[0]!.getAttribute('data-category')).toBe('health');
    expect(strips()[0]!.getAttribute('data-rule')).toBe('fr.health.diabetes');
  });

  it('reports a finding shown once per editing session, and again after the field lost focus', async () => {
    const host = recorder();
    fw = new LintFramework(document, host);
    fw.start();
    const ta = document.querySelector<HTMLTextAreaElement>('#notes')!;
    ta.focus();
    typeInto(ta, `Client ${WORD}`);
    await vi.waitFor(() => expect(host.shown.flat()).toHaveLength(1));
    typeInto(ta, `Client ${WORD}, rappeler`);
    await settle();
    expect(host.shown.flat()).toHaveLength(1);
    ta.dispatchEvent(new FocusEvent('focusout'));
    typeInto(ta, `Client ${WORD}, rappeler lundi`);
    await vi.waitFor(() => expect(host.shown.flat()).toHaveLength(2));
  });

  it('re-lints a changed field synchronously for the save guard', async () => {
    const host = recorder();
    fw = new LintFramework(document, host);
    fw.start();
    const ta = document.querySelector<HTMLTextAreaElement>('#notes')!;
    ta.focus();
    await settle();
    ta.value = `Le client est ${WORD}.`; // no input event, no wait: a save right now
    const found = fw.notes.notesFindings(() => true);
    expect(found.map((x) => x.finding.text)).toEqual([WORD]);
    expect(found[0]!.field).toBe(ta);
    expect(fw.notes.notesFields()).toEqual([ta]);
  });

  it('applies a suggestion through the field and tells the host', async () => {
    const host = recorder();
    fw = new LintFramework(document, host);
    fw.start();
    const ta = document.querySelector<HTMLTextAreaElement>('#notes')!;
    ta.focus();
    typeInto(ta, `Le ${WORD} appelle.`);
    await vi.waitFor(() => expect(strips()).toHaveLength(1));
    const key = strips()[0]!.getAttribute('data-finding')!;
    // happy-dom has no execCommand: the delivery falls back to setRangeText + an input event.
    Object.defineProperty(document, 'execCommand', { value: () => false, configurable: true });
    await fw.notes.applyFinding(key, 0);
    expect(ta.value).toBe('Le client appelle.');
    expect(host.applied.map((x) => x.rule)).toEqual(['fr.health.diabetes']);
    await vi.waitFor(() => expect(strips()).toHaveLength(0));
  });

  it('ignores a finding from the card (Alt+Shift+N, Alt+Shift+I) and keeps it ignored while typing', async () => {
    const host = recorder();
    fw = new LintFramework(document, host);
    fw.start();
    const ta = document.querySelector<HTMLTextAreaElement>('#notes')!;
    ta.focus();
    typeInto(ta, `Le ${WORD} appelle.`);
    await vi.waitFor(() => expect(strips()).toHaveLength(1));
    const key = (code: string) => document.dispatchEvent(new KeyboardEvent('keydown', { code, altKey: true, shiftKey: true, bubbles: true }));
    key('KeyN');
    await vi.waitFor(() => expect(document.querySelector('crm-note-lint')!.shadowRoot!.querySelector('[data-action="ignore"]')).not.toBeNull());
    key('KeyI');
    await vi.waitFor(() => expect(strips()).toHaveLength(0));
    expect(host.ignored).toHaveLength(1);
    typeInto(ta, `Le ${WORD} appelle demain.`);
    await settle();
    expect(strips()).toHaveLength(0);
  });

  it('does not rescan the page for mutations inside a tracked rich field', async () => {
    document.body.innerHTML = '<div id="ce" contenteditable="true"><p>Bonjour</p></div>';
    const host = recorder();
    const selectors = vi.spyOn(host, 'fieldSelectors');
    fw = new LintFramework(document, host);
    fw.start();
    const ce = document.querySelector<HTMLElement>('#ce')!;
    ce.focus();
    await settle();
    await new Promise((r) => setTimeout(r, 250)); // the page scan after enabling
    selectors.mockClear();
    const p = document.createElement('p');
    p.textContent = `Client ${WORD}`;
    ce.appendChild(p);
    await vi.waitFor(() => expect(strips()).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 250));
    expect(selectors).not.toHaveBeenCalled();
  });

  it('repaints once per burst of input events, re-measuring only the field typed in', async () => {
    document.body.innerHTML = '<textarea id="a"></textarea><textarea id="b"></textarea>';
    const host = recorder();
    fw = new LintFramework(document, host);
    fw.start();
    const [a, b] = [...document.querySelectorAll('textarea')];
    b!.focus();
    typeInto(b!, `Le ${WORD}.`);
    a!.focus();
    typeInto(a!, `Le ${WORD}.`);
    await vi.waitFor(() => expect(strips()).toHaveLength(2));
    await settle();
    const sync = vi.spyOn(Mirror.prototype, 'sync');
    // Three input events in one task (a paste handler, an IME): one lint, one paint.
    typeInto(a!, `Le ${WORD}. A`);
    typeInto(a!, `Le ${WORD}. Ab`);
    typeInto(a!, `Le ${WORD}. Abc`);
    await settle();
    expect(sync.mock.calls.map(([el]) => el)).toEqual([a]);
  });

  it('a save drops a time-sliced lint still in flight and takes the synchronous result', async () => {
    let slow = false;
    const host = recorder({
      lint: (t) => {
        if (slow) {
          const until = performance.now() + 12; // longer than a slice: the run yields between pieces
          while (performance.now() < until);
        }
        return fakeLint(t);
      },
    });
    fw = new LintFramework(document, host);
    fw.start();
    const ta = document.querySelector<HTMLTextAreaElement>('#notes')!;
    ta.focus();
    await settle();
    slow = true;
    typeInto(ta, `Ligne 1\nLigne 2\nLigne 3\nClient ${WORD}`);
    await Promise.resolve(); // the lint started and yielded after its first piece
    ta.value = 'RAS.'; // replaced by script, then saved at once
    slow = false;
    expect(fw.notes.notesFindings(() => true)).toEqual([]);
    await settle();
    await settle();
    // The older run came back after the save and was dropped: its finding was never shown.
    expect(host.shown.flat()).toEqual([]);
    expect(strips()).toHaveLength(0);
  });

  it('a press outside the card closes it; its button ([data-action="apply"]) applies and tells the host', async () => {
    const host = recorder();
    fw = new LintFramework(document, host);
    fw.start();
    const ta = document.querySelector<HTMLTextAreaElement>('#notes')!;
    ta.focus();
    typeInto(ta, `Le ${WORD} appelle. Son ${WORD} aussi.`);
    await vi.waitFor(() => expect(strips()).toHaveLength(2));
    const shadow = () => document.querySelector('crm-note-lint')!.shadowRoot!;
    // happy-dom lays nothing out, so the strips are offscreen ones: Alt+Shift+N opens the card.
    const next = () => document.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyN', altKey: true, shiftKey: true, bubbles: true }));
    next();
    await vi.waitFor(() => expect(shadow().querySelector('[data-card]')).not.toBeNull());
    document.body.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, composed: true }));
    await vi.waitFor(() => expect(shadow().querySelector('[data-card]')).toBeNull());
    next();
    await vi.waitFor(() => expect(shadow().querySelector('[data-action="apply"]')).not.toBeNull());
    Object.defineProperty(document, 'execCommand', { value: () => false, configurable: true });
    shadow().querySelector<HTMLElement>('[data-action="apply"]')!.click();
    await vi.waitFor(() => expect(ta.value).toBe(`Le client appelle. Son ${WORD} aussi.`));
    expect(host.applied).toHaveLength(1);
    await vi.waitFor(() => expect(strips()).toHaveLength(1));
    expect(shadow().querySelector('[data-card]')).toBeNull();
  });

  it('does not ignore when the policy forbids it (Alt+Shift+I does nothing, nothing counted)', async () => {
    const host = recorder({ allowIgnore: () => false });
    fw = new LintFramework(document, host);
    fw.start();
    const ta = document.querySelector<HTMLTextAreaElement>('#notes')!;
    ta.focus();
    typeInto(ta, `Le ${WORD} appelle.`);
    await vi.waitFor(() => expect(strips()).toHaveLength(1));
    const key = (code: string) => document.dispatchEvent(new KeyboardEvent('keydown', { code, altKey: true, shiftKey: true, bubbles: true }));
    key('KeyN');
    await vi.waitFor(() => expect(document.querySelector('crm-note-lint')!.shadowRoot!.querySelector('[data-card]')).not.toBeNull());
    expect(document.querySelector('crm-note-lint')!.shadowRoot!.querySelector('[data-action="ignore"]')).toBeNull();
    key('KeyI');
    await settle();
    expect(host.ignored).toEqual([]);
    expect(strips()).toHaveLength(1);
  });

  it('reconfigures: off clears every underline, on again re-lints the fields it tracked', async () => {
    let on = true;
    const host = recorder({ ready: async () => on });
    fw = new LintFramework(document, host);
    fw.start();
    const ta = document.querySelector<HTMLTextAreaElement>('#notes')!;
    ta.focus();
    typeInto(ta, `Le ${WORD} appelle.`);
    await vi.waitFor(() => expect(strips()).toHaveLength(1));
    on = false;
    await fw.reconfigure();
    expect(strips()).toHaveLength(0);
    expect(fw.notes.notesFields()).toEqual([]);
    on = true;
    await fw.reconfigure();
    await vi.waitFor(() => expect(strips()).toHaveLength(1));
    expect(fw.notes.notesFields()).toEqual([ta]);
  });

  it('stops: no overlay left, nothing tracked', async () => {
    const host = recorder();
    fw = new LintFramework(document, host);
    fw.start();
    const ta = document.querySelector<HTMLTextAreaElement>('#notes')!;
    ta.focus();
    typeInto(ta, `Le ${WORD}.`);
    await vi.waitFor(() => expect(strips()).toHaveLength(1));
    fw.stop();
    expect(document.querySelector('crm-note-lint')).toBeNull();
    expect(fw.notes.notesFields()).toEqual([]);
  });
});
