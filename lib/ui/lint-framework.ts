/**
 * The in-page orchestrator of one frame: finds notes fields, lints them
 * incrementally, draws underlines from outside, opens the card, applies
 * suggestions through the editor's input pipeline and emits counts.
 * It knows neither the extension APIs nor the policy: the content script
 * passes a `FrameworkHost`.
 */
import type { CategoryId, Severity } from '../categories.ts';
import type { Finding } from '../engine/types.ts';
import type { CountEvent } from '../messages.ts';
import { applyToRichField, applyToTextField } from '../dom/apply.ts';
import { classifyField, deepActiveElement, eventTarget, findFields, type FieldKind } from '../dom/fields.ts';
import { IncrementalLinter, splitChunks } from '../dom/incremental.ts';
import { Mirror } from '../dom/mirror.ts';
import { extractText, offsetOf, rangeFor, type TextMap } from '../dom/text-map.ts';
import { Highlights } from './highlights.ts';
import { Overlay, type CardState, type OverlayItem } from './overlay.tsx';

export interface FrameworkHost {
  /** Loads configuration and engine (first call only); false when linting is off here. */
  ready(): Promise<boolean>;
  /** Lints one paragraph (engine loaded). */
  lint(text: string): Finding[];
  allowIgnore(): boolean;
  fieldSelectors(): readonly string[];
  count(events: CountEvent[]): void;
  report(counts: Partial<Record<CategoryId, number>>, bySeverity: Partial<Record<Severity, number>>): void;
}

type TextField = HTMLTextAreaElement | HTMLInputElement;

interface Field {
  id: number;
  el: HTMLElement;
  kind: FieldKind;
  linter: IncrementalLinter;
  text: string;
  map: TextMap | null;
  findings: Finding[];
  ranges: (Range | null)[];
  generation: number;
  dirty: boolean;
  /** A (time-sliced) lint run is in flight. */
  running: boolean;
  /** Findings already counted as shown in this editing session. */
  seen: Set<string>;
  ignored: Set<string>;
  mirror: Mirror | null;
  cleanup: (() => void)[];
}

const MAX_TEXT = 2_000_000;
/**
 * Text fields longer than this are linted (badge, popup, Alt+Shift+N) but not
 * underlined: laying out a mirror of a huge text would block the page.
 */
const MAX_MIRROR = 200_000;
const keyOf = (f: { id: number }, x: Finding) => `${f.id}:${x.start}:${x.rule}`;
let nextId = 1;

export class LintFramework {
  private readonly fields = new Map<HTMLElement, Field>();
  private overlay: Overlay | null = null;
  private readonly highlights: Highlights;
  private card: { field: Field; key: string } | null = null;
  private rafPending = false;
  private lintPending = false;
  private enabled = false;
  private started = false;
  private lastReport = '';
  private reportTimer: ReturnType<typeof setTimeout> | null = null;
  private observer: MutationObserver | null = null;
  private readonly win: Window;
  private readonly disposers: (() => void)[] = [];

  constructor(private readonly doc: Document, private readonly host: FrameworkHost) {
    this.win = doc.defaultView!;
    this.highlights = new Highlights(doc);
  }

  /** Cheap: listeners only. Nothing is linted before a notes field gets focus. */
  start(): void {
    // A document without a window (a frame torn down while the script loads): nothing to watch.
    if (this.started || !this.doc.defaultView) return;
    this.started = true;
    const on = <K extends keyof DocumentEventMap>(t: Window | Document, type: K | string, fn: (e: Event) => void, opts: AddEventListenerOptions = { capture: true }) => {
      t.addEventListener(type, fn, opts);
      this.disposers.push(() => t.removeEventListener(type, fn, opts));
    };
    on(this.doc, 'focusin', (e) => void this.onFocus(eventTarget(e)));
    on(this.doc, 'keydown', (e) => this.onKey(e as KeyboardEvent));
    // A press anywhere else on the page closes the card (ours are inside the host element).
    on(this.doc, 'mousedown', (e) => {
      if (this.card && this.overlay && !e.composedPath().includes(this.overlay.host)) this.closeCard();
    });
    on(this.win, 'scroll', () => this.schedulePaint(), { capture: true, passive: true });
    on(this.win, 'resize', () => this.schedulePaint(), { passive: true });
    this.win.visualViewport?.addEventListener('resize', () => this.schedulePaint());
    const active = deepActiveElement(this.doc);
    if (active && active !== this.doc.body) void this.onFocus(active);
    else if (this.doc.body?.isContentEditable) void this.onFocus(this.doc.body);
  }

  /** Stops everything and removes all our UI (pause, extension disabled). */
  stop(): void {
    for (const d of this.disposers.splice(0)) d();
    this.started = false;
    if (this.doc.defaultView) this.disable(); // without a window there is no UI to remove
  }

  /** Configuration changed: re-check whether we are on, re-lint everything. */
  async reconfigure(): Promise<void> {
    const fields = [...this.fields.values()].map((f) => f.el);
    this.disable();
    if (!(await this.host.ready())) return;
    this.enable();
    for (const el of fields) if (el.isConnected) this.attach(el, el.tagName === 'TEXTAREA' || el.tagName === 'INPUT' ? 'text' : 'rich');
    const active = deepActiveElement(this.doc);
    if (active) void this.onFocus(active);
  }

  private disable(): void {
    this.enabled = false;
    this.observer?.disconnect();
    this.observer = null;
    for (const f of this.fields.values()) this.detach(f);
    this.fields.clear();
    this.card = null;
    this.highlights.clear();
    this.overlay?.dispose();
    this.overlay = null;
    this.sendReport(true);
  }

  private enable(): void {
    this.enabled = true;
    // Fields added later by single-page apps (focusin covers the rest, shadow roots included).
    this.observer = new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) if (n.nodeType === 1 && (n as Element).tagName !== 'CRM-NOTE-LINT') this.scanLater(n as Element);
        if (r.removedNodes.length) this.schedulePaint();
      }
    });
    this.observer.observe(this.doc.documentElement, { childList: true, subtree: true });
    this.scanLater(this.doc.documentElement);
  }

  private scanQueue = new Set<Element>();
  private scanTimer: ReturnType<typeof setTimeout> | null = null;
  private scanLater(el: Element): void {
    this.scanQueue.add(el);
    if (this.scanTimer) return;
    this.scanTimer = setTimeout(() => {
      this.scanTimer = null;
      const roots = [...this.scanQueue];
      this.scanQueue.clear();
      if (!this.enabled) return;
      for (const r of roots) {
        if (!r.isConnected) continue;
        for (const { el, kind } of findFields(r, this.host.fieldSelectors())) {
          // Pre-filled fields are linted at once; empty ones wait for focus.
          const hasText = kind === 'text' ? !!(el as TextField).value : !!el.textContent?.trim();
          if (hasText) this.attach(el, kind);
        }
      }
    }, 200);
  }

  private async onFocus(target: Element | null): Promise<void> {
    if (!target) return;
    const field = classifyField(target, this.enabled ? this.host.fieldSelectors() : []);
    if (!field) return;
    if (!this.enabled) {
      if (!(await this.host.ready())) return;
      if (!this.enabled) this.enable();
    }
    const f = this.attach(field.el, field.kind);
    if (f) this.scheduleLint(f);
  }

  private attach(el: HTMLElement, kind: FieldKind): Field | null {
    const existing = this.fields.get(el);
    if (existing) return existing;
    if (!this.enabled) return null;
    const f: Field = {
      id: nextId++, el, kind, linter: new IncrementalLinter((t) => this.host.lint(t)), text: '', map: null, findings: [], ranges: [],
      generation: 0, dirty: true, running: false, seen: new Set(), ignored: new Set(), mirror: null, cleanup: [],
    };
    const listen = (t: EventTarget, type: string, fn: (e: Event) => void, opts?: AddEventListenerOptions) => {
      t.addEventListener(type, fn, opts);
      f.cleanup.push(() => t.removeEventListener(type, fn, opts));
    };
    if (kind === 'text') {
      listen(el, 'input', () => this.scheduleLint(f));
      listen(el, 'change', () => this.scheduleLint(f));
    } else {
      const mo = new MutationObserver(() => this.scheduleLint(f));
      mo.observe(el, { characterData: true, childList: true, subtree: true });
      f.cleanup.push(() => mo.disconnect());
      const root = el.getRootNode() as Document | ShadowRoot;
      this.highlights.ensureStyle(root);
    }
    listen(el, 'scroll', () => this.schedulePaint(), { passive: true });
    listen(el, 'focusout', () => f.seen.clear()); // the editing session ends
    listen(el, 'click', (e) => this.onFieldClick(f, e as MouseEvent));
    const ro = new ResizeObserver(() => this.schedulePaint());
    ro.observe(el);
    f.cleanup.push(() => ro.disconnect());
    this.fields.set(el, f);
    this.scheduleLint(f);
    return f;
  }

  private detach(f: Field): void {
    for (const c of f.cleanup.splice(0)) c();
    f.mirror?.dispose();
    f.mirror = null;
  }

  // ---- linting -------------------------------------------------------------

  private scheduleLint(f: Field): void {
    f.dirty = true;
    if (this.lintPending) return;
    this.lintPending = true;
    // Right after the input event / DOM mutation (a microtask), so the underline is
    // updated before the next frame; the incremental linter yields when work is long.
    queueMicrotask(() => void this.lintDirty());
  }

  private async lintDirty(): Promise<void> {
    this.lintPending = false;
    const jobs: Promise<void>[] = [];
    for (const f of this.fields.values()) if (f.dirty) jobs.push(this.lintField(f));
    await Promise.all(jobs);
  }

  private readText(f: Field): string {
    if (f.kind === 'text') {
      f.map = null;
      return (f.el as TextField).value;
    }
    f.map = extractText(f.el);
    return f.map.text;
  }

  private async lintField(f: Field): Promise<void> {
    f.dirty = false;
    if (!f.el.isConnected) return this.forget(f);
    const text = this.readText(f);
    const map = f.map;
    if (text === f.text && f.generation > 0) {
      // Text unchanged (e.g. a formatting change): only the geometry may differ.
      if (map) f.ranges = f.findings.map((x) => rangeFor(map, x.start, x.end, this.doc));
      this.paint();
      return;
    }
    const gen = ++f.generation;
    f.running = true;
    const result = await f.linter.run(text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text, { stale: () => f.generation !== gen || !this.enabled });
    if (f.generation === gen) f.running = false;
    if (!result || f.generation !== gen || !this.enabled) return;
    f.text = text;
    f.findings = result.filter((x) => !f.ignored.has(ignoreKey(x)));
    f.ranges = map ? f.findings.map((x) => rangeFor(map, x.start, x.end, this.doc)) : [];
    this.countShown(f);
    this.paint();
  }

  private forget(f: Field): void {
    this.detach(f);
    this.fields.delete(f.el);
    if (this.card?.field === f) this.card = null;
    this.schedulePaint();
  }

  private countShown(f: Field): void {
    const events: CountEvent[] = [];
    const nth = new Map<string, number>();
    for (const x of f.findings) {
      const base = ignoreKey(x);
      const n = (nth.get(base) ?? 0) + 1;
      nth.set(base, n);
      const key = `${base}\u0000${n}`;
      if (f.seen.has(key)) continue;
      f.seen.add(key);
      events.push({ category: x.category, rule: x.rule, action: 'shown' });
    }
    if (events.length) this.host.count(events);
  }

  // ---- painting ------------------------------------------------------------

  private schedulePaint(): void {
    if (this.rafPending || !this.enabled) return;
    this.rafPending = true;
    this.win.requestAnimationFrame(() => {
      this.rafPending = false;
      this.paint();
    });
  }

  private paint(): void {
    const items: OverlayItem[] = [];
    const ranges: Record<Severity, Range[]> = { error: [], warning: [], suggestion: [] };
    let card: CardState | null = null;
    for (const f of [...this.fields.values()]) {
      if (!f.el.isConnected) {
        this.forget(f);
        continue;
      }
      // A value set by script (no input event): pick it up on the next repaint.
      if (f.kind === 'text' && !f.dirty && !f.running && f.generation > 0 && (f.el as TextField).value !== f.text) this.scheduleLint(f);
      if (!f.findings.length) continue;
      const box = f.el.getBoundingClientRect();
      const visible = box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < this.win.innerHeight;
      // The visible text box: the field's client area (text fields) or its border box (rich).
      const te = f.el as TextField;
      const clipBox = f.kind === 'text'
        ? new DOMRect(box.left + te.clientLeft, box.top + te.clientTop, te.clientWidth, te.clientHeight)
        : box;
      const rawOf = (i: number): DOMRect[] => {
        const x = f.findings[i]!;
        if (f.kind === 'text') {
          if (f.text.length > MAX_MIRROR) return [];
          f.mirror ??= new Mirror(this.ensureOverlay().mirrors, this.doc);
          return f.mirror.rects(te, x.start, x.end, false);
        }
        const r = f.ranges[i];
        return r ? [...r.getClientRects()].filter((c) => c.width >= 1 && c.height >= 1) : [];
      };
      // Findings are in text order, hence in vertical order: measure only the visible ones.
      const shown = new Map<number, DOMRect[]>();
      if (visible) {
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
      }
      f.findings.forEach((x, i) => {
        const rects = shown.get(i) ?? [];
        if (f.kind === 'rich' && f.ranges[i]) ranges[x.severity].push(f.ranges[i]!);
        const key = keyOf(f, x);
        items.push({ key, finding: x, rects, painted: f.kind === 'rich' && this.highlights.supported });
        if (this.card && this.card.field === f && this.card.key === key) {
          const anchor = rects[0] ?? new DOMRect(box.left, box.top, Math.min(box.width, 200), Math.min(box.height, 24));
          card = { key, finding: x, anchor, allowIgnore: this.host.allowIgnore() };
        }
      });
    }
    if (this.card && !card) this.card = null;
    this.highlights.set(ranges);
    if (items.length || this.overlay) this.ensureOverlay().render(items, card);
    this.sendReport(false);
  }

  private ensureOverlay(): Overlay {
    return (this.overlay ??= new Overlay(this.doc, {
      open: (key) => this.openCard(key),
      apply: (key, i) => void this.apply(key, i),
      ignore: (key) => this.ignore(key),
      close: () => this.closeCard(),
    }));
  }

  private sendReport(now: boolean): void {
    const counts: Partial<Record<CategoryId, number>> = {};
    const bySeverity: Partial<Record<Severity, number>> = {};
    for (const f of this.fields.values()) {
      for (const x of f.findings) {
        counts[x.category] = (counts[x.category] ?? 0) + 1;
        bySeverity[x.severity] = (bySeverity[x.severity] ?? 0) + 1;
      }
    }
    const sig = JSON.stringify([counts, bySeverity]);
    if (sig === this.lastReport) return;
    if (this.reportTimer) clearTimeout(this.reportTimer);
    const send = () => {
      this.reportTimer = null;
      this.lastReport = sig;
      this.host.report(counts, bySeverity);
    };
    if (now) send();
    else this.reportTimer = setTimeout(send, 150);
  }

  // ---- card ----------------------------------------------------------------

  private find(key: string): { field: Field; finding: Finding } | null {
    const [id] = key.split(':');
    for (const f of this.fields.values()) {
      if (String(f.id) !== id) continue;
      const x = f.findings.find((y) => keyOf(f, y) === key);
      return x ? { field: f, finding: x } : null;
    }
    return null;
  }

  private openCard(key: string): void {
    const hit = this.find(key);
    if (!hit) return;
    this.card = { field: hit.field, key };
    this.paint();
  }

  private closeCard(): void {
    if (!this.card) return;
    this.card = null;
    this.paint();
  }

  get cardOpen(): boolean {
    return !!this.card;
  }

  private async apply(key: string, index: number): Promise<void> {
    const hit = this.find(key);
    if (!hit) return;
    const { field: f, finding: x } = hit;
    const fix = x.fixes[index];
    if (!fix) return;
    this.card = null;
    const current = this.readText(f);
    if (current.slice(x.start, x.end) !== x.text) {
      // The text moved under us: re-lint and let the rep try again.
      this.scheduleLint(f);
      return;
    }
    const method = f.kind === 'text' ? applyToTextField(f.el as TextField, fix) : await applyToRichField(f.el, fix);
    if (method !== 'failed') this.host.count([{ category: x.category, rule: x.rule, action: 'applied' }]);
    this.scheduleLint(f);
    this.paint();
  }

  private ignore(key: string): void {
    const hit = this.find(key);
    if (!hit || !this.host.allowIgnore()) return;
    const { field: f, finding: x } = hit;
    f.ignored.add(ignoreKey(x));
    f.findings = f.findings.filter((y) => ignoreKey(y) !== ignoreKey(x));
    f.ranges = f.map ? f.findings.map((y) => rangeFor(f.map!, y.start, y.end, this.doc)) : [];
    this.host.count([{ category: x.category, rule: x.rule, action: 'ignored' }]);
    this.card = null;
    this.paint();
  }

  private onFieldClick(f: Field, e: MouseEvent): void {
    // A click on flagged wording inside the field opens its card too.
    if (e.button !== 0 || !f.findings.length) return;
    const caret = this.caretOf(f);
    if (caret === null) return;
    const x = f.findings.find((y) => y.start <= caret && caret <= y.end);
    if (x) this.openCard(`${f.id}:${x.start}:${x.rule}`);
    else if (this.card) this.closeCard();
  }

  private caretOf(f: Field): number | null {
    if (f.kind === 'text') {
      const el = f.el as TextField;
      return el.selectionEnd ?? null;
    }
    const rn = f.el.getRootNode() as ShadowRoot & { getSelection?: () => Selection | null };
    const sel = (typeof rn.getSelection === 'function' ? rn.getSelection() : null) ?? this.doc.getSelection();
    if (!sel || !sel.focusNode || !f.el.contains(sel.focusNode)) return null;
    const map = f.map ?? extractText(f.el);
    return offsetOf(map, sel.focusNode, sel.focusOffset);
  }

  private focusedField(): Field | null {
    let a = deepActiveElement(this.doc);
    while (a) {
      const f = this.fields.get(a as HTMLElement);
      if (f) return f;
      a = a.parentElement;
    }
    return null;
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === 'Escape' && this.card) {
      e.preventDefault();
      e.stopPropagation();
      this.closeCard();
      return;
    }
    if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey) return;
    if (e.code === 'KeyN') {
      const f = this.focusedField() ?? this.card?.field ?? null;
      if (!f || !f.findings.length) return;
      e.preventDefault();
      e.stopPropagation();
      const caret = this.caretOf(f) ?? 0;
      const currentKey = this.card?.key;
      const ordered = f.findings;
      let next = ordered.find((y) => y.start >= caret && `${f.id}:${y.start}:${y.rule}` !== currentKey && (!this.card || y.start > (this.find(currentKey!)?.finding.start ?? -1)));
      next ??= ordered.find((y) => `${f.id}:${y.start}:${y.rule}` !== currentKey) ?? ordered[0];
      if (next) this.openCard(`${f.id}:${next.start}:${next.rule}`);
      return;
    }
    if (!this.card) return;
    const digit = /^Digit([1-9])$/.exec(e.code);
    if (digit || e.code === 'Enter') {
      e.preventDefault();
      e.stopPropagation();
      void this.apply(this.card.key, digit ? Number(digit[1]) - 1 : 0);
    } else if (e.code === 'KeyI') {
      e.preventDefault();
      e.stopPropagation();
      this.ignore(this.card.key);
    }
  }

  // ---- save guard (warn/block modes, lib/ext/save-guard-wiring.ts) ----------

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
      for (const x of f.findings) out.push({ field: f.el, key: keyOf(f, x), finding: x });
    }
    return out;
  }

  /** The tracked notes fields (with or without findings). */
  notesFields(): HTMLElement[] {
    return this.enabled ? [...this.fields.keys()].filter((el) => el.isConnected) : [];
  }

  /** Applies suggestion `index` of finding `key` through the card's path (editor pipeline, `applied` count). */
  applyFinding(key: string, index: number): Promise<void> {
    return this.apply(key, index);
  }

  private catchUp(f: Field): void {
    const text = this.readText(f);
    if (text === f.text && f.generation > 0) return;
    const src = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
    const found: Finding[] = [];
    try {
      for (const [s, e] of splitChunks(src)) {
        for (const x of this.host.lint(src.slice(s, e))) {
          found.push(s ? { ...x, start: x.start + s, end: x.end + s, fixes: x.fixes.map((y) => ({ ...y, start: y.start + s, end: y.end + s })) } : x);
        }
      }
    } catch {
      return; // engine not ready: keep what we have
    }
    f.generation++; // drops an in-flight run of an older text
    f.running = false;
    f.text = text;
    f.findings = found.filter((x) => !f.ignored.has(ignoreKey(x)));
    f.ranges = f.map ? f.findings.map((x) => rangeFor(f.map!, x.start, x.end, this.doc)) : [];
    this.countShown(f);
    this.schedulePaint();
  }

  /** For tests and the popup: findings of this frame. */
  get findings(): Finding[] {
    return [...this.fields.values()].flatMap((f) => f.findings);
  }
}

function ignoreKey(x: Finding): string {
  return `${x.rule}\u0000${x.text.toLowerCase()}`;
}

/** Rects clipped to the visible box, merged per line (scrolled-out text draws nothing). */
function clipRects(rects: DOMRect[], box: DOMRect): DOMRect[] {
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
