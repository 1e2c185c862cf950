/**
 * When each tracked field is linted: in the microtask after its input event or DOM
 * mutation (so the underline moves before the next frame), time-sliced by the
 * field's incremental linter; at once (`runSync`) when a save needs the findings now.
 */
import type { Finding } from '../../engine/types.ts';
import { freshFindings, readText, setFindings, updateRanges, type TrackedField } from './tracked-field.ts';

const MAX_TEXT = 2_000_000;
const cap = (text: string) => (text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text);

export interface LintSchedulerHost {
  fields(): Iterable<TrackedField>;
  /** Linting is on: results that arrive after it went off are dropped. */
  active(): boolean;
  /** The field left the page. */
  forget(f: TrackedField): void;
  /** Findings shown for the first time in this editing session. */
  shown(findings: Finding[]): void;
  /** The field's findings or ranges changed: paint it. */
  changed(f: TrackedField): void;
}

export class LintScheduler {
  private pending = false;

  constructor(private readonly doc: Document, private readonly host: LintSchedulerHost) {}

  schedule(f: TrackedField): void {
    f.dirty = true;
    if (this.pending) return;
    this.pending = true;
    queueMicrotask(() => {
      this.pending = false;
      for (const g of this.host.fields()) if (g.dirty) void this.lint(g);
    });
  }

  /** Brings `f` up to date synchronously if its text changed since its last lint (a save is running). */
  catchUp(f: TrackedField): void {
    const text = readText(f);
    if (text === f.text && f.linted) return;
    try {
      this.took(f, text, f.linter.runSync(cap(text)));
    } catch {
      // Engine not ready: keep what we have.
    }
  }

  private async lint(f: TrackedField): Promise<void> {
    f.dirty = false;
    if (!f.el.isConnected) return this.host.forget(f);
    const text = readText(f);
    if (text === f.text && f.linted && !f.linter.busy) {
      // Text unchanged (e.g. a formatting change): only the geometry may differ.
      updateRanges(f, this.doc);
      return this.host.changed(f);
    }
    const found = await f.linter.run(cap(text), { stale: () => !this.host.active() });
    if (found && this.host.active()) this.took(f, text, found);
  }

  private took(f: TrackedField, text: string, found: Finding[]): void {
    setFindings(f, text, found, this.doc);
    const fresh = freshFindings(f);
    if (fresh.length) this.host.shown(fresh);
    this.host.changed(f);
  }
}
