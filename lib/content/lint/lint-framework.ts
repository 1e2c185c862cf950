/**
 * The in-page orchestrator of one frame. It wires small parts: the field watcher
 * (which fields, when they change), the field registry (one incremental linter per
 * field), the lint scheduler, the painter (geometry and drawing), the card
 * controller (with the finding actions) and the notes view (what the save guard and the
 * popup see). It knows neither the engine, nor the extension APIs, nor counting:
 * the content script passes a `FrameworkHost` and turns its callbacks into counts.
 */
import type { Finding } from '../../engine/types.ts';
import type { FieldKind } from '../dom/fields.ts';
import { CardController } from './card-controller.ts';
import { FieldRegistry } from './field-registry.ts';
import { FieldWatcher } from './field-watcher.ts';
import { LintScheduler } from './lint-scheduler.ts';
import { NotesView } from './notes-view.ts';
import type { Summary } from './page-summary.ts';
import { Painter } from './painter.ts';
import type { TrackedField } from './tracked-field.ts';

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
  /** The save guard's and the popup's view (NotesTracker of lib/content/save-guard/wiring.ts). */
  readonly notes: NotesView;
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
      allowIgnore: () => host.allowIgnore(),
      applied: (x) => host.onApplied(x),
      ignored: (x) => host.onIgnored(x),
      relint: (f) => this.lints.schedule(f),
      changed: (f) => this.painter.paint(f),
    });
    this.painter = new Painter(doc, this.card, {
      fields: () => this.fields.values(),
      active: () => this.enabled,
      forget: (f) => this.forget(f),
      relint: (f) => this.lints.schedule(f),
      allowIgnore: () => host.allowIgnore(),
      report: host.report,
    });
    this.notes = new NotesView({
      fields: () => this.fields.values(),
      active: () => this.enabled,
      catchUp: (f) => this.lints.catchUp(f),
      apply: (key, i) => this.card.apply(key, i),
    });
  }

  /** Cheap: listeners only. Nothing is linted before a notes field gets focus. */
  start(): void {
    // A document without a window (detached, or a frame being torn down): nothing to watch.
    const win = this.doc.defaultView;
    if (this.disposers.length || !win) return;
    this.disposers.push(
      this.watcher.listenFocus(() => this.enabled),
      ...this.card.watchPage(() => this.painter.hostElement),
      ...this.painter.watchViewport(win),
    );
    const field = this.watcher.focusedField(false);
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
    const fields = [...this.fields.values()].map((f) => [f.el, f.kind] as const);
    this.disable();
    if (!(await this.host.ready())) return;
    this.enable();
    for (const [el, kind] of fields) if (el.isConnected) this.attach(el, kind);
    const field = this.watcher.focusedField(true);
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
}
