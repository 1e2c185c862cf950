/**
 * Save guard for the `warn` and `block` modes: stops the page's save while an
 * `error` finding is unresolved in that form's notes fields, and shows a dialog
 * (in a shadow root) listing them with one-click fixes.
 *
 *  - warn:  "Save anyway" lets the page's original action happen exactly once.
 *  - block: no "Save anyway"; when the policy allows a justification, the rep
 *           picks a justification CATEGORY (never free text) and saves once.
 *  - suggest (or any other mode): the guard lets everything through.
 *
 * What counts as a save: a form `submit`; a click on a control whose label or
 * role means save (Enregistrer, Sauvegarder, Valider, Save, Submit…); Ctrl/⌘+Enter
 * and Ctrl/⌘+S. Listeners are on `window`, capture phase, so they run before the
 * page's own handlers.
 *
 * HOW TO CALL IT (content script, after the field tracker is set up):
 *
 *   import { installSaveGuard } from '@/lib/content/save-guard/save-guard';
 *   const guard = installSaveGuard({
 *     getConfig: () => ({ mode: config.mode, allowJustification: config.allowJustification }),
 *     // Unresolved findings of the notes fields inside `scope` (a <form>, a dialog, or the
 *     // document when the control is in none). The guard keeps severity "error" only.
 *     findingsIn: (scope) => tracker.fieldsIn(scope).flatMap((field) =>
 *       tracker.findings(field).map((finding) => ({ field, finding }))),
 *     // Apply suggestion `index` through the editor's input pipeline (same as the card).
 *     applyFix: ({ field, finding }, index) => tracker.apply(field, finding, index),
 *     // Counts only: category/rule/action, never the text.
 *     onOutcome: ({ action, findings, justification }) => sendCounts(action, findings, justification),
 *     locale: 'fr',
 *   });
 *   // later: guard.uninstall();
 *
 * The module knows nothing of policy or counting: it gets both through `host`.
 */
import { CATEGORIES, type Locale } from '../../categories.ts';
import type { Finding, FixPreview } from '../../engine/types.ts';

export type GuardMode = 'suggest' | 'warn' | 'block';

export interface GuardFinding {
  /** The notes field the finding is in. */
  field: Element;
  finding: Finding;
}

export const JUSTIFICATIONS = ['customer-request', 'legal-obligation', 'service-need', 'false-positive'] as const;
export type JustificationId = (typeof JUSTIFICATIONS)[number];

/**
 * `saved`: a save let through at once (no error finding in scope; emitted only when the
 * scope has other findings, i.e. warnings left at save time).
 */
export type GuardAction = 'saved' | 'saved-anyway' | 'saved-after-fixes' | 'blocked' | 'cancelled' | 'fixed';

export interface GuardOutcome {
  action: GuardAction;
  /** The error findings concerned (for counts: category and rule). */
  findings: GuardFinding[];
  /** Block mode with justification: the category chosen (its text is never collected). */
  justification?: JustificationId;
  /** Save actions (`saved`, `saved-anyway`, `saved-after-fixes`): every finding (any severity) left in scope as the save runs. */
  present?: GuardFinding[];
}

export interface SaveGuardHost {
  getConfig(): { mode: GuardMode; allowJustification: boolean };
  findingsIn(scope: ParentNode): GuardFinding[];
  applyFix(item: GuardFinding, index: number): void | Promise<void>;
  onOutcome?(outcome: GuardOutcome): void;
  /**
   * The scope a save control (or the focused element of a shortcut) saves, when it is in no
   * <form>, dialog or role=form: e.g. the nearest ancestor holding a notes field. Default: the document.
   */
  scopeOf?(el: Element): ParentNode | null;
  /** Dialog language (default: the page's `lang`, then fr). */
  locale?: Locale;
}

export interface SaveGuard {
  uninstall(): void;
  /** The open dialog's shadow root, or null. */
  dialog(): ShadowRoot | null;
}

/** Words that mean "save" on a control (whole words, case- and accent-insensitive). */
export const SAVE_WORDS = [
  'enregistrer', 'sauvegarder', 'valider', 'soumettre', 'envoyer', 'mettre a jour', 'publier',
  'save', 'submit', 'update', 'publish', 'send',
];
const SAVE_RE = new RegExp(`(^|[^\\p{L}])(${SAVE_WORDS.join('|')})([^\\p{L}]|$)`, 'iu');

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();

/** Does this control's visible label, aria-label, title or value mean "save"? */
export function isSaveControl(el: Element): boolean {
  const label = [
    el.getAttribute('aria-label'), el.getAttribute('title'), el.getAttribute('data-tooltip'),
    (el as HTMLInputElement).value && el.tagName === 'INPUT' ? (el as HTMLInputElement).value : '',
    el.textContent,
  ].filter(Boolean).join(' ');
  return SAVE_RE.test(fold(label).replace(/\s+/g, ' ').slice(0, 200));
}

const CONTROL = 'button, input[type="button"], input[type="submit"], input[type="image"], [role="button"], [role="menuitem"], a[href], a[role]';

/** A control whose click submits its form: the `submit` event covers it. */
function submitsForm(el: Element): boolean {
  if (el instanceof HTMLButtonElement) return (el.type || 'submit') === 'submit' && !!el.form;
  if (el instanceof HTMLInputElement) return (el.type === 'submit' || el.type === 'image') && !!el.form;
  return false;
}

/** The <form> (or dialog, role=form) around `el`, across open shadow roots. */
export function containerOf(el: Element | null): ParentNode | null {
  for (let e: Element | null = el; e; ) {
    const c = e.closest('form, [role="dialog"], [role="form"], dialog');
    if (c) return c;
    const root = e.getRootNode();
    e = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
}

const LABELS: Record<Locale, Record<string, string>> = {
  fr: {
    titleWarn: 'Mentions sensibles avant l’enregistrement',
    titleBlock: 'Enregistrement bloqué',
    introWarn: 'Ces mentions ne devraient pas figurer dans la note. Corrigez-les, ou enregistrez quand même.',
    introBlock: 'Votre organisation bloque l’enregistrement tant que ces mentions restent dans la note.',
    allFixed: 'Tout est corrigé.',
    remove: 'Supprimer',
    removes: 'Supprime « $1 »',
    saveAnyway: 'Enregistrer quand même',
    save: 'Enregistrer',
    saveJustified: 'Enregistrer avec ce motif',
    justify: 'Motif (seule la catégorie est comptée, jamais le texte)',
    choose: 'Choisir un motif…',
    cancel: 'Annuler',
    'customer-request': 'Demande explicite du client',
    'legal-obligation': 'Obligation légale',
    'service-need': 'Nécessaire au service demandé',
    'false-positive': 'Faux positif',
  },
  en: {
    titleWarn: 'Sensitive wording before saving',
    titleBlock: 'Saving is blocked',
    introWarn: 'This wording should not be in the note. Fix it, or save anyway.',
    introBlock: 'Your organisation blocks saving while this wording remains in the note.',
    allFixed: 'Everything is fixed.',
    remove: 'Remove',
    removes: 'Removes “$1”',
    saveAnyway: 'Save anyway',
    save: 'Save',
    saveJustified: 'Save with this reason',
    justify: 'Reason (only its category is counted, never any text)',
    choose: 'Choose a reason…',
    cancel: 'Cancel',
    'customer-request': 'Explicit request from the customer',
    'legal-obligation': 'Legal obligation',
    'service-need': 'Needed for the requested service',
    'false-positive': 'False positive',
  },
};

const STYLE = `
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

interface Pending {
  kind: 'submit' | 'click' | 'key';
  scope: ParentNode;
  replay: () => void;
}

export function installSaveGuard(host: SaveGuardHost, opts: { window?: Window } = {}): SaveGuard {
  const win = opts.window ?? window;
  const doc = win.document;
  let replaying = false;
  /** After a replay, one submit of this form may still come from the page's own async handler. */
  let graceForm: { form: HTMLFormElement; until: number } | null = null;
  let hostEl: HTMLElement | null = null;
  let root: ShadowRoot | null = null;
  let lastFocus: Element | null = null;

  const errorsIn = (scope: ParentNode) => host.findingsIn(scope).filter((g) => g.finding.severity === 'error');
  const scopeOf = (el: Element | null): ParentNode => containerOf(el) ?? (el && host.scopeOf?.(el)) ?? doc;
  /** Last `saved` outcome: a click whose handler then submits the form is one save, counted once. */
  let lastSaved: { scope: ParentNode; at: number } | null = null;
  const locale = (): Locale => host.locale ?? (/^en/i.test(doc.documentElement.lang) ? 'en' : 'fr');

  function guardable(): boolean {
    const m = host.getConfig().mode;
    return m === 'warn' || m === 'block';
  }

  function stop(e: Event) {
    e.preventDefault();
    e.stopImmediatePropagation();
  }

  /** Returns true when the event must be stopped (and opens the dialog). */
  function intercept(e: Event, kind: Pending['kind'], scope: ParentNode, replay: () => void): boolean {
    if (replaying || !guardable()) return false;
    if (root) {
      stop(e);
      (root.querySelector('button') as HTMLElement | null)?.focus();
      return true;
    }
    const all = host.findingsIn(scope);
    const errors = all.filter((g) => g.finding.severity === 'error');
    if (!errors.length) {
      const now = Date.now();
      if (all.length && !(lastSaved && lastSaved.scope === scope && now - lastSaved.at < 1000)) outcome('saved', [], undefined, all);
      lastSaved = { scope, at: now };
      return false;
    }
    stop(e);
    open({ kind, scope, replay });
    return true;
  }

  function runReplay(p: Pending) {
    close();
    replaying = true;
    try {
      p.replay();
    } finally {
      replaying = false;
    }
    // A replayed click or shortcut may make the page submit the form a moment later (async handler).
    const form = p.kind !== 'submit' && p.scope instanceof HTMLFormElement ? p.scope : null;
    graceForm = form ? { form, until: Date.now() + 1000 } : null;
  }

  const onSubmit = (e: Event) => {
    const form = e.target;
    if (!(form instanceof HTMLFormElement)) return;
    if (graceForm && graceForm.form === form && Date.now() < graceForm.until) {
      graceForm = null;
      return;
    }
    const submitter = (e as SubmitEvent).submitter ?? null;
    intercept(e, 'submit', form, () => {
      if (typeof form.requestSubmit === 'function') form.requestSubmit(submitter && submitsForm(submitter) ? (submitter as HTMLElement) : undefined);
      else form.submit();
    });
  };

  const onClick = (e: Event) => {
    const path = e.composedPath();
    const target = path[0] ?? e.target; // inside an open shadow root too
    if (!(target instanceof Element) || (hostEl && path.includes(hostEl))) return;
    const control = target.closest(CONTROL);
    if (!control || submitsForm(control) || !isSaveControl(control)) return;
    intercept(e, 'click', scopeOf(control), () => (control as HTMLElement).click());
  };

  const onKeydown = (e: Event) => {
    const k = e as KeyboardEvent;
    if (!(k.ctrlKey || k.metaKey) || !(k.key === 'Enter' || k.key.toLowerCase() === 's')) return;
    if (hostEl && e.composedPath().includes(hostEl)) return;
    const first = e.composedPath()[0];
    const target = (first instanceof Element ? first : e.target instanceof Element ? e.target : doc.activeElement) ?? doc.body;
    const init: KeyboardEventInit = {
      key: k.key, code: k.code, ctrlKey: k.ctrlKey, metaKey: k.metaKey, shiftKey: k.shiftKey, altKey: k.altKey,
      bubbles: true, cancelable: true, composed: true,
    };
    intercept(e, 'key', scopeOf(target), () => {
      target.dispatchEvent(new (win as unknown as typeof globalThis).KeyboardEvent('keydown', init));
    });
  };

  function outcome(action: GuardAction, findings: GuardFinding[], justification?: JustificationId, present?: GuardFinding[]) {
    try {
      host.onOutcome?.({ action, findings, ...(justification ? { justification } : {}), ...(present ? { present } : {}) });
    } catch {
      /* counting never breaks saving */
    }
  }

  function close() {
    hostEl?.remove();
    hostEl = null;
    root = null;
    doc.removeEventListener('keydown', onDialogKey, true);
    if (lastFocus instanceof HTMLElement) lastFocus.focus();
  }

  let current: Pending | null = null;
  let initial: GuardFinding[] = [];

  function onDialogKey(e: KeyboardEvent) {
    if (e.key === 'Escape' && root) {
      stop(e);
      cancel();
    }
  }

  function cancel() {
    const { mode } = host.getConfig();
    outcome(mode === 'block' ? 'blocked' : 'cancelled', initial);
    current = null;
    close();
  }

  function open(p: Pending) {
    current = p;
    initial = errorsIn(p.scope);
    lastFocus = doc.activeElement;
    hostEl = doc.createElement('crm-note-lint-save-guard');
    root = hostEl.attachShadow({ mode: 'open' });
    (doc.body ?? doc.documentElement).appendChild(hostEl);
    doc.addEventListener('keydown', onDialogKey, true);
    render();
  }

  function render() {
    if (!root || !current) return;
    const p = current;
    const L = LABELS[locale()];
    const { mode, allowJustification } = host.getConfig();
    const errors = errorsIn(p.scope);
    root.replaceChildren();
    const style = doc.createElement('style');
    style.textContent = STYLE;
    const backdrop = el('div', 'backdrop');
    const dialog = el('div', 'dialog');
    dialog.setAttribute('role', 'alertdialog');
    dialog.setAttribute('aria-modal', 'true');
    dialog.setAttribute('aria-labelledby', 'cnl-title');
    const h = el('h2', '', mode === 'block' ? L.titleBlock! : L.titleWarn!);
    h.id = 'cnl-title';
    dialog.append(h, el('p', '', errors.length ? (mode === 'block' ? L.introBlock! : L.introWarn!) : L.allFixed!));
    const list = el('ul', '');
    for (const g of errors) {
      const li = el('li', '');
      li.dataset.rule = g.finding.rule;
      const head = el('div', '');
      head.append(el('span', 'wording', `« ${g.finding.text} »`), el('span', 'cat', CATEGORIES[g.finding.category]?.label[locale()] ?? g.finding.category));
      li.append(head, el('div', 'msg', g.finding.message));
      g.finding.suggestions.forEach((s, i) => {
        const b = el('button', 'fix', s === '' ? L.remove! : `→ ${s}`);
        b.dataset.fix = String(i);
        b.addEventListener('click', () => {
          const after = () => {
            outcome('fixed', [g]);
            render();
          };
          const r = host.applyFix(g, i);
          if (r && typeof (r as Promise<void>).then === 'function') void (r as Promise<void>).then(after);
          else after();
        });
        li.append(b);
        const preview = g.finding.fixes[i]?.preview;
        if (preview) li.append(previewLine(preview, s === '' ? L.removes!.replace('$1', preview.removed) : ''));
      });
      list.append(li);
    }
    dialog.append(list);
    const actions = el('div', 'actions');
    const cancelBtn = el('button', 'cancel', L.cancel!);
    cancelBtn.addEventListener('click', cancel);
    actions.append(cancelBtn);
    if (!errors.length) {
      const save = el('button', 'primary save', L.save!);
      save.addEventListener('click', () => {
        outcome('saved-after-fixes', initial, undefined, host.findingsIn(p.scope));
        runReplay(p);
      });
      actions.append(save);
    } else if (mode === 'warn') {
      const anyway = el('button', 'primary save-anyway', L.saveAnyway!);
      anyway.addEventListener('click', () => {
        outcome('saved-anyway', errors, undefined, host.findingsIn(p.scope));
        runReplay(p);
      });
      actions.append(anyway);
    } else if (mode === 'block' && allowJustification) {
      const label = el('label', '', L.justify!);
      const select = doc.createElement('select');
      select.className = 'justification';
      select.append(option('', L.choose!));
      for (const j of JUSTIFICATIONS) select.append(option(j, L[j]!));
      label.append(doc.createElement('br'), select);
      const go = el('button', 'primary save-justified', L.saveJustified!) as HTMLButtonElement;
      go.disabled = true;
      select.addEventListener('change', () => (go.disabled = !select.value));
      go.addEventListener('click', () => {
        const j = select.value as JustificationId;
        if (!JUSTIFICATIONS.includes(j)) return;
        outcome('saved-anyway', errors, j, host.findingsIn(p.scope));
        runReplay(p);
      });
      actions.prepend(label);
      actions.append(go);
    }
    dialog.append(actions);
    backdrop.append(dialog);
    root.append(style, backdrop);
    (root.querySelector('button.fix, button.primary, button.cancel') as HTMLElement | null)?.focus();
  }

  function el(tag: string, cls: string, text?: string): HTMLElement {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** The sentence as it will read after a fix, the changed part in <mark>; a removal says what goes. */
  function previewLine(p: FixPreview, removes: string): HTMLElement {
    const line = el('div', 'preview');
    const mark = el('mark', '', p.text.slice(p.start, p.end));
    line.append(p.text.slice(0, p.start), ...(p.end > p.start ? [mark] : []), p.text.slice(p.end));
    if (removes) line.append(el('span', 'removes', removes));
    return line;
  }

  function option(value: string, text: string): HTMLOptionElement {
    const o = doc.createElement('option');
    o.value = value;
    o.textContent = text;
    return o;
  }

  win.addEventListener('submit', onSubmit, true);
  win.addEventListener('click', onClick, true);
  win.addEventListener('keydown', onKeydown, true);

  return {
    uninstall() {
      win.removeEventListener('submit', onSubmit, true);
      win.removeEventListener('click', onClick, true);
      win.removeEventListener('keydown', onKeydown, true);
      close();
    },
    dialog: () => root,
  };
}
