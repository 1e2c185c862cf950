/**
 * What counts as a save: a control whose label means save (whole words, case- and
 * accent-insensitive), a submit button, and the form or dialog a control belongs to.
 */
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

export const CONTROL = 'button, input[type="button"], input[type="submit"], input[type="image"], [role="button"], [role="menuitem"], a[href], a[role]';

/** A control whose click submits its form: the `submit` event covers it. */
export function submitsForm(el: Element): boolean {
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
