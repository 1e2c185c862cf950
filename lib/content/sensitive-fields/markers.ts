/**
 * The markers next to the labels of sensitive form fields: one per field, in our
 * own shadow root, with a glyph per field class and a tooltip saying why.
 */
import type { FieldClass, SensitiveFieldInfo } from '../../messages.ts';
import { MARKER_CSS } from './styles.ts';

export const FIELD_HOST_TAG = 'crm-note-lint-fields';

export interface MarkedField {
  key: string;
  info: SensitiveFieldInfo;
  field: HTMLElement;
}

/** The element naming a field (its label), where the marker goes; the field itself when there is none. */
function labelElementOf(field: HTMLElement): Element {
  const root = field.getRootNode() as Document | ShadowRoot;
  const by = field.getAttribute('aria-labelledby')?.split(/\s+/).filter(Boolean);
  if (by?.length) {
    const el = root.getElementById?.(by[by.length - 1]!);
    if (el) return el;
  }
  const labels = (field as HTMLInputElement).labels;
  if (labels && labels.length) return labels[0]!;
  if (field.id) {
    const esc = typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(field.id) : field.id.replace(/["\\]/g, '\\$&');
    const byFor = root.querySelector?.(`label[for="${esc}"]`);
    if (byFor) return byFor;
  }
  return field.closest('label') ?? field;
}

type Shape = [tag: 'path' | 'rect' | 'circle', attrs: Record<string, string>];
/** Glyphs (16×16 SVG, currentColor): "!" do not collect, a padlock to protect, an eye for need-to-know access. */
const GLYPHS: Record<FieldClass, Shape[]> = {
  'do-not-collect': [['path', { d: 'M8 3.2v6', 'stroke-width': '2.2', 'stroke-linecap': 'round' }], ['circle', { cx: '8', cy: '12.6', r: '1.3', stroke: 'none' }]],
  protect: [['rect', { x: '3.5', y: '7.2', width: '9', height: '6.6', rx: '1.2', stroke: 'none' }], ['path', { d: 'M5.6 7.4V5.6a2.4 2.4 0 0 1 4.8 0v1.8', fill: 'none', 'stroke-width': '1.6' }]],
  restricted: [['path', { d: 'M1.6 8s2.4-4 6.4-4 6.4 4 6.4 4-2.4 4-6.4 4-6.4-4-6.4-4z', fill: 'none', 'stroke-width': '1.5' }], ['circle', { cx: '8', cy: '8', r: '1.9', stroke: 'none' }]],
};
const SVG_NS = 'http://www.w3.org/2000/svg';


const NOT_LABEL_TEXT = 'input, select, textarea, option, button, script, style';

/** Right edge of a label's own text (not of a control it wraps, not of a full-width block). */
function anchorRect(anchor: Element, field: HTMLElement): DOMRect {
  if (anchor === field) return field.getBoundingClientRect();
  const doc = anchor.ownerDocument;
  let last: Text | null = null;
  const walker = doc.createTreeWalker(anchor, 4 /* SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement?.closest(NOT_LABEL_TEXT)) continue;
    // A label wrapping its field: the text before the field.
    if (anchor.contains(field) && field.compareDocumentPosition(n) & 4 /* FOLLOWING */) break;
    if ((n.nodeValue ?? '').trim()) last = n as Text;
  }
  if (last) {
    const range = doc.createRange();
    range.selectNodeContents(last);
    const rects = range.getClientRects();
    const r = rects.length ? rects[rects.length - 1]! : range.getBoundingClientRect();
    if (r.width || r.height) return r;
  }
  return anchor.getBoundingClientRect();
}

export class FieldMarkers {
  private readonly host: HTMLElement;
  private readonly layer: HTMLDivElement;
  private readonly items = new Map<string, { el: HTMLElement; entry: MarkedField; anchor: Element }>();
  private raf = 0;
  private readonly win: Window;
  private readonly onMove = () => this.schedule();

  constructor(private readonly doc: Document, private readonly classLabel: (c: FieldClass) => string) {
    this.win = doc.defaultView!;
    this.host = doc.createElement(FIELD_HOST_TAG);
    const root = this.host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = MARKER_CSS;
    this.layer = doc.createElement('div');
    root.append(style, this.layer);
    // The page must not take clicks on our UI for clicks "outside" its own widgets.
    for (const type of ['mousedown', 'mouseup', 'click', 'pointerdown', 'pointerup', 'keydown']) {
      this.host.addEventListener(type, (e) => e.stopPropagation());
    }
    this.win.addEventListener('scroll', this.onMove, { capture: true, passive: true });
    this.win.addEventListener('resize', this.onMove, { passive: true });
  }

  render(entries: MarkedField[]): void {
    if (!this.host.isConnected) this.doc.documentElement.appendChild(this.host);
    const keep = new Set(entries.map((e) => e.key));
    for (const [k, it] of this.items) if (!keep.has(k)) {
      it.el.remove();
      this.items.delete(k);
    }
    for (const entry of entries) {
      const cur = this.items.get(entry.key);
      if (cur && cur.entry.field === entry.field && JSON.stringify(cur.entry.info) === JSON.stringify(entry.info)) continue;
      cur?.el.remove();
      this.items.set(entry.key, { el: this.marker(entry.info), entry, anchor: labelElementOf(entry.field) });
    }
    this.position();
  }

  private marker(info: SensitiveFieldInfo): HTMLElement {
    const d = this.doc;
    const cls = this.classLabel(info.class);
    const el = d.createElement('span');
    el.className = `m c-${info.class}`;
    el.setAttribute('data-sensitive-field', '');
    el.setAttribute('data-class', info.class);
    el.setAttribute('data-rule', info.rule);
    if (info.category) el.setAttribute('data-category', info.category);
    el.setAttribute('role', 'img');
    el.setAttribute('aria-label', `${cls} : ${info.message}`);
    const glyph = d.createElementNS(SVG_NS, 'svg');
    glyph.setAttribute('viewBox', '0 0 16 16');
    glyph.setAttribute('aria-hidden', 'true');
    for (const [tag, attrs] of GLYPHS[info.class]) {
      const shape = d.createElementNS(SVG_NS, tag);
      for (const [k, v] of Object.entries(attrs)) shape.setAttribute(k, v);
      glyph.appendChild(shape);
    }
    const tip = d.createElement('span');
    tip.className = 'tip';
    tip.setAttribute('role', 'tooltip');
    const b = d.createElement('b');
    b.textContent = cls;
    const small = d.createElement('small');
    small.textContent = info.source;
    tip.append(b, d.createTextNode(info.message), small);
    el.append(glyph, tip);
    this.layer.appendChild(el);
    return el;
  }

  private schedule(): void {
    if (this.raf) return;
    this.raf = this.win.requestAnimationFrame(() => {
      this.raf = 0;
      this.position();
    });
  }

  private position(): void {
    const vw = this.win.innerWidth;
    for (const { el, entry, anchor } of this.items.values()) {
      const field = entry.field;
      const shown = field.isConnected && field.getClientRects().length > 0 && (anchor === field || anchor.getClientRects().length > 0);
      el.classList.toggle('hidden', !shown);
      if (!shown) continue;
      const r = anchorRect(anchor, field);
      const left = Math.round(r.right + 4);
      const top = Math.round(r.top + Math.min(r.height, 20) / 2 - 7);
      el.style.left = `${left}px`;
      el.style.top = `${top}px`;
      el.classList.toggle('flip', left > vw - 310);
    }
  }

  dispose(): void {
    if (this.raf) this.win.cancelAnimationFrame(this.raf);
    this.win.removeEventListener('scroll', this.onMove, { capture: true });
    this.win.removeEventListener('resize', this.onMove);
    this.items.clear();
    this.host.remove();
  }
}
