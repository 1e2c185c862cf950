/**
 * Geometry of text inside a <textarea>/<input>: a hidden mirror element (in our
 * own shadow root, never in the page's field) copies the field's box and text
 * styles, holds the same text, and is measured with DOM Ranges.
 */

const COPIED = [
  'direction', 'boxSizing', 'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth', 'borderTopStyle',
  'borderRightStyle', 'borderBottomStyle', 'borderLeftStyle', 'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft',
  'fontStyle', 'fontVariant', 'fontWeight', 'fontStretch', 'fontSize', 'fontSizeAdjust', 'lineHeight', 'fontFamily',
  'fontFeatureSettings', 'fontKerning', 'fontVariationSettings', 'textAlign', 'textTransform', 'textIndent', 'letterSpacing',
  'wordSpacing', 'tabSize', 'wordBreak', 'overflowWrap', 'hyphens', 'textRendering', 'writingMode',
] as const;

export class Mirror {
  private readonly div: HTMLDivElement;
  private readonly node: Text;
  private text = '';
  private styleKey = '';

  constructor(container: Node, doc: Document) {
    this.div = doc.createElement('div');
    this.div.setAttribute('aria-hidden', 'true');
    this.node = doc.createTextNode('');
    this.div.appendChild(this.node);
    container.appendChild(this.div);
  }

  /** Where the mirror's text starts, in the field's viewport coordinates (set by `sync`). */
  private dx = 0;
  private dy = 0;

  /**
   * Copies the field's box, styles and text and lays the mirror over it: once per
   * paint, so measuring each finding afterwards only reads layout.
   */
  sync(field: HTMLTextAreaElement | HTMLInputElement): void {
    this.syncStyleAndText(field);
    const box = field.getBoundingClientRect();
    const d = this.div.style;
    d.left = `${box.left}px`;
    d.top = `${box.top}px`;
    const m = this.div.getBoundingClientRect();
    this.dx = box.left - m.left - field.scrollLeft;
    this.dy = box.top - m.top - field.scrollTop;
  }

  /** Client rects (viewport coordinates, unclipped) of [start, end) in the field last `sync`ed. */
  rects(start: number, end: number): DOMRect[] {
    const range = this.div.ownerDocument.createRange();
    const len = this.node.data.length;
    range.setStart(this.node, Math.min(start, len));
    range.setEnd(this.node, Math.min(end, len));
    const out: DOMRect[] = [];
    for (const r of range.getClientRects()) {
      if (r.width >= 1) out.push(new DOMRect(r.left + this.dx, r.top + this.dy, r.width, r.height));
    }
    return out;
  }

  private syncStyleAndText(field: HTMLTextAreaElement | HTMLInputElement): void {
    const cs = getComputedStyle(field);
    const isInput = field.tagName === 'INPUT';
    const key = `${field.offsetWidth}x${field.offsetHeight}|${field.clientWidth}|${cs.font}|${cs.padding}|${cs.letterSpacing}|${cs.lineHeight}`;
    if (key !== this.styleKey) {
      this.styleKey = key;
      const d = this.div.style;
      d.position = 'fixed';
      d.visibility = 'hidden';
      d.pointerEvents = 'none';
      d.overflow = 'hidden';
      d.margin = '0';
      d.top = '0';
      d.left = '0';
      for (const p of COPIED) (d as unknown as Record<string, string>)[p] = (cs as unknown as Record<string, string>)[p]!;
      d.boxSizing = 'border-box';
      const borderX = parseFloat(cs.borderLeftWidth) + parseFloat(cs.borderRightWidth);
      // Width without the scrollbar: client width + borders.
      d.width = `${field.clientWidth + borderX}px`;
      d.height = `${field.offsetHeight}px`;
      d.whiteSpace = isInput ? 'pre' : 'pre-wrap';
      if (!isInput) d.overflowWrap = cs.overflowWrap === 'normal' ? 'break-word' : cs.overflowWrap;
      if (isInput) d.lineHeight = `${field.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom)}px`;
    }
    const value = field.value;
    if (value !== this.text) {
      this.text = value;
      // A trailing newline needs a character after it to take up a line.
      this.node.data = value.endsWith('\n') ? `${value} ` : value;
    }
  }

  dispose(): void {
    this.div.remove();
  }
}
