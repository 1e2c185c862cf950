/**
 * The save guard's dialog, drawn into its shadow root: a header (title, intro, live
 * status), the error findings with their one-click fixes (the only part that
 * scrolls) and a footer that always stays in view. It only draws; what each button
 * does is the guard's (save-guard.ts), passed in `on`.
 */
import { CATEGORIES, type Locale } from '../../categories.ts';
import type { Finding, FixPreview } from '../../engine/types.ts';
import { dialogWords } from './strings.ts';
import { SAVE_GUARD_CSS } from './styles.ts';

/** What a rep may pick to save in block mode (when the policy allows it): categories, never free text. */
export const JUSTIFICATIONS = ['customer-request', 'legal-obligation', 'service-need', 'false-positive'] as const;
export type JustificationId = (typeof JUSTIFICATIONS)[number];

type Shown = { finding: Finding };

export interface DialogModel<G extends Shown> {
  locale: Locale;
  mode: 'warn' | 'block';
  allowJustification: boolean;
  /** The error findings still in the note. */
  errors: G[];
  /** Announced politely (e.g. "2 left"). */
  status: string;
}

export interface DialogActions<G extends Shown> {
  fix(g: G, index: number): void;
  /** Back to the note. */
  cancel(): void;
  /** Every error fixed: save now. */
  save(): void;
  /** warn mode: save with the errors. */
  saveAnyway(): void;
  /** block mode with justifications: save with this one. */
  saveJustified(j: JustificationId): void;
}

export function renderDialog<G extends Shown>(root: ShadowRoot, m: DialogModel<G>, on: DialogActions<G>): void {
  const doc = root.ownerDocument;
  const el = (tag: string, cls: string, text?: string): HTMLElement => {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const W = dialogWords(m.locale);
  const { errors, mode } = m;
  root.replaceChildren();
  const style = doc.createElement('style');
  style.textContent = SAVE_GUARD_CSS;
  const backdrop = el('div', 'backdrop');
  const dialog = el('div', 'dialog');
  dialog.setAttribute('role', 'alertdialog');
  dialog.setAttribute('aria-modal', 'true');
  dialog.setAttribute('aria-labelledby', 'cnl-title');
  dialog.setAttribute('aria-describedby', 'cnl-intro');
  dialog.dataset.state = errors.length ? 'errors' : 'fixed';
  const h = el('h2', '', errors.length ? W.title(mode, errors.length) : W.allFixedTitle);
  h.id = 'cnl-title';
  const intro = el('p', 'intro', errors.length ? W.text(mode === 'block' ? 'introBlock' : 'introWarn') : W.text('allFixed'));
  intro.id = 'cnl-intro';
  const live = el('p', 'status', m.status);
  live.setAttribute('role', 'status');
  live.setAttribute('aria-live', 'polite');
  const header = el('div', 'header');
  header.append(h, intro, live);
  const body = el('div', 'body');
  const list = el('ul', '');
  for (const g of errors) {
    const li = el('li', '');
    li.dataset.rule = g.finding.rule;
    const head = el('div', '');
    head.append(el('span', 'wording', `« ${g.finding.text} »`), el('span', 'cat', CATEGORIES[g.finding.category]?.label[m.locale] ?? g.finding.category));
    li.append(head, el('div', 'msg', g.finding.message));
    g.finding.suggestions.forEach((s, i) => {
      const preview = g.finding.fixes[i]?.preview;
      const b = el('button', 'fix', s === '' ? W.text('remove') : `→ ${s}`);
      b.setAttribute('type', 'button');
      // The accessible name starts with the visible words (WCAG 2.5.3), then says what goes or what replaces what.
      b.setAttribute('aria-label', s === '' ? `${W.text('remove')} « ${preview?.removed || g.finding.text} »` : W.text('replace', g.finding.text, s));
      b.dataset.fix = String(i);
      b.addEventListener('click', () => on.fix(g, i));
      li.append(b);
      if (preview) li.append(previewLine(el, preview, s === '' ? W.text('removes', preview.removed) : ''));
    });
    list.append(li);
  }
  if (errors.length) body.append(list);
  const actions = el('div', 'actions');
  const button = (cls: string, text: string, onClick: () => void) => {
    const b = el('button', cls, text) as HTMLButtonElement;
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  };
  if (!errors.length) {
    // Everything fixed: saving is the obvious next step, but the rep still decides.
    actions.append(button('cancel', W.text('cancel'), on.cancel), button('primary save', W.text('save'), on.save));
  } else {
    // Fixing is the way forward: going back to the note is primary, saving as is is not.
    const back = button('primary cancel review', W.text('review'), on.cancel);
    if (mode === 'warn') {
      actions.append(button('save-anyway', W.text('saveAnyway'), on.saveAnyway));
    } else if (mode === 'block' && m.allowJustification) {
      const label = el('label', 'justify', W.text('justify'));
      const select = doc.createElement('select');
      select.className = 'justification';
      const option = (value: string, text: string) => Object.assign(doc.createElement('option'), { value, textContent: text });
      select.append(option('', W.text('choose')));
      for (const j of JUSTIFICATIONS) select.append(option(j, W.text(j)));
      label.append(select);
      body.append(label);
      const go = button('save-justified', W.text('saveJustified'), () => {
        const j = select.value as JustificationId;
        if (JUSTIFICATIONS.includes(j)) on.saveJustified(j);
      });
      go.disabled = true;
      select.addEventListener('change', () => (go.disabled = !select.value));
      actions.append(go);
    }
    actions.append(back);
  }
  dialog.append(header, body, actions);
  backdrop.append(dialog);
  root.append(style, backdrop);
  (root.querySelector(errors.length ? 'button.fix' : 'button.primary') as HTMLElement | null)?.focus();
}

/** The sentence as it will read after a fix, the changed part in <mark>; a removal says what goes. */
function previewLine(el: (tag: string, cls: string, text?: string) => HTMLElement, p: FixPreview, removes: string): HTMLElement {
  const line = el('div', 'preview');
  const mark = el('mark', '', p.text.slice(p.start, p.end));
  line.append(p.text.slice(0, p.start), ...(p.end > p.start ? [mark] : []), p.text.slice(p.end));
  if (removes) line.append(el('span', 'removes', removes));
  return line;
}
