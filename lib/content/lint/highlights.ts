/** Underlines in rich fields via the CSS Custom Highlight API (nothing inserted in the field). */
import type { Severity } from '../../categories.ts';
import { HIGHLIGHT_CSS, HIGHLIGHT_NAMES } from './styles.ts';

type HighlightSet = Set<AbstractRange>;
type HighlightCtor = new (...ranges: AbstractRange[]) => HighlightSet;
type Registry = Map<string, unknown>;

export class Highlights {
  private sheet: CSSStyleSheet | null = null;
  private readonly adopted = new WeakSet<Document | ShadowRoot>();
  private readonly win: Window & typeof globalThis;
  /** Our Highlight per severity, kept across paints: only ranges that changed are added or removed. */
  private readonly own = new Map<Severity, HighlightSet>();
  /** What each Highlight holds, kept on our side: Firefox cannot iterate a page object from a content script (Xray). */
  private readonly held = new Map<Severity, Set<AbstractRange>>();

  constructor(private readonly doc: Document) {
    this.win = doc.defaultView as Window & typeof globalThis;
  }

  get supported(): boolean {
    const css = this.win.CSS as unknown as { highlights?: Map<string, unknown> } | undefined;
    return !!css?.highlights && typeof (this.win as unknown as { Highlight?: unknown }).Highlight === 'function';
  }

  /** Adds the ::highlight() rules to the tree scope of a field (document or open shadow root). */
  ensureStyle(root: Document | ShadowRoot): void {
    if (this.adopted.has(root)) return;
    this.adopted.add(root);
    try {
      this.sheet ??= (() => {
        const s = new this.win.CSSStyleSheet();
        s.replaceSync(HIGHLIGHT_CSS);
        return s;
      })();
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.sheet];
    } catch {
      // Older engines: a <style> in a shadow root is harmless; never in the document's fields.
      const style = this.doc.createElement('style');
      style.textContent = HIGHLIGHT_CSS;
      (root instanceof this.win.Document ? this.doc.head ?? this.doc.documentElement : root).appendChild(style);
    }
  }

  set(ranges: Record<Severity, Range[]>): void {
    if (!this.supported) return;
    const registry = this.registry();
    const H = (this.win as unknown as { Highlight: HighlightCtor }).Highlight;
    for (const sev of ['error', 'warning', 'suggestion'] as const) {
      const next = new Set<AbstractRange>(ranges[sev]);
      let h = this.own.get(sev);
      if (!h) {
        if (!next.size) continue;
        h = new H();
        this.own.set(sev, h);
      }
      const held = this.held.get(sev) ?? new Set<AbstractRange>();
      for (const r of held) if (!next.has(r)) h.delete(r);
      for (const r of next) if (!held.has(r)) h.add(r);
      this.held.set(sev, next);
      if (registry.get(HIGHLIGHT_NAMES[sev]) !== h) registry.set(HIGHLIGHT_NAMES[sev], h);
    }
  }

  /** Unregisters our highlights only (a newer copy of the content script may have registered its own). */
  clear(): void {
    if (!this.supported) return;
    const registry = this.registry();
    for (const [sev, h] of this.own) {
      if (registry.get(HIGHLIGHT_NAMES[sev]) === h) registry.delete(HIGHLIGHT_NAMES[sev]);
      h.clear();
    }
    this.own.clear();
    this.held.clear();
  }

  private registry(): Registry {
    return (this.win.CSS as unknown as { highlights: Registry }).highlights;
  }
}
