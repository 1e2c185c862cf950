/**
 * Which notes fields the page has and when they change: focus, fields added later
 * by single-page apps (pre-filled ones are reported at once, empty ones wait for
 * focus), and per field its edits, scrolls, resizes, clicks and blur. Mutations
 * inside a field already tracked are the field's own business, not a page scan.
 */
import { classifyField, eventTarget, findFields, type FieldKind } from '../dom/fields.ts';
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

  onFocusIn(e: Event, withSelectors: boolean): void {
    const field = this.classify(eventTarget(e), withSelectors);
    if (field) this.host.focused(field.el, field.kind);
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
    const cleanup: (() => void)[] = [];
    const listen = (type: string, fn: (e: Event) => void, opts?: AddEventListenerOptions) => {
      el.addEventListener(type, fn, opts);
      cleanup.push(() => el.removeEventListener(type, fn, opts));
    };
    if (kind === 'text') {
      listen('input', () => on.changed());
      listen('change', () => on.changed());
    } else {
      const mo = new MutationObserver(() => on.changed());
      mo.observe(el, { characterData: true, childList: true, subtree: true });
      cleanup.push(() => mo.disconnect());
    }
    listen('scroll', () => on.geometry(), { passive: true });
    listen('focusout', () => on.blurred());
    listen('click', (e) => on.clicked(e as MouseEvent));
    const ro = new ResizeObserver(() => on.geometry());
    ro.observe(el);
    cleanup.push(() => ro.disconnect());
    return cleanup;
  }
}
