// @vitest-environment happy-dom
/**
 * Save guard in happy-dom: the page's own save runs exactly once after "save
 * anyway", never while blocked, and one-click fixes clear the way.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isSaveControl } from '../../../lib/content/save-guard/detection.ts';
import { installSaveGuard, type GuardFinding, type GuardMode, type GuardOutcome, type SaveGuard } from '../../../lib/content/save-guard/save-guard.ts';
import type { Finding } from '../../../lib/engine/types.ts';

function finding(text: string, start: number, severity: Finding['severity'] = 'error'): Finding {
  return {
    start, end: start + text.length, text, category: 'health', rule: 'fr.health.diabetique', severity,
    message: 'Donnée de santé.', suggestions: ['contrainte alimentaire', ''], source: 'RGPD art. 9', locale: 'fr',
    fixes: [{ start, end: start + text.length, replacement: 'contrainte alimentaire' }, { start, end: start + text.length, replacement: '' }],
  };
}

/** A toy tracker: findings = occurrences of "diabétique" in textareas of the scope. */
function findingsIn(scope: ParentNode, severity: Finding['severity'] = 'error'): GuardFinding[] {
  const out: GuardFinding[] = [];
  for (const field of scope.querySelectorAll('textarea')) {
    const i = field.value.indexOf('diabétique');
    if (i >= 0) out.push({ field, finding: finding('diabétique', i, severity) });
  }
  return out;
}

let guard: SaveGuard;
let mode: GuardMode;
let allowJustification: boolean;
let outcomes: GuardOutcome[];
let saves: number;

function setup(html: string, severity: Finding['severity'] = 'error', locale: 'fr' | 'en' | null = 'fr') {
  document.body.innerHTML = html;
  guard = installSaveGuard({
    getConfig: () => ({ mode, allowJustification }),
    findingsIn: (s) => findingsIn(s, severity),
    applyFix: ({ field, finding: f }, i) => {
      const t = field as HTMLTextAreaElement;
      const fx = f.fixes[i]!;
      t.value = t.value.slice(0, fx.start) + fx.replacement + t.value.slice(fx.end);
    },
    onOutcome: (o) => outcomes.push(o),
    ...(locale ? { locale } : {}),
  });
}

const dlg = () => guard.dialog();
const q = (sel: string) => dlg()?.querySelector(sel) as HTMLElement | null;

const FORM = `<form id="f"><textarea id="notes">Client diabétique, rappeler</textarea><button id="save">Enregistrer</button></form>`;

beforeEach(() => {
  mode = 'warn';
  allowJustification = false;
  outcomes = [];
  saves = 0;
});
afterEach(() => guard?.uninstall());

function countSubmits() {
  document.getElementById('f')!.addEventListener('submit', (e) => {
    e.preventDefault();
    saves++;
  });
}

describe('save guard', () => {
  it('recognises save controls by label, aria-label or value, in French and English', () => {
    const mk = (h: string) => {
      document.body.innerHTML = h;
      return document.body.firstElementChild!;
    };
    expect(isSaveControl(mk('<button>Enregistrer</button>'))).toBe(true);
    expect(isSaveControl(mk('<div role="button" aria-label="Sauvegarder la note"></div>'))).toBe(true);
    expect(isSaveControl(mk('<input type="button" value="VALIDER">'))).toBe(true);
    expect(isSaveControl(mk('<button>Save &amp; close</button>'))).toBe(true);
    expect(isSaveControl(mk('<button>Mettre à jour</button>'))).toBe(true);
    expect(isSaveControl(mk('<button>Rechercher</button>'))).toBe(false);
    expect(isSaveControl(mk('<button>Saved searches</button>'))).toBe(false);
  });

  it('suggest mode: nothing is intercepted', () => {
    mode = 'suggest';
    setup(FORM);
    countSubmits();
    document.getElementById('save')!.click();
    expect(saves).toBe(1);
    expect(dlg()).toBeNull();
  });

  it('warn: a form submit is stopped, the dialog lists the finding; "save anyway" submits exactly once', () => {
    setup(FORM);
    countSubmits();
    document.getElementById('save')!.click();
    expect(saves).toBe(0);
    expect(q('li')!.textContent).toContain('« diabétique »');
    expect(q('li')!.textContent).toContain('Santé');
    expect(q('button.save-anyway')!.textContent).toBe('Enregistrer quand même');
    q('button.save-anyway')!.click();
    expect(saves).toBe(1);
    expect(dlg()).toBeNull();
    expect(outcomes.map((o) => o.action)).toEqual(['saved-anyway']);
    expect(outcomes[0]!.findings[0]!.finding.rule).toBe('fr.health.diabetique');
    // The next save is guarded again.
    document.getElementById('save')!.click();
    expect(saves).toBe(1);
    expect(dlg()).not.toBeNull();
  });

  it('warn: a click on a non-submit "Save" control (SPA) is stopped; "save anyway" runs the page handler once', () => {
    setup(`<div role="form"><textarea>Client diabétique</textarea><div role="button" id="b" aria-label="Save note">💾</div></div>`);
    const handler = vi.fn();
    document.getElementById('b')!.addEventListener('click', handler);
    document.getElementById('b')!.click();
    expect(handler).not.toHaveBeenCalled();
    q('button.save-anyway')!.click();
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('warn: Ctrl+Enter and Ctrl+S in a notes field are stopped; "save anyway" replays the shortcut once', () => {
    setup(FORM);
    const keys: string[] = [];
    document.addEventListener('keydown', (e) => {
      if (e.ctrlKey) keys.push(e.key);
    });
    const ta = document.getElementById('notes')!;
    ta.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, cancelable: true }));
    expect(keys).toEqual([]);
    q('button.save-anyway')!.click();
    expect(keys).toEqual(['Enter']);
    ta.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true, cancelable: true }));
    expect(keys).toEqual(['Enter']);
    expect(dlg()).not.toBeNull();
  });

  it('block: no "save anyway"; cancel never saves and reports "blocked"', () => {
    mode = 'block';
    setup(FORM);
    countSubmits();
    document.getElementById('save')!.click();
    expect(q('button.save-anyway')).toBeNull();
    expect(q('button.save-justified')).toBeNull();
    expect(q('h2')!.textContent).toBe('Enregistrement bloqué : 1 mention à corriger');
    expect(q('button.primary')!.textContent).toBe('Revenir à la note');
    document.getElementById('save')!.click(); // a second attempt while the dialog is open
    q('button.cancel')!.click();
    expect(saves).toBe(0);
    expect(outcomes.map((o) => o.action)).toEqual(['blocked']);
  });

  it('block with justification: a category must be chosen; then the save runs once and only the category is reported', () => {
    mode = 'block';
    allowJustification = true;
    setup(FORM);
    countSubmits();
    document.getElementById('save')!.click();
    const go = q('button.save-justified') as HTMLButtonElement;
    expect(go.disabled).toBe(true);
    const select = q('select.justification') as HTMLSelectElement;
    select.value = 'legal-obligation';
    select.dispatchEvent(new Event('change'));
    expect(go.disabled).toBe(false);
    go.click();
    expect(saves).toBe(1);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ action: 'saved-anyway', justification: 'legal-obligation' });
  });

  it('one-click fix: the suggestion is applied, then "Save" runs the page save once', () => {
    mode = 'block';
    setup(FORM);
    countSubmits();
    document.getElementById('save')!.click();
    (q('button.fix[data-fix="0"]') as HTMLButtonElement).click();
    expect((document.getElementById('notes') as HTMLTextAreaElement).value).toBe('Client contrainte alimentaire, rappeler');
    expect(q('li')).toBeNull();
    q('button.save')!.click();
    expect(saves).toBe(1);
    expect(outcomes.map((o) => o.action)).toEqual(['fixed', 'saved-after-fixes']);
  });

  it('warn: going back to the note is the primary action, "save anyway" is not', () => {
    setup(FORM);
    document.getElementById('notes')!.focus();
    document.getElementById('save')!.click();
    expect(q('button.primary')!.textContent).toBe('Revenir à la note');
    expect(q('button.save-anyway')!.classList.contains('primary')).toBe(false);
    q('button.primary')!.click();
    expect(dlg()).toBeNull();
    expect(document.activeElement?.id).toBe('notes');
    expect(outcomes.map((o) => o.action)).toEqual(['cancelled']);
  });

  it('after each fix the title counts what is left; once all are fixed it says so and Save becomes primary', () => {
    setup(`<form id="f"><textarea>Client diabétique</textarea><textarea>Fille diabétique aussi</textarea><button id="save">Enregistrer</button></form>`);
    countSubmits();
    document.getElementById('save')!.click();
    expect(q('h2')!.textContent).toBe('2 mentions sensibles avant l’enregistrement');
    (q('button.fix[data-fix="0"]') as HTMLButtonElement).click();
    expect(q('h2')!.textContent).toBe('1 mention sensible avant l’enregistrement');
    expect(q('[role="status"]')!.textContent).toBe('Corrigé. Il reste 1 mention.');
    expect(dlg()!.activeElement).toBe(q('button.fix'));
    (q('button.fix[data-fix="0"]') as HTMLButtonElement).click();
    expect(q('h2')!.textContent).toBe('Tout est corrigé');
    expect(q('button.primary')!.textContent).toBe('Enregistrer');
    expect(dlg()!.activeElement).toBe(q('button.primary'));
    expect(saves).toBe(0); // the rep decides when to save
    q('button.primary')!.click();
    expect(saves).toBe(1);
  });

  it('the dialog is modal: Tab and Shift+Tab cycle inside it, focus from outside comes back', () => {
    setup(FORM + '<button id="other">Autre</button>');
    document.getElementById('save')!.click();
    const order = [...dlg()!.querySelectorAll('button')].map((b) => b.textContent);
    expect(order).toEqual(['→ contrainte alimentaire', 'Supprimer', 'Enregistrer quand même', 'Revenir à la note']);
    const tab = (shiftKey = false) => document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', shiftKey, bubbles: true, cancelable: true }));
    const focused = () => dlg()!.activeElement?.textContent;
    expect(focused()).toBe(order[0]);
    for (const want of [order[1], order[2], order[3], order[0]]) {
      tab();
      expect(focused()).toBe(want);
    }
    tab(true);
    expect(focused()).toBe(order[3]);
    document.getElementById('other')!.focus();
    expect(focused()).toBe(order[0]);
  });

  it('a fix may focus its field (the editor pipeline needs it): the focus trap steps aside meanwhile', () => {
    document.body.innerHTML = FORM;
    let focusedDuringFix: Element | null = null;
    guard = installSaveGuard({
      getConfig: () => ({ mode, allowJustification }),
      findingsIn: (s) => findingsIn(s),
      applyFix: ({ field, finding: f }, i) => {
        (field as HTMLTextAreaElement).focus();
        focusedDuringFix = document.activeElement;
        const t = field as HTMLTextAreaElement;
        const fx = f.fixes[i]!;
        t.value = t.value.slice(0, fx.start) + fx.replacement + t.value.slice(fx.end);
      },
      locale: 'fr',
    });
    document.getElementById('save')!.click();
    (q('button.fix[data-fix="0"]') as HTMLButtonElement).click();
    expect(focusedDuringFix).toBe(document.getElementById('notes'));
    expect(dlg()!.activeElement).toBe(q('button.primary'));
  });

  it('speaks the browser UI language whatever the page says (English here, on a French page)', () => {
    document.documentElement.lang = 'fr';
    setup(FORM, 'error', null);
    document.getElementById('save')!.click();
    expect(q('h2')!.textContent).toBe('1 sensitive wording before saving');
    expect([...dlg()!.querySelectorAll('.actions button')].map((b) => b.textContent)).toEqual(['Save anyway', 'Back to the note']);
    expect(guard.dialog()!.host.getAttribute('lang')).toBe('en');
  });

  it('warnings (not errors), clean notes and other buttons pass straight through', () => {
    setup(FORM, 'warning');
    countSubmits();
    document.getElementById('save')!.click();
    expect(saves).toBe(1);
    guard.uninstall();
    setup(`<form id="f"><textarea>RAS</textarea><button>Enregistrer</button></form>`);
    countSubmits();
    (document.querySelector('button') as HTMLElement).click();
    expect(saves).toBe(2);
    guard.uninstall();
    setup(`<div><textarea>Client diabétique</textarea><button type="button" id="s">Rechercher</button></div>`);
    const h = vi.fn();
    document.getElementById('s')!.addEventListener('click', h);
    document.getElementById('s')!.click();
    expect(h).toHaveBeenCalledTimes(1);
  });

  it('only the findings of the form being saved count', () => {
    setup(`<form id="f"><textarea>RAS</textarea><button>Valider</button></form><form id="g"><textarea>diabétique</textarea></form>`);
    countSubmits();
    (document.querySelector('#f button') as HTMLElement).click();
    expect(saves).toBe(1);
  });

  it('Escape closes the dialog without saving; uninstall removes everything', () => {
    setup(FORM);
    countSubmits();
    document.getElementById('save')!.click();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(dlg()).toBeNull();
    expect(outcomes.map((o) => o.action)).toEqual(['cancelled']);
    guard.uninstall();
    document.getElementById('save')!.click();
    expect(saves).toBe(1);
  });
});
