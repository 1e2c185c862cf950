/**
 * The in-page orchestrator of one frame. It wires small parts: the field watcher
 * (which fields, when they change), one incremental linter per field, the boxes
 * (geometry), the overlay and highlights (drawing), the card controller, and the
 * suggestion delivery of lib/content/dom. It knows neither the engine, nor the
 * extension APIs, nor counting: the content script passes a `FrameworkHost`.
 */
import type { Finding } from '../../engine/types.ts';
import { applyToRichField, applyToTextField } from '../dom/apply.ts';
import { deepActiveElement, type FieldKind } from '../dom/fields.ts';
import { measureField } from './boxes.ts';
import { CardController } from './card-controller.ts';
import { IncrementalLinter } from './field-linter.ts';
import { FieldWatcher } from './field-watcher.ts';
import { Highlights } from './highlights.ts';
import { Overlay, type CardState, type OverlayItem } from './overlay.tsx';
import { PageSummary, type Summary } from './page-summary.ts';
import { findingKey, ignoreKey, readText, setFindings, updateRanges, type TextField, type TrackedField } from './tracked-field.ts';

export interface FrameworkHost {
  /** Loads configuration and engine (first call only); false when linting is off here. */
  ready(): Promise<boolean>;
  /** Lints one paragraph (engine loaded). */
  lint(text: string): Finding[];
  allowIgnore(): boolean;
  fieldSelectors(): readonly string[];
  /** Findings shown for the first time in this editing session of their field. */
  onShown(findings: Finding[]): void;
  /** A suggestion went through the editor. */
  onApplied(finding: Finding): void;
  onIgnored(finding: Finding): void;
  report: Summary;
}

const MAX_TEXT = 2_000_000;
interface Drawn { findings: Finding[]; items: OverlayItem[]; box: DOMRect }
let nextId = 1;

export class LintFramework {
  private readonly fields = new Map<HTMLElement, TrackedField>();
  private readonly watcher: FieldWatcher;
  private readonly card: CardController;
  private readonly highlights: Highlights;
  private readonly summary: PageSummary;
  private overlay: Overlay | null = null;
  /** What the last paint drew per field: a paint re-measures the dirty fields only. */
  private readonly drawn = new Map<TrackedField, Drawn>();
  private readonly dirty = new Set<TrackedField>();
  private paintPending: 'now' | 'frame' | null = null;
  private lintPending = false;
  private enabled = false;
  private started = false;
  private readonly win: Window;
  private readonly disposers: (() => void)[] = [];

  constructor(private readonly doc: Document, private readonly host: FrameworkHost) {
    this.win = doc.defaultView!;
    this.highlights = new Highlights(doc);
    this.summary = new PageSummary(host.report);
    this.watcher = new FieldWatcher(doc, {
      fieldSelectors: () => host.fieldSelectors(),
      focused: (el, kind) => void this.onFocus(el, kind),
      found: (el, kind) => this.attach(el, kind),
      removed: () => this.schedulePaint(),
      insideTracked: (node) => this.trackedAncestor(node) !== null,
    });
    this.card = new CardController(doc, {
      fields: () => this.fields.values(),
      fieldOf: (el) => this.fields.get(el),
      apply: (key, i) => void this.apply(key, i),
      ignore: (key) => this.ignore(key),
      changed: () => this.paint(),
    });
  }

  /** Cheap: listeners only. Nothing is linted before a notes field gets focus. */
  start(): void {
    // A document without a window (detached, or a frame being torn down): nothing to watch.
    if (this.started || !this.doc.defaultView) return;
    this.started = true;
    const on = (t: Window | Document | VisualViewport, type: string, fn: (e: Event) => void, opts: AddEventListenerOptions = { capture: true }) => {
      t.addEventListener(type, fn, opts);
      this.disposers.push(() => t.removeEventListener(type, fn, opts));
    };
    on(this.doc, 'focusin', (e) => this.watcher.onFocusIn(e, this.enabled));
    on(this.doc, 'keydown', (e) => this.card.onKey(e as KeyboardEvent));
    // A press anywhere else on the page closes the card (ours are inside the host element).
    on(this.doc, 'mousedown', (e) => {
      if (this.card.current && this.overlay && !e.composedPath().includes(this.overlay.host)) this.card.close();
    });
    on(this.win, 'scroll', () => this.schedulePaint(), { capture: true, passive: true });
    on(this.win, 'resize', () => this.schedulePaint(), { passive: true });
    if (this.win.visualViewport) on(this.win.visualViewport, 'resize', () => this.schedulePaint(), {});
    const active = deepActiveElement(this.doc);
    const field = this.watcher.classify(active && active !== this.doc.body ? active : this.doc.body?.isContentEditable ? this.doc.body : null, false);
    if (field) void this.onFocus(field.el, field.kind);
  }

  /** Stops everything and removes all our UI (pause, extension disabled). */
  stop(): void {
    for (const d of this.disposers.splice(0)) d();
    this.started = false;
    // Without a window there is no UI to remove (and Highlights would reach for win.CSS).
    if (this.doc.defaultView) this.disable();
  }

  /** Configuration changed: re-check whether we are on, re-lint everything. */
  async reconfigure(): Promise<void> {
    const fields = [...this.fields.values()].map((f) => f.el);
    this.disable();
    if (!(await this.host.ready())) return;
    this.enable();
    for (const el of fields) if (el.isConnected) this.attach(el, el.tagName === 'TEXTAREA' || el.tagName === 'INPUT' ? 'text' : 'rich');
    const field = this.watcher.classify(deepActiveElement(this.doc), true);
    if (field) void this.onFocus(field.el, field.kind);
  }

  private disable(): void {
    this.enabled = false;
    this.watcher.disconnect();
    for (const f of this.fields.values()) this.detach(f);
    this.fields.clear();
    this.drawn.clear();
    this.card.current = null;
    this.highlights.clear();
    this.overlay?.dispose();
    this.overlay = null;
    this.summary.update([], true);
  }

  private enable(): void {
    this.enabled = true;
    this.watcher.observe();
  }

  private async onFocus(el: HTMLElement, kind: FieldKind): Promise<void> {
    if (!this.enabled) {
      if (!(await this.host.ready())) return;
      if (!this.enabled) this.enable();
    }
    const f = this.attach(el, kind);
    if (f) this.scheduleLint(f);
  }

  private attach(el: HTMLElement, kind: FieldKind): TrackedField | null {
    const existing = this.fields.get(el);
    if (existing) return existing;
    if (!this.enabled) return null;
    const f: TrackedField = {
      id: nextId++, el, kind, linter: new IncrementalLinter((t) => this.host.lint(t)), text: '', map: null, findings: [], ranges: [],
      generation: 0, dirty: true, running: false, seen: new Set(), ignored: new Set(), mirror: null, cleanup: [],
    };
    f.cleanup = this.watcher.watchField(el, kind, {
      changed: () => this.scheduleLint(f),
      geometry: () => this.schedulePaint(f),
      blurred: () => f.seen.clear(), // the editing session ends
      clicked: (e) => this.card.onFieldClick(f, e),
    });
    if (kind === 'rich') this.highlights.ensureStyle(el.getRootNode() as Document | ShadowRoot);
    this.fields.set(el, f);
    this.scheduleLint(f);
    return f;
  }

  private detach(f: TrackedField): void {
    for (const c of f.cleanup.splice(0)) c();
    f.mirror?.dispose();
    f.mirror = null;
  }

  private forget(f: TrackedField): void {
    this.detach(f);
    this.fields.delete(f.el);
    this.drawn.delete(f);
    if (this.card.current?.field === f) this.card.current = null;
    this.schedulePaint();
  }

  private trackedAncestor(node: Node | null): TrackedField | null {
    for (let n = node; n; n = n.parentNode) {
      const f = n.nodeType === 1 ? this.fields.get(n as HTMLElement) : undefined;
      if (f) return f;
    }
    return null;
  }

  // ---- linting -------------------------------------------------------------

  private scheduleLint(f: TrackedField): void {
    f.dirty = true;
    if (this.lintPending) return;
    this.lintPending = true;
    // Right after the input event / DOM mutation (a microtask), so the underline is
    // updated before the next frame; the incremental linter yields when work is long.
    queueMicrotask(() => {
      this.lintPending = false;
      for (const g of this.fields.values()) if (g.dirty) void this.lintField(g);
    });
  }

  private async lintField(f: TrackedField): Promise<void> {
    f.dirty = false;
    if (!f.el.isConnected) return this.forget(f);
    const text = readText(f);
    if (text === f.text && f.generation > 0) {
      // Text unchanged (e.g. a formatting change): only the geometry may differ.
      updateRanges(f, this.doc);
      return this.schedulePaint(f, 'now');
    }
    const gen = ++f.generation;
    f.running = true;
    const result = await f.linter.run(text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text, { stale: () => f.generation !== gen || !this.enabled });
    if (f.generation === gen) f.running = false;
    if (!result || f.generation !== gen || !this.enabled) return;
    setFindings(f, text, result, this.doc);
    this.shown(f);
    this.schedulePaint(f, 'now');
  }

  /** Tells the host which findings the rep sees for the first time in this editing session. */
  private shown(f: TrackedField): void {
    const fresh: Finding[] = [];
    const nth = new Map<string, number>();
    for (const x of f.findings) {
      const base = ignoreKey(x);
      const n = (nth.get(base) ?? 0) + 1;
      nth.set(base, n);
      const key = `${base}\u0000${n}`;
      if (f.seen.has(key)) continue;
      f.seen.add(key);
      fresh.push(x);
    }
    if (fresh.length) this.host.onShown(fresh);
  }

  // ---- painting ------------------------------------------------------------

  /**
   * One paint per turn: `now` (fresh findings) paints in a microtask, before the
   * frame; scrolls and resizes wait for the next animation frame. Without a field,
   * every field is re-measured.
   */
  private schedulePaint(f?: TrackedField, when: 'now' | 'frame' = 'frame'): void {
    if (!this.enabled) return;
    if (f) this.dirty.add(f);
    else for (const g of this.fields.values()) this.dirty.add(g);
    if (this.paintPending === 'now' || this.paintPending === when) return;
    this.paintPending = when;
    const run = () => {
      if (this.paintPending !== when) return;
      this.paint();
    };
    if (when === 'now') queueMicrotask(run);
    else this.win.requestAnimationFrame(run);
  }

  private paint(): void {
    this.paintPending = null;
    const ranges: Record<'error' | 'warning' | 'suggestion', Range[]> = { error: [], warning: [], suggestion: [] };
    const items: OverlayItem[] = [];
    let card: CardState | null = null;
    const current = this.card.current;
    for (const f of [...this.fields.values()]) {
      if (!f.el.isConnected) {
        this.forget(f);
        continue;
      }
      // A value set by script (no input event): pick it up on the next repaint.
      if (f.kind === 'text' && !f.dirty && !f.running && f.generation > 0 && (f.el as TextField).value !== f.text) this.scheduleLint(f);
      // Re-measured when its findings or its geometry changed.
      if (this.dirty.has(f) || this.drawn.get(f)?.findings !== f.findings) this.drawn.set(f, this.measure(f));
      const drawn = this.drawn.get(f)!;
      f.findings.forEach((x, i) => {
        if (f.kind === 'rich' && f.ranges[i]) ranges[x.severity].push(f.ranges[i]!);
        const item = drawn.items[i]!;
        items.push(item);
        if (current?.field === f && current.key === item.key) {
          const b = drawn.box;
          const anchor = item.rects[0] ?? new DOMRect(b.left, b.top, Math.min(b.width, 200), Math.min(b.height, 24));
          card = { key: item.key, finding: x, anchor, allowIgnore: this.host.allowIgnore() };
        }
      });
    }
    this.dirty.clear();
    if (current && !card) this.card.current = null;
    this.highlights.set(ranges);
    if (items.length || this.overlay) this.ensureOverlay().render(items, card);
    this.summary.update(this.fields.values(), false);
  }

  private measure(f: TrackedField): Drawn {
    const { box, shown } = measureField(f, this.win, () => this.ensureOverlay().mirrors);
    const painted = f.kind === 'rich' && this.highlights.supported;
    return { findings: f.findings, box, items: f.findings.map((x, i) => ({ key: findingKey(f, x), finding: x, rects: shown.get(i) ?? [], painted })) };
  }

  private ensureOverlay(): Overlay {
    return (this.overlay ??= new Overlay(this.doc, {
      open: (key) => this.card.open(key),
      apply: (key, i) => void this.apply(key, i),
      ignore: (key) => this.ignore(key),
      close: () => this.card.close(),
    }));
  }

  // ---- acting on a finding -------------------------------------------------

  private async apply(key: string, index: number): Promise<void> {
    const hit = this.card.find(key);
    if (!hit) return;
    const { field: f, finding: x } = hit;
    const fix = x.fixes[index];
    if (!fix) return;
    this.card.current = null;
    const current = readText(f);
    // A fix may be wider than the wording (its clause, label or commas): all of it must be as linted.
    if (current.slice(x.start, x.end) !== x.text || current.slice(fix.start, fix.end) !== f.text.slice(fix.start, fix.end)) {
      // The text moved under us: re-lint and let the rep try again.
      this.scheduleLint(f);
      return;
    }
    const method = f.kind === 'text' ? applyToTextField(f.el as TextField, fix) : await applyToRichField(f.el, fix);
    if (method !== 'failed') this.host.onApplied(x);
    this.scheduleLint(f);
    this.dirty.add(f);
    this.paint();
  }

  private ignore(key: string): void {
    const hit = this.card.find(key);
    if (!hit || !this.host.allowIgnore()) return;
    const { field: f, finding: x } = hit;
    f.ignored.add(ignoreKey(x));
    setFindings(f, f.text, f.findings, this.doc);
    this.host.onIgnored(x);
    this.card.current = null;
    this.dirty.add(f);
    this.paint();
  }

  // ---- the save guard's view (warn/block modes, lib/content/save-guard/wiring.ts) ----

  /**
   * The tracked notes fields `accept`ed, each with its findings and their keys. A field
   * whose text changed since its last lint is re-linted synchronously first, so a save
   * cannot slip between a keystroke and its (time-sliced) lint.
   */
  notesFindings(accept: (el: HTMLElement) => boolean): { field: HTMLElement; key: string; finding: Finding }[] {
    const out: { field: HTMLElement; key: string; finding: Finding }[] = [];
    for (const f of this.fields.values()) {
      if (!this.enabled || !f.el.isConnected || !accept(f.el)) continue;
      this.catchUp(f);
      for (const x of f.findings) out.push({ field: f.el, key: findingKey(f, x), finding: x });
    }
    return out;
  }

  /** The tracked notes fields (with or without findings). */
  notesFields(): HTMLElement[] {
    return this.enabled ? [...this.fields.keys()].filter((el) => el.isConnected) : [];
  }

  /** Applies suggestion `index` of finding `key` through the card's path (editor pipeline, `onApplied`). */
  applyFinding(key: string, index: number): Promise<void> {
    return this.apply(key, index);
  }

  private catchUp(f: TrackedField): void {
    const text = readText(f);
    if (text === f.text && f.generation > 0) return;
    let found: Finding[];
    try {
      found = f.linter.runSync(text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text);
    } catch {
      return; // engine not ready: keep what we have
    }
    f.generation++; // drops an in-flight run of an older text
    f.running = false;
    setFindings(f, text, found, this.doc);
    this.shown(f);
    this.schedulePaint(f);
  }
}
