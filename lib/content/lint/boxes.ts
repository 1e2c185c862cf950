/**
 * Geometry of a field's findings, in viewport coordinates: textareas and inputs
 * through their mirror (synced once per paint), rich fields through their DOM
 * ranges; only the findings inside the field's visible box are measured, and
 * everything goes through one clipping routine.
 */
import { Mirror } from '../dom/mirror.ts';
import type { TextField, TrackedField } from './tracked-field.ts';

/**
 * Text fields longer than this are linted (badge, popup, Alt+Shift+N) but not
 * underlined: laying out a mirror of a huge text would block the page.
 */
const MAX_MIRROR = 200_000;

export interface FieldBoxes {
  /** The field's border box. */
  box: DOMRect;
  /** Visible, clipped rects by finding index (findings out of view have none). */
  shown: Map<number, DOMRect[]>;
}

export function measureField(f: TrackedField, win: Window, mirrorContainer: () => Node): FieldBoxes {
  const box = f.el.getBoundingClientRect();
  const shown = new Map<number, DOMRect[]>();
  const visible = box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < win.innerHeight;
  if (!visible || !f.findings.length) return { box, shown };
  const te = f.el as TextField;
  // The visible text box: the field's client area (text fields) or its border box (rich).
  const clipBox = f.kind === 'text'
    ? new DOMRect(box.left + te.clientLeft, box.top + te.clientTop, te.clientWidth, te.clientHeight)
    : box;
  let rawOf: (i: number) => DOMRect[];
  if (f.kind === 'text') {
    if (f.text.length > MAX_MIRROR) return { box, shown };
    const mirror = (f.mirror ??= new Mirror(mirrorContainer(), f.el.ownerDocument));
    mirror.sync(te);
    rawOf = (i) => mirror.rects(f.findings[i]!.start, f.findings[i]!.end);
  } else {
    rawOf = (i) => {
      const r = f.ranges[i];
      return r ? [...r.getClientRects()].filter((c) => c.width >= 1 && c.height >= 1) : [];
    };
  }
  // Findings are in text order, hence in vertical order: binary-search the first visible one.
  let lo = 0;
  let hi = f.findings.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const rs = rawOf(mid);
    if (rs.length && rs[rs.length - 1]!.bottom <= clipBox.top) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < f.findings.length; i++) {
    const rs = rawOf(i);
    if (rs.length && rs[0]!.top >= clipBox.bottom) break;
    const clipped = clipRects(rs, clipBox);
    if (clipped.length) shown.set(i, clipped);
  }
  return { box, shown };
}

/** Rects clipped to the visible box, merged per line (scrolled-out text draws nothing). */
export function clipRects(rects: DOMRect[], box: DOMRect): DOMRect[] {
  const out: DOMRect[] = [];
  for (const c of rects) {
    const left = Math.max(c.left, box.left);
    const right = Math.min(c.right, box.right);
    if (right <= left || c.bottom <= box.top || c.top >= box.bottom) continue;
    const top = c.top;
    const bottom = Math.min(c.bottom, box.bottom);
    const last = out[out.length - 1];
    if (last && Math.abs(last.top - top) < 2 && left <= last.right + 1) {
      out[out.length - 1] = new DOMRect(last.left, last.top, Math.max(last.right, right) - last.left, last.height);
    } else out.push(new DOMRect(left, top, right - left, bottom - top));
  }
  return out;
}
