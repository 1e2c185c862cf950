/**
 * What the save guard (NotesTracker of lib/content/save-guard/wiring.ts) and the
 * toolbar popup (lib/content/popup-bridge.ts) see of this frame: the tracked notes
 * fields, their findings brought up to date synchronously, and the card's apply path.
 */
import type { Finding } from '../../engine/types.ts';
import { findingKey, type TrackedField } from './tracked-field.ts';

export interface NotesViewHost {
  fields(): Iterable<TrackedField>;
  /** Linting is on in this frame. */
  active(): boolean;
  /** Re-lints `f` at once if its text changed since its last lint (field-linter's `runSync`). */
  catchUp(f: TrackedField): void;
  apply(key: string, index: number): Promise<void>;
}

export interface NoteFinding { field: HTMLElement; key: string; finding: Finding }

export class NotesView {
  constructor(private readonly host: NotesViewHost) {}

  /**
   * The tracked notes fields `accept`ed, each with its findings and their keys. A field
   * whose text changed since its last lint is re-linted synchronously first, so a save
   * cannot slip between a keystroke and its time-sliced lint.
   */
  notesFindings(accept: (el: HTMLElement) => boolean): NoteFinding[] {
    const out: NoteFinding[] = [];
    if (!this.host.active()) return out;
    for (const f of this.host.fields()) {
      if (!f.el.isConnected || !accept(f.el)) continue;
      this.host.catchUp(f);
      for (const x of f.findings) out.push({ field: f.el, key: findingKey(f, x), finding: x });
    }
    return out;
  }

  /** The tracked notes fields (with or without findings). */
  notesFields(): HTMLElement[] {
    return this.host.active() ? [...this.host.fields()].map((f) => f.el).filter((el) => el.isConnected) : [];
  }

  /** Applies suggestion `index` of finding `key` through the card's path (editor pipeline, `onApplied`). */
  applyFinding(key: string, index: number): Promise<void> {
    return this.host.apply(key, index);
  }
}
