/**
 * The visible text of a contenteditable element with an exact offset map back to
 * DOM positions. Blocks are separated by "\n"; `<br>` is "\n" unless it is the
 * last thing in its block (the trailing break editors add to empty paragraphs).
 * Non-editable islands (widgets, `contenteditable="false"`) and editor helper
 * nodes are skipped; they never receive offsets.
 */

import { HELPER_CLASSES } from './editors.ts';

export interface Segment {
  /** Text node, or null for a synthetic "\n" between blocks / from a <br>. */
  node: Text | null;
  /** Offset of the segment in the combined text. */
  start: number;
  length: number;
  /** For synthetic segments: the element after which the break sits. */
  anchor?: Node;
}

export interface TextMap {
  text: string;
  segments: Segment[];
}

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER',
  'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE',
  'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'IMG', 'SVG', 'CANVAS', 'VIDEO', 'AUDIO', 'IFRAME', 'OBJECT', 'CRM-NOTE-LINT']);

export function isBlock(el: Element): boolean {
  return BLOCK.has(el.tagName);
}

function skipped(el: Element): boolean {
  if (SKIP.has(el.tagName.toUpperCase())) return true;
  if (el.getAttribute('contenteditable') === 'false') return true;
  // Editor helper nodes (Quill's caret holder, CKEditor's UI inside the editable…): editors.ts.
  const cls = el.classList;
  return HELPER_CLASSES.some((c) => cls.contains(c));
}

/** Extracts the text of `root` (a contenteditable element or body). */
export function extractText(root: Node): TextMap {
  const segments: Segment[] = [];
  let text = '';
  let pendingBreak: Node | null = null; // a block ended: a "\n" is due before the next text
  let started = false;

  const flush = () => {
    if (pendingBreak && started) {
      segments.push({ node: null, start: text.length, length: 1, anchor: pendingBreak });
      text += '\n';
    }
    pendingBreak = null;
  };
  const emit = (node: Text) => {
    const data = node.data;
    if (!data.length) return;
    flush();
    started = true;
    segments.push({ node, start: text.length, length: data.length });
    text += data;
  };

  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) emit(child as Text);
      else if (child.nodeType === 1) {
        const el = child as Element;
        if (skipped(el)) continue;
        if (el.tagName === 'BR') {
          if (isTrailingBr(el) && hasTextBefore(el)) continue; // the filler after a line's text
          if (isTrailingBr(el)) {
            // An empty block: it still counts as a line.
            flush();
            started = true;
            pendingBreak = el;
            continue;
          }
          flush();
          started = true;
          segments.push({ node: null, start: text.length, length: 1, anchor: el });
          text += '\n';
          continue;
        }
        const block = isBlock(el);
        if (block && started) pendingBreak ??= el;
        walk(el);
        if (block && started) pendingBreak = el;
      }
    }
  };
  walk(root);
  return { text, segments };
}

/** True when nothing but (empty) inline content follows the <br> inside its block. */
function isTrailingBr(br: Element): boolean {
  let n: Node | null = br;
  while (n) {
    for (let s = n.nextSibling; s; s = s.nextSibling) {
      if (s.nodeType === 3 && (s as Text).data.length) return false;
      if (s.nodeType === 1) {
        const e = s as Element;
        if (isBlock(e)) return true;
        if (e.tagName === 'BR' || (e.textContent ?? '').length) return false;
      }
    }
    n = n.parentNode;
    if (!n || n.nodeType !== 1 || isBlock(n as Element) || (n as Element).getAttribute('contenteditable') === 'true') return true;
  }
  return true;
}

function hasTextBefore(br: Element): boolean {
  let n: Node | null = br;
  while (n) {
    for (let s = n.previousSibling; s; s = s.previousSibling) {
      if (s.nodeType === 3 && (s as Text).data.length) return true;
      if (s.nodeType === 1) {
        if (isBlock(s as Element)) return false;
        if (((s as Element).textContent ?? '').length) return true;
      }
    }
    n = n.parentNode;
    if (!n || n.nodeType !== 1 || isBlock(n as Element)) return false;
  }
  return false;
}

/** Index of the segment holding `offset` (the first one whose end is > offset, or = for the end). */
function findSegment(map: TextMap, offset: number, preferEnd: boolean): number {
  const segs = map.segments;
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const s = segs[mid]!;
    const end = s.start + s.length;
    if (preferEnd ? end < offset : end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** DOM position of a text offset; null when the map has no text node there. */
export function positionAt(map: TextMap, offset: number, preferEnd = false): { node: Node; offset: number } | null {
  const segs = map.segments;
  if (!segs.length) return null;
  const i = findSegment(map, offset, preferEnd);
  const s = segs[i]!;
  if (s.node) return { node: s.node, offset: Math.max(0, Math.min(s.length, offset - s.start)) };
  const before = () => {
    for (let j = i - 1; j >= 0; j--) if (segs[j]!.node) return { node: segs[j]!.node!, offset: segs[j]!.length };
    return null;
  };
  const after = () => {
    for (let j = i + 1; j < segs.length; j++) if (segs[j]!.node) return { node: segs[j]!.node!, offset: 0 };
    return null;
  };
  return preferEnd ? (before() ?? after()) : (after() ?? before());
}

type Bounds = [{ node: Node; offset: number }, { node: Node; offset: number }];

function boundsOf(map: TextMap, start: number, end: number): Bounds | null {
  const a = positionAt(map, start, start === end);
  const b = start === end ? a : positionAt(map, end, true);
  return a && b ? [a, b] : null;
}

function rangeAt([a, b]: Bounds, doc: Document): Range | null {
  const r = doc.createRange();
  try {
    r.setStart(a.node, a.offset);
    r.setEnd(b.node, b.offset);
  } catch {
    return null;
  }
  return r;
}

/** A DOM Range over [start, end) of the map's text. */
export function rangeFor(map: TextMap, start: number, end: number, doc: Document): Range | null {
  const bounds = boundsOf(map, start, end);
  return bounds && rangeAt(bounds, doc);
}

/**
 * One Range per span, reusing a `previous` one (the same object) whose boundaries are
 * still exactly where its span is: live Ranges follow the DOM, so after a keystroke
 * only the spans of the edited paragraph get new Ranges (and the highlights keep theirs).
 */
export function rangesFor(map: TextMap, spans: readonly { start: number; end: number }[], previous: readonly (Range | null)[], doc: Document): (Range | null)[] {
  const byStart = new Map<Node, Range[]>();
  for (const r of previous) {
    if (!r) continue;
    const list = byStart.get(r.startContainer);
    if (list) list.push(r);
    else byStart.set(r.startContainer, [r]);
  }
  return spans.map(({ start, end }) => {
    const bounds = boundsOf(map, start, end);
    if (!bounds) return null;
    const [a, b] = bounds;
    const list = byStart.get(a.node);
    const i = list ? list.findIndex((r) => r.startOffset === a.offset && r.endContainer === b.node && r.endOffset === b.offset) : -1;
    return i >= 0 ? list!.splice(i, 1)[0]! : rangeAt(bounds, doc);
  });
}

/** Text offset of a DOM position inside the mapped root (for the caret). */
export function offsetOf(map: TextMap, node: Node, offset: number): number {
  if (node.nodeType === 3) {
    for (const s of map.segments) if (s.node === node) return s.start + Math.min(offset, s.length);
  }
  const doc = node.ownerDocument ?? (node as Document);
  const probe = doc.createRange();
  try {
    probe.setStart(node, offset);
  } catch {
    return map.text.length;
  }
  for (const s of map.segments) {
    if (s.node && probe.comparePoint(s.node, 0) >= 0) return s.start;
  }
  return map.text.length;
}
