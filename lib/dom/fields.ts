/**
 * Which elements are notes fields. Pure DOM: no policy, no engine.
 */

export type FieldKind = 'text' | 'rich';

const OPT_OUT: [string, string][] = [
  ['data-gramm', 'false'],
  ['data-enable-grammarly', 'false'],
  ['data-lt-active', 'false'],
  ['data-crm-note-lint', 'off'],
];
/**
 * Editors' own editable roots: some put spellcheck="false" there by default (Draft.js,
 * Jodit, CodeMirror…), which is the editor's choice, not the page opting out.
 */
const EDITOR_ROOTS: readonly { editor: string; root: string }[] = [
  { editor: 'TinyMCE', root: '.mce-content-body' },
  { editor: 'Quill', root: '.ql-editor' },
  { editor: 'CKEditor 5', root: '.ck-editor__editable' },
  { editor: 'ProseMirror / Tiptap', root: '.ProseMirror' },
  { editor: 'Lexical', root: '[data-lexical-editor]' },
  { editor: 'Draft.js', root: '.public-DraftEditor-content' },
  { editor: 'Jodit', root: '.jodit-wysiwyg' },
  { editor: 'Froala', root: '.fr-element' },
  { editor: 'Summernote', root: '.note-editable' },
  { editor: 'CodeMirror 6', root: '.cm-content' },
  { editor: 'Slate', root: '[data-slate-editor]' },
  { editor: 'Trix', root: 'trix-editor' },
  { editor: 'Editor.js', root: '.codex-editor [contenteditable]' },
];
const OWN_SPELLCHECK_OFF = EDITOR_ROOTS.map((e) => e.root).join(', ');
const SEARCHY = /(^|[-_\s])(search|query|q|recherche|filter|filtre)([-_\s]|$)/i;

/** The element's inner target (composedPath crosses open shadow roots). */
export function eventTarget(e: Event): Element | null {
  const t = (e.composedPath?.()[0] ?? e.target) as Node | null;
  if (!t) return null;
  return t.nodeType === 1 ? (t as Element) : t.parentElement;
}

/** The focused element, descending into open shadow roots. */
export function deepActiveElement(doc: Document): Element | null {
  let a: Element | null = doc.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/** The editing host of a node inside a contenteditable region (the outermost editable element). */
export function editingHost(el: Element): HTMLElement | null {
  let cur: HTMLElement | null = el as HTMLElement;
  if (!cur.isContentEditable) return null;
  for (;;) {
    const parent: Element | null = cur.parentElement ?? ((cur.getRootNode() as ShadowRoot).host ?? null);
    if (!parent || !(parent as HTMLElement).isContentEditable) return cur;
    cur = parent as HTMLElement;
  }
}

function optedOut(el: Element): boolean {
  for (const [attr, value] of OPT_OUT) if (el.closest(`[${attr}="${value}"]`)) return true;
  const sc = el.getAttribute('spellcheck');
  if (sc === 'false' && !el.matches(OWN_SPELLCHECK_OFF)) return true;
  return false;
}

export function isHidden(el: Element): boolean {
  const r = el.getBoundingClientRect();
  if (r.width < 2 || r.height < 2) return true;
  const cs = getComputedStyle(el);
  return cs.visibility === 'hidden' || cs.display === 'none';
}

/** Classifies `el` as a notes field, or null when it must be left alone. */
export function classifyField(el: Element, extraSelectors: readonly string[] = []): { el: HTMLElement; kind: FieldKind } | null {
  const forced = extraSelectors.some((s) => {
    try {
      return el.matches(s);
    } catch {
      return false;
    }
  });
  let target: HTMLElement | null = null;
  let kind: FieldKind = 'text';
  const tag = el.tagName;
  if (tag === 'TEXTAREA') {
    const ta = el as HTMLTextAreaElement;
    if (ta.readOnly || ta.disabled) return null;
    target = ta;
  } else if (tag === 'INPUT') {
    const input = el as HTMLInputElement;
    const type = (input.getAttribute('type') ?? 'text').toLowerCase();
    if (type !== 'text' || input.readOnly || input.disabled) return null;
    if (!forced) {
      // Single-line inputs are notes only when wide and long (a "subject" or "summary" line).
      if (input.list || input.getAttribute('role') === 'combobox' || input.closest('[role="search"], [role="combobox"]')) return null;
      if (SEARCHY.test(`${input.name} ${input.id} ${input.getAttribute('aria-label') ?? ''} ${input.placeholder}`)) return null;
      const max = input.maxLength;
      if ((max > 0 && max < 200) || input.getBoundingClientRect().width < 320) return null;
    }
    target = input;
  } else {
    const host = editingHost(el);
    if (host) {
      target = host;
      kind = 'rich';
    } else if (el.getAttribute('role') === 'textbox' && (el as HTMLElement).isContentEditable) {
      target = el as HTMLElement;
      kind = 'rich';
    }
  }
  if (!target) return null;
  if (target.getAttribute('role') === 'combobox' || target.getAttribute('role') === 'searchbox') return null;
  if (target.getAttribute('aria-readonly') === 'true' || target.getAttribute('aria-disabled') === 'true') return null;
  if (!forced && optedOut(target)) return null;
  if (isHidden(target)) return null;
  return { el: target, kind };
}

/** Every candidate field under `root`, descending into open shadow roots. */
export function findFields(root: Document | ShadowRoot | Element, extraSelectors: readonly string[] = []): { el: HTMLElement; kind: FieldKind }[] {
  const out: { el: HTMLElement; kind: FieldKind }[] = [];
  const seen = new Set<Element>();
  const visit = (r: Document | ShadowRoot | Element) => {
    const sel = ['textarea', 'input', '[contenteditable]:not([contenteditable="false"])', '[role="textbox"]', ...extraSelectors].join(',');
    let nodes: NodeListOf<Element>;
    try {
      nodes = r.querySelectorAll(sel);
    } catch {
      nodes = r.querySelectorAll('textarea, input, [contenteditable], [role="textbox"]');
    }
    for (const n of nodes) {
      const f = classifyField(n, extraSelectors);
      if (f && !seen.has(f.el)) {
        seen.add(f.el);
        out.push(f);
      }
    }
    for (const sr of openShadowRoots(r)) visit(sr);
  };
  visit(root);
  return out;
}

/** Open shadow roots directly under `root` (not nested ones: the caller recurses). */
export function openShadowRoots(root: Document | ShadowRoot | Element): ShadowRoot[] {
  const out: ShadowRoot[] = [];
  const doc = (root as Node).ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root as Node, 1 /* SHOW_ELEMENT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const sr = (n as Element).shadowRoot;
    if (sr && (n as Element).tagName !== 'CRM-NOTE-LINT') out.push(sr);
  }
  return out;
}
