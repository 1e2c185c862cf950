/**
 * Save guard for the `warn` and `block` modes: stops the page's save while an
 * `error` finding is unresolved in that form's notes fields, and shows a dialog
 * (in a shadow root) listing them with one-click fixes.
 *
 *  - warn:  the primary action goes back to the note (fix it); "Save anyway" lets the
 *           page's original action happen exactly once.
 *  - block: no "Save anyway"; when the policy allows a justification, the rep
 *           picks a justification CATEGORY (never free text) and saves once.
 *  - suggest (or any other mode): the guard lets everything through.
 *
 * Once every error is fixed from the dialog, it says so and offers Save as its primary
 * action; it never saves on the rep's behalf (they may still want to read the note).
 * The dialog is modal: Tab cycles inside it, Escape goes back to the field.
 *
 * What counts as a save: a form `submit`; a click on a control whose label or
 * role means save (Enregistrer, Sauvegarder, Valider, Save, Submit…); Ctrl/⌘+Enter
 * and Ctrl/⌘+S. Listeners are on `window`, capture phase, so they run before the
 * page's own handlers.
 *
 * The content script wires it to the notes fields and the counts (wiring.ts).
 * The module knows nothing of policy or counting: it gets both through `host`.
 */
import type { Locale } from '../../categories.ts';
import type { Finding } from '../../engine/types.ts';
import { containerOf, CONTROL, isSaveControl, submitsForm } from './detection.ts';
import { renderDialog, type JustificationId } from './dialog-view.ts';
import { dialogWords } from './strings.ts';
import { locale as uiLocale } from '../../i18n.ts';

export type GuardMode = 'suggest' | 'warn' | 'block';

export interface GuardFinding {
  /** The notes field the finding is in. */
  field: Element;
  finding: Finding;
}


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
  /** Dialog language (default: the browser's UI language, as the card). */
  locale?: Locale;
}

export interface SaveGuard {
  uninstall(): void;
  /** The open dialog's shadow root, or null. */
  dialog(): ShadowRoot | null;
}

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
  /** One language per screen: the browser's UI language, never the page's. */
  const locale = (): Locale => host.locale ?? uiLocale();

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

  function close(focusTo: Element | null = lastFocus) {
    hostEl?.remove();
    hostEl = null;
    root = null;
    doc.removeEventListener('keydown', onDialogKey, true);
    doc.removeEventListener('focusin', onFocusIn, true);
    // Back to where the rep was typing (a field inside an open shadow root included).
    if (focusTo instanceof HTMLElement && focusTo.isConnected) focusTo.focus();
  }

  let current: Pending | null = null;
  let initial: GuardFinding[] = [];
  /** True while a one-click fix runs (the focus trap steps aside). */
  let applying = false;

  /** The dialog's controls a keyboard reaches, in order. */
  function focusables(): HTMLElement[] {
    if (!root) return [];
    return [...root.querySelectorAll<HTMLElement>('button, select')].filter((b) => !(b as HTMLButtonElement).disabled);
  }

  function onDialogKey(e: KeyboardEvent) {
    if (!root) return;
    if (e.key === 'Escape') {
      stop(e);
      cancel();
      return;
    }
    if (e.key !== 'Tab') return;
    // The modal holds the focus: Tab and Shift+Tab cycle through its controls only.
    const items = focusables();
    if (!items.length) return;
    const at = items.indexOf(root.activeElement as HTMLElement);
    const next = e.shiftKey ? (at <= 0 ? items.length - 1 : at - 1) : (at < 0 || at === items.length - 1 ? 0 : at + 1);
    stop(e);
    items[next]!.focus();
  }

  /** Focus that escapes anyway (a click on the page behind, a script) comes back. */
  function onFocusIn(e: FocusEvent) {
    // A fix being applied focuses its field for the editor's own input pipeline: let it.
    if (applying || !root || !hostEl || e.composedPath().includes(hostEl)) return;
    focusables()[0]?.focus();
  }

  function cancel() {
    const { mode } = host.getConfig();
    outcome(mode === 'block' ? 'blocked' : 'cancelled', initial);
    // Back to the note: the field with the first error left (not the Save button clicked).
    const left = current ? errorsIn(current.scope)[0]?.field : undefined;
    current = null;
    close(left ?? initial[0]?.field ?? lastFocus);
  }

  function open(p: Pending) {
    current = p;
    initial = errorsIn(p.scope);
    lastFocus = deepActive();
    hostEl = doc.createElement('crm-note-lint-save-guard');
    hostEl.setAttribute('lang', locale());
    root = hostEl.attachShadow({ mode: 'open' });
    (doc.body ?? doc.documentElement).appendChild(hostEl);
    doc.addEventListener('keydown', onDialogKey, true);
    doc.addEventListener('focusin', onFocusIn, true);
    render();
  }

  function deepActive(): Element | null {
    let a = doc.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a;
  }

  /** Draws the dialog (dialog-view.ts); `status` is announced politely. */
  function render(status = '') {
    if (!root || !current) return;
    const p = current;
    const W = dialogWords(locale());
    const { mode, allowJustification } = host.getConfig();
    const replayAs = (action: GuardAction, findings: GuardFinding[], j?: JustificationId) => {
      outcome(action, findings, j, host.findingsIn(p.scope));
      runReplay(p);
    };
    const errors = errorsIn(p.scope);
    renderDialog(root, { locale: locale(), mode: mode === 'block' ? 'block' : 'warn', allowJustification, errors, status }, {
      fix(g, i) {
        const after = () => {
          applying = false;
          outcome('fixed', [g]);
          const left = errorsIn(p.scope).length;
          render(left ? W.left(left) : W.allFixedTitle);
        };
        applying = true;
        let r: void | Promise<void>;
        try {
          r = host.applyFix(g, i);
        } catch (err) {
          applying = false;
          throw err;
        }
        if (r && typeof (r as Promise<void>).then === 'function') void (r as Promise<void>).then(after, () => { applying = false; render(); });
        else after();
      },
      cancel,
      save: () => replayAs('saved-after-fixes', initial),
      saveAnyway: () => replayAs('saved-anyway', errors),
      saveJustified: (j) => replayAs('saved-anyway', errors, j),
    });
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
