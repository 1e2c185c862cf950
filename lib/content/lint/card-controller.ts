/**
 * The card: which finding it shows, how it opens (a click on an underline or on
 * flagged wording in the field, Alt+Shift+N for the next one), the keys that act
 * on it (Esc closes, Alt+Shift+1…9 or Enter applies, Alt+Shift+I ignores) and the
 * two actions themselves (finding-actions.ts does the editing). Focus moving to
 * anything but its field or the card (Tab to the next field) closes it.
 */
import type { Finding } from '../../engine/types.ts';
import { deepActiveElement } from '../dom/fields.ts';
import { extractText, offsetOf } from '../dom/text-map.ts';
import { findingKey, type TextField, type TrackedField } from './tracked-field.ts';
import { applySuggestion, ignoreFinding } from './finding-actions.ts';
import { listen } from './listen.ts';
import { HOST_TAG } from './overlay.tsx';

export interface CardActions {
  fields(): Iterable<TrackedField>;
  fieldOf(el: HTMLElement): TrackedField | undefined;
  allowIgnore(): boolean;
  /** A suggestion went through the editor. */
  applied(x: Finding): void;
  ignored(x: Finding): void;
  /** The field's text may have changed under it: lint it again. */
  relint(f: TrackedField): void;
  /** The card (or `f`'s findings) changed: draw again. */
  changed(f?: TrackedField): void;
}

export class CardController {
  /** The finding the card shows, if open. */
  current: { field: TrackedField; key: string } | null = null;

  private watchingFocus = false;

  constructor(private readonly doc: Document, private readonly actions: CardActions) {}

  private readonly onFocusIn = (e: Event): void => {
    const cur = this.current;
    if (!cur) return this.unwatchFocus();
    const path = e.composedPath();
    const ours = path.some((n) => n instanceof Element && n.localName === HOST_TAG);
    if (!ours && !path.includes(cur.field.el)) this.close();
  };

  private unwatchFocus(): void {
    if (!this.watchingFocus) return;
    this.watchingFocus = false;
    this.doc.removeEventListener('focusin', this.onFocusIn, true);
  }

  /**
   * The card's page listeners: its shortcuts, and a press anywhere but in `ours()`
   * (the element holding our UI, if drawn) closes it. Returns what removes them.
   */
  watchPage(ours: () => HTMLElement | null): (() => void)[] {
    return [
      listen(this.doc, 'keydown', (e) => this.onKey(e as KeyboardEvent), { capture: true }),
      listen(this.doc, 'mousedown', (e) => {
        const el = ours();
        if (this.current && el && !e.composedPath().includes(el)) this.close();
      }, { capture: true }),
    ];
  }

  find(key: string): { field: TrackedField; finding: Finding } | null {
    const [id] = key.split(':');
    for (const f of this.actions.fields()) {
      if (String(f.id) !== id) continue;
      const x = f.findings.find((y) => findingKey(f, y) === key);
      return x ? { field: f, finding: x } : null;
    }
    return null;
  }

  open(key: string): void {
    const hit = this.find(key);
    if (!hit) return;
    this.current = { field: hit.field, key };
    if (!this.watchingFocus) {
      this.watchingFocus = true;
      this.doc.addEventListener('focusin', this.onFocusIn, true);
    }
    this.actions.changed();
  }

  close(): void {
    this.unwatchFocus();
    if (!this.current) return;
    this.current = null;
    this.actions.changed();
  }

  /** Applies suggestion `index` of finding `key` (card button, shortcut, save dialog or popup). */
  async apply(key: string, index: number): Promise<void> {
    const hit = this.find(key);
    if (!hit) return;
    this.current = null;
    const outcome = await applySuggestion(hit.field, hit.finding, index);
    if (outcome === 'applied') this.actions.applied(hit.finding);
    // Moved: the text changed under the card; the re-lint lets the rep try again.
    this.actions.relint(hit.field);
    this.actions.changed(hit.field);
  }

  /** Ignores finding `key`'s wording in its field (when the policy allows it). */
  ignore(key: string): void {
    const hit = this.find(key);
    if (!hit || !this.actions.allowIgnore()) return;
    ignoreFinding(hit.field, hit.finding, this.doc);
    this.actions.ignored(hit.finding);
    this.current = null;
    this.actions.changed(hit.field);
  }

  /** A click on flagged wording inside the field opens its card too. */
  onFieldClick(f: TrackedField, e: MouseEvent): void {
    if (e.button !== 0 || !f.findings.length) return;
    const caret = this.caretOf(f);
    if (caret === null) return;
    const x = f.findings.find((y) => y.start <= caret && caret <= y.end);
    if (x) this.open(findingKey(f, x));
    else if (this.current) this.close();
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === 'Escape' && this.current) {
      consume(e);
      this.close();
      return;
    }
    if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey) return;
    if (e.code === 'KeyN') {
      const f = this.focusedField() ?? this.current?.field ?? null;
      if (!f || !f.findings.length) return;
      consume(e);
      const caret = this.caretOf(f) ?? 0;
      const currentKey = this.current?.key;
      const ordered = f.findings;
      let next = ordered.find((y) => y.start >= caret && findingKey(f, y) !== currentKey && (!this.current || y.start > (this.find(currentKey!)?.finding.start ?? -1)));
      next ??= ordered.find((y) => findingKey(f, y) !== currentKey) ?? ordered[0];
      if (next) this.open(findingKey(f, next));
      return;
    }
    if (!this.current) return;
    const digit = /^Digit([1-9])$/.exec(e.code);
    if (digit || e.code === 'Enter') {
      consume(e);
      void this.apply(this.current.key, digit ? Number(digit[1]) - 1 : 0);
    } else if (e.code === 'KeyI') {
      consume(e);
      this.ignore(this.current.key);
    }
  }

  private caretOf(f: TrackedField): number | null {
    if (f.kind === 'text') return (f.el as TextField).selectionEnd ?? null;
    const rn = f.el.getRootNode() as ShadowRoot & { getSelection?: () => Selection | null };
    const sel = (typeof rn.getSelection === 'function' ? rn.getSelection() : null) ?? this.doc.getSelection();
    if (!sel || !sel.focusNode || !f.el.contains(sel.focusNode)) return null;
    const map = f.map ?? extractText(f.el);
    return offsetOf(map, sel.focusNode, sel.focusOffset);
  }

  private focusedField(): TrackedField | null {
    let a = deepActiveElement(this.doc);
    while (a) {
      const f = this.actions.fieldOf(a as HTMLElement);
      if (f) return f;
      a = a.parentElement;
    }
    return null;
  }
}

function consume(e: Event): void {
  e.preventDefault();
  e.stopPropagation();
}
