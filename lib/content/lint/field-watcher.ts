/**
 * Which notes fields the page has and when they change: focus, fields added later
 * by single-page apps (pre-filled ones are reported at once, empty ones wait for
 * focus), and per field its edits, scrolls, resizes, clicks and blur. Mutations
 * inside a field already tracked are the field's own business, not a page scan.
 */
import { classifyField, deepActiveElement, eventTarget, findFields, type FieldKind } from '../dom/fields.ts';
import { listen } from './listen.ts';
import type { TextField } from './tracked-field.ts';

export interface WatcherHost {
  fieldSelectors(): readonly string[];
  /** A field gained focus (`enabled` is false until the host has switched linting on). */
  focused(el: HTMLElement, kind: FieldKind): void;
  /** A field with text appeared. */
  found(el: HTMLElement, kind: FieldKind): void;
  /** Nodes left the page (a tracked field may have gone). */
  removed(): void;
  /** Is `node` inside a field that is already tracked? */
  insideTracked(node: Node): boolean;
}

export interface FieldEvents {
  changed(): void;
  geometry(): void;
  blurred(): void;
  clicked(e: MouseEvent): void;
}

export class FieldWatcher {
  private observer: MutationObserver | null = null;
  private readonly queue = new Set<Element>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly doc: Document, private readonly host: WatcherHost) {}

  /** The field (if any) a focus target belongs to, by the built-in rules and the policy's selectors. */
  classify(target: Element | null, withSelectors: boolean): { el: HTMLElement; kind: FieldKind } | null {
    return target ? classifyField(target, withSelectors ? this.host.fieldSelectors() : []) : null;
  }

  /** The notes field that has focus now (a contenteditable body counts), if any. */
  focusedField(withSelectors: boolean): { el: HTMLElement; kind: FieldKind } | null {
    const active = deepActiveElement(this.doc);
    const body = this.doc.body;
    return this.classify(active && active !== body ? active : body?.isContentEditable ? body : null, withSelectors);
  }

  /** Reports focus on notes fields (the policy's selectors once linting is on); returns what stops it. */
  listenFocus(withSelectors: () => boolean): () => void {
    return listen(this.doc, 'focusin', (e) => {
      const field = this.classify(eventTarget(e), withSelectors());
      if (field) this.host.focused(field.el, field.kind);
    }, { capture: true });
  }

  /** Watches the page for fields added later; scans what is there now. */
  observe(): void {
    this.observer = new MutationObserver((records) => {
      for (const r of records) {
        if (this.host.insideTracked(r.target)) continue;
        for (const n of r.addedNodes) if (n.nodeType === 1 && (n as Element).tagName !== 'CRM-NOTE-LINT') this.scanLater(n as Element);
        if (r.removedNodes.length) this.host.removed();
      }
    });
    this.observer.observe(this.doc.documentElement, { childList: true, subtree: true });
    this.scanLater(this.doc.documentElement);
  }

  disconnect(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.queue.clear();
  }

  private scanLater(el: Element): void {
    this.queue.add(el);
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const roots = [...this.queue];
      this.queue.clear();
      if (!this.observer) return;
      for (const r of roots) {
        if (!r.isConnected) continue;
        for (const { el, kind } of findFields(r, this.host.fieldSelectors())) {
          const hasText = kind === 'text' ? !!(el as TextField).value : !!el.textContent?.trim();
          if (hasText) this.host.found(el, kind);
        }
      }
    }, 200);
  }

  /** Listens to one field; returns what undoes it. */
  watchField(el: HTMLElement, kind: FieldKind, on: FieldEvents): (() => void)[] {
    const cleanup = [
      listen(el, 'scroll', () => on.geometry(), { passive: true }),
      listen(el, 'focusout', () => on.blurred()),
      listen(el, 'click', (e) => on.clicked(e as MouseEvent)),
    ];
    if (kind === 'text') cleanup.push(listen(el, 'input', () => on.changed()), listen(el, 'change', () => on.changed()));
    else {
      const mo = new MutationObserver(() => on.changed());
      mo.observe(el, { characterData: true, childList: true, subtree: true });
      cleanup.push(() => mo.disconnect());
    }
    const ro = new ResizeObserver(() => on.geometry());
    ro.observe(el);
    cleanup.push(() => ro.disconnect());
    return cleanup;
  }
}
