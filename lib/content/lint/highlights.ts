/** Underlines in rich fields via the CSS Custom Highlight API (nothing inserted in the field). */
import type { Severity } from '../../categories.ts';
import { HIGHLIGHT_CSS, HIGHLIGHT_NAMES } from './styles.ts';

type HighlightCtor = new (...ranges: AbstractRange[]) => unknown;

export class Highlights {
  private sheet: CSSStyleSheet | null = null;
  private readonly adopted = new WeakSet<Document | ShadowRoot>();
  private readonly win: Window & typeof globalThis;
  private active = false;

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
    const registry = (this.win.CSS as unknown as { highlights: Map<string, unknown> }).highlights;
    const H = (this.win as unknown as { Highlight: HighlightCtor }).Highlight;
    for (const sev of ['error', 'warning', 'suggestion'] as const) {
      const rs = ranges[sev];
      if (rs.length) registry.set(HIGHLIGHT_NAMES[sev], new H(...rs));
      else if (this.active) registry.delete(HIGHLIGHT_NAMES[sev]);
    }
    this.active = true;
  }

  clear(): void {
    if (!this.supported || !this.active) return;
    const registry = (this.win.CSS as unknown as { highlights: Map<string, unknown> }).highlights;
    for (const name of Object.values(HIGHLIGHT_NAMES)) registry.delete(name);
    this.active = false;
  }
}
