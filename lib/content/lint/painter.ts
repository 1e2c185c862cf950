/**
 * Draws what the tracked fields found: the overlay's strips and card, the rich
 * fields' highlights, and the page summary. Paints are coalesced — fresh findings in
 * the microtask after their lint (so the underline moves before the next frame),
 * scrolls and resizes once per animation frame — and only dirty fields are measured
 * again (each textarea's mirror is synced once per paint, in boxes.ts).
 */
import { measureField } from './boxes.ts';
import type { CardController } from './card-controller.ts';
import { Highlights } from './highlights.ts';
import { listen } from './listen.ts';
import { Overlay, type CardState, type OverlayItem } from './overlay.tsx';
import { PageSummary, type Summary } from './page-summary.ts';
import { findingKey, type TextField, type TrackedField } from './tracked-field.ts';

export interface PainterHost {
  fields(): Iterable<TrackedField>;
  /** Drawing is on (linting enabled in this frame). */
  active(): boolean;
  /** A field left the page. */
  forget(f: TrackedField): void;
  /** A textarea's value was set by script (no input event): lint it again. */
  relint(f: TrackedField): void;
  allowIgnore(): boolean;
  report: Summary;
}

interface Drawn { findings: TrackedField['findings']; items: OverlayItem[]; box: DOMRect }

export class Painter {
  readonly highlights: Highlights;
  private readonly summary: PageSummary;
  private overlay: Overlay | null = null;
  /** What the last paint drew per field: a paint re-measures the dirty fields only. */
  private readonly drawn = new Map<TrackedField, Drawn>();
  private readonly dirty = new Set<TrackedField>();
  private pending: 'now' | 'frame' | null = null;

  constructor(private readonly doc: Document, private readonly card: CardController, private readonly host: PainterHost) {
    this.highlights = new Highlights(doc);
    this.summary = new PageSummary(host.report);
  }

  /** The element that holds our UI (clicks inside it are ours), if drawn. */
  get hostElement(): HTMLElement | null {
    return this.overlay?.host ?? null;
  }

  /** Page scrolls and resizes (the visual viewport's too) move every field: repaint once per frame. Returns what stops it. */
  watchViewport(win: Window): (() => void)[] {
    const repaint = () => this.schedule();
    const off = [listen(win, 'scroll', repaint, { capture: true, passive: true }), listen(win, 'resize', repaint, { passive: true })];
    if (win.visualViewport) off.push(listen(win.visualViewport, 'resize', repaint, {}));
    return off;
  }

  /** `f` changed (without `f`: every field, e.g. the page scrolled); `now` for fresh findings. */
  schedule(f?: TrackedField, when: 'now' | 'frame' = 'frame'): void {
    if (!this.host.active()) return;
    if (f) this.dirty.add(f);
    else for (const g of this.host.fields()) this.dirty.add(g);
    if (this.pending === 'now' || this.pending === when) return;
    this.pending = when;
    const run = () => {
      if (this.pending === when) this.paint();
    };
    if (when === 'now') queueMicrotask(run);
    else this.doc.defaultView!.requestAnimationFrame(run);
  }

  /** Paints at once (the card opened or closed, a finding was acted on). */
  paint(f?: TrackedField): void {
    if (f) this.dirty.add(f);
    this.pending = null;
    const ranges: Record<'error' | 'warning' | 'suggestion', Range[]> = { error: [], warning: [], suggestion: [] };
    const items: OverlayItem[] = [];
    let card: CardState | null = null;
    const current = this.card.current;
    for (const g of [...this.host.fields()]) {
      if (!g.el.isConnected) {
        this.host.forget(g);
        continue;
      }
      if (g.kind === 'text' && !g.dirty && !g.linter.busy && g.linted && (g.el as TextField).value !== g.text) this.host.relint(g);
      // Re-measured when its findings or its geometry changed.
      if (this.dirty.has(g) || this.drawn.get(g)?.findings !== g.findings) this.drawn.set(g, this.measure(g));
      const drawn = this.drawn.get(g)!;
      g.findings.forEach((x, i) => {
        if (g.kind === 'rich' && g.ranges[i]) ranges[x.severity].push(g.ranges[i]!);
        const item = drawn.items[i]!;
        items.push(item);
        if (current?.field === g && current.key === item.key) {
          const b = drawn.box;
          const anchor = item.rects[0] ?? new DOMRect(b.left, b.top, Math.min(b.width, 200), Math.min(b.height, 24));
          card = { key: item.key, finding: x, anchor, field: b, fieldEl: g.el, allowIgnore: this.host.allowIgnore() };
        }
      });
    }
    this.dirty.clear();
    if (current && !card) this.card.current = null;
    this.highlights.set(ranges);
    if (items.length || this.overlay) this.ensureOverlay().render(items, card);
    this.summary.update(this.host.fields(), false);
  }

  /** Forgets what was drawn for a field that is no longer tracked. */
  drop(f: TrackedField): void {
    this.drawn.delete(f);
    this.dirty.delete(f);
  }

  /** Removes everything drawn (linting off, or the script stops). */
  clear(): void {
    this.drawn.clear();
    this.dirty.clear();
    this.pending = null;
    this.highlights.clear();
    this.overlay?.dispose();
    this.overlay = null;
    this.summary.update([], true);
  }

  private measure(f: TrackedField): Drawn {
    const { box, shown } = measureField(f, this.doc.defaultView!, () => this.ensureOverlay().mirrors);
    const painted = f.kind === 'rich' && this.highlights.supported;
    return { findings: f.findings, box, items: f.findings.map((x, i) => ({ key: findingKey(f, x), finding: x, rects: shown.get(i) ?? [], painted })) };
  }

  private ensureOverlay(): Overlay {
    return (this.overlay ??= new Overlay(this.doc, {
      open: (key) => this.card.open(key),
      close: () => this.card.close(),
      apply: (key, i) => void this.card.apply(key, i),
      ignore: (key) => this.card.ignore(key),
    }));
  }
}
