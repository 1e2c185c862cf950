/**
 * The in-page orchestrator of one frame. It wires small parts: the field watcher
 * (which fields, when they change), the field registry (one incremental linter per
 * field), the lint scheduler, the painter (geometry and drawing), the card
 * controller and the finding actions. It knows
 * neither the engine, nor the extension APIs, nor counting: the content script
 * passes a `FrameworkHost`.
 */
import type { Finding } from '../../engine/types.ts';
import { deepActiveElement, type FieldKind } from '../dom/fields.ts';
import { CardController } from './card-controller.ts';
import { FieldRegistry } from './field-registry.ts';
import { FieldWatcher } from './field-watcher.ts';
import { applySuggestion, ignoreFinding } from './finding-actions.ts';
import { LintScheduler } from './lint-scheduler.ts';
import type { Summary } from './page-summary.ts';
import { Painter } from './painter.ts';
import { findingKey, type TrackedField } from './tracked-field.ts';

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

export class LintFramework {
  private readonly watcher: FieldWatcher;
  private readonly fields: FieldRegistry;
  private readonly lints: LintScheduler;
  private readonly card: CardController;
  private readonly painter: Painter;
  private enabled = false;
  private readonly disposers: (() => void)[] = [];

  constructor(private readonly doc: Document, private readonly host: FrameworkHost) {
    this.watcher = new FieldWatcher(doc, {
      fieldSelectors: () => host.fieldSelectors(),
      focused: (el, kind) => void this.onFocus(el, kind),
      found: (el, kind) => this.attach(el, kind),
      removed: () => this.painter.schedule(),
      insideTracked: (node) => this.fields.containing(node) !== null,
    });
    this.fields = new FieldRegistry(this.watcher, {
      lint: (t) => host.lint(t),
      changed: (f) => this.lints.schedule(f),
      geometry: (f) => this.painter.schedule(f),
      clicked: (f, e) => this.card.onFieldClick(f, e),
      richRoot: (root) => this.painter.highlights.ensureStyle(root),
    });
    this.lints = new LintScheduler(doc, {
      fields: () => this.fields.values(),
      active: () => this.enabled,
      forget: (f) => this.forget(f),
      shown: (findings) => host.onShown(findings),
      changed: (f) => this.painter.schedule(f, 'now'),
    });
    this.card = new CardController(doc, {
      fields: () => this.fields.values(),
      fieldOf: (el) => this.fields.get(el),
      apply: (key, i) => void this.apply(key, i),
      ignore: (key) => this.ignore(key),
      changed: () => this.painter.paint(),
    });
    this.painter = new Painter(doc, this.card, {
      fields: () => this.fields.values(),
      active: () => this.enabled,
      forget: (f) => this.forget(f),
      relint: (f) => this.lints.schedule(f),
      allowIgnore: () => host.allowIgnore(),
      report: host.report,
      apply: (key, i) => void this.apply(key, i),
      ignore: (key) => this.ignore(key),
    });
  }

  /** Cheap: listeners only. Nothing is linted before a notes field gets focus. */
  start(): void {
    // A document without a window (detached, or a frame being torn down): nothing to watch.
    const win = this.doc.defaultView;
    if (this.disposers.length || !win) return;
    const on = (t: EventTarget, type: string, fn: (e: Event) => void, opts: AddEventListenerOptions = { capture: true }) => {
      t.addEventListener(type, fn, opts);
      this.disposers.push(() => t.removeEventListener(type, fn, opts));
    };
    on(this.doc, 'focusin', (e) => this.watcher.onFocusIn(e, this.enabled));
    on(this.doc, 'keydown', (e) => this.card.onKey(e as KeyboardEvent));
    // A press anywhere else on the page closes the card (ours are inside the host element).
    on(this.doc, 'mousedown', (e) => {
      const ours = this.painter.hostElement;
      if (this.card.current && ours && !e.composedPath().includes(ours)) this.card.close();
    });
    on(win, 'scroll', () => this.painter.schedule(), { capture: true, passive: true });
    on(win, 'resize', () => this.painter.schedule(), { passive: true });
    if (win.visualViewport) on(win.visualViewport, 'resize', () => this.painter.schedule(), {});
    const active = deepActiveElement(this.doc);
    const field = this.watcher.classify(active && active !== this.doc.body ? active : this.doc.body?.isContentEditable ? this.doc.body : null, false);
    if (field) void this.onFocus(field.el, field.kind);
  }

  /** Stops everything and removes all our UI (pause, extension disabled or updated). */
  stop(): void {
    for (const d of this.disposers.splice(0)) d();
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
    this.fields.clear();
    this.card.current = null;
    this.painter.clear();
  }

  private enable(): void {
    this.enabled = true;
    this.watcher.observe();
  }

  private async onFocus(el: HTMLElement, kind: FieldKind): Promise<void> {
    if (!this.enabled && !(await this.host.ready())) return;
    // A stop() during the await (the script was invalidated) leaves no listener: stay off.
    if (!this.enabled && this.disposers.length) this.enable();
    const f = this.attach(el, kind);
    if (f) this.lints.schedule(f);
  }

  private attach(el: HTMLElement, kind: FieldKind): TrackedField | null {
    if (!this.enabled) return this.fields.get(el) ?? null;
    const { field, fresh } = this.fields.add(el, kind);
    if (fresh) this.lints.schedule(field);
    return field;
  }

  private forget(f: TrackedField): void {
    this.fields.forget(f);
    this.painter.drop(f);
    if (this.card.current?.field === f) this.card.current = null;
    this.painter.schedule();
  }

  private async apply(key: string, index: number): Promise<void> {
    const hit = this.card.find(key);
    if (!hit) return;
    this.card.current = null;
    const outcome = await applySuggestion(hit.field, hit.finding, index);
    if (outcome === 'applied') this.host.onApplied(hit.finding);
    // Moved: the text changed under the card; the re-lint lets the rep try again.
    this.lints.schedule(hit.field);
    this.painter.paint(hit.field);
  }

  private ignore(key: string): void {
    const hit = this.card.find(key);
    if (!hit || !this.host.allowIgnore()) return;
    ignoreFinding(hit.field, hit.finding, this.doc);
    this.host.onIgnored(hit.finding);
    this.card.current = null;
    this.painter.paint(hit.field);
  }

  // ---- the save guard's view (NotesTracker of lib/content/save-guard/wiring.ts) ----

  /**
   * The tracked notes fields `accept`ed, each with its findings and their keys. A field
   * whose text changed since its last lint is re-linted synchronously first (`runSync`),
   * so a save cannot slip between a keystroke and its time-sliced lint.
   */
  notesFindings(accept: (el: HTMLElement) => boolean): { field: HTMLElement; key: string; finding: Finding }[] {
    const out: { field: HTMLElement; key: string; finding: Finding }[] = [];
    for (const f of this.fields.values()) {
      if (!this.enabled || !f.el.isConnected || !accept(f.el)) continue;
      this.lints.catchUp(f);
      for (const x of f.findings) out.push({ field: f.el, key: findingKey(f, x), finding: x });
    }
    return out;
  }

  /** The tracked notes fields (with or without findings). */
  notesFields(): HTMLElement[] {
    return this.enabled ? [...this.fields.values()].map((f) => f.el).filter((el) => el.isConnected) : [];
  }

  /** Applies suggestion `index` of finding `key` through the card's path (editor pipeline, `onApplied`). */
  applyFinding(key: string, index: number): Promise<void> {
    return this.apply(key, index);
  }
}
