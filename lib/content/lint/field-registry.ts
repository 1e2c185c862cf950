/**
 * The notes fields this frame tracks: each one's state (tracked-field.ts), its own
 * incremental linter and the field watcher's listeners, from attach to forget.
 */
import type { Finding } from '../../engine/types.ts';
import type { FieldKind } from '../dom/fields.ts';
import { IncrementalLinter } from './field-linter.ts';
import type { FieldWatcher } from './field-watcher.ts';
import type { TrackedField } from './tracked-field.ts';

export interface RegistryHost {
  /** Lints one paragraph. */
  lint(text: string): Finding[];
  changed(f: TrackedField): void;
  geometry(f: TrackedField): void;
  clicked(f: TrackedField, e: MouseEvent): void;
  /** A rich field's tree scope (document or open shadow root) needs the highlight rules. */
  richRoot(root: Document | ShadowRoot): void;
}

let nextId = 1;

export class FieldRegistry {
  private readonly byEl = new Map<HTMLElement, TrackedField>();

  constructor(private readonly watcher: FieldWatcher, private readonly host: RegistryHost) {}

  values(): IterableIterator<TrackedField> {
    return this.byEl.values();
  }

  get(el: HTMLElement): TrackedField | undefined {
    return this.byEl.get(el);
  }

  /** The tracked field `el`, tracking it first if needed; `fresh` tells which. */
  add(el: HTMLElement, kind: FieldKind): { field: TrackedField; fresh: boolean } {
    const existing = this.byEl.get(el);
    if (existing) return { field: existing, fresh: false };
    const f: TrackedField = {
      id: nextId++, el, kind, linter: new IncrementalLinter((t) => this.host.lint(t)), text: '', map: null, findings: [], ranges: [],
      linted: false, dirty: true, seen: new Set(), ignored: new Set(), mirror: null, cleanup: [],
    };
    f.cleanup = this.watcher.watchField(el, kind, {
      changed: () => this.host.changed(f),
      geometry: () => this.host.geometry(f),
      blurred: () => f.seen.clear(), // the editing session ends
      clicked: (e) => this.host.clicked(f, e),
    });
    if (kind === 'rich') this.host.richRoot(el.getRootNode() as Document | ShadowRoot);
    this.byEl.set(el, f);
    return { field: f, fresh: true };
  }

  /** Stops tracking `f`: its listeners and its mirror go. */
  forget(f: TrackedField): void {
    release(f);
    this.byEl.delete(f.el);
  }

  clear(): void {
    for (const f of this.byEl.values()) release(f);
    this.byEl.clear();
  }

  /** The tracked field that is `node` or holds it (light DOM). */
  containing(node: Node | null): TrackedField | null {
    for (let n = node; n; n = n.parentNode) {
      const f = n.nodeType === 1 ? this.byEl.get(n as HTMLElement) : undefined;
      if (f) return f;
    }
    return null;
  }
}

function release(f: TrackedField): void {
  for (const c of f.cleanup.splice(0)) c();
  f.mirror?.dispose();
  f.mirror = null;
}
