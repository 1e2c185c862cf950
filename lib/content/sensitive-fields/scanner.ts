/**
 * Sensitive form fields of one frame: which fields of the page's
 * forms collect sensitive data, by the words that name them (label, aria-label,
 * placeholder, name, id — never the value), for the popup, the compliance counts
 * and an optional marker next to the field's label.
 *
 * Cost on ordinary pages: until a form field exists, one querySelector at start
 * and a cheap look at nodes added later; no configuration is requested and no
 * classifier is built. Knows no extension API: the content script passes a
 * `SensitiveFieldsHost` (lib/content/sensitive-fields/wiring.ts).
 *
 * The markers live in the open shadow root of a <crm-note-lint-fields> element
 * appended to <html>, positioned next to the label (outside the field): nothing
 * is ever inserted inside a form or a field. One `[data-sensitive-field]`
 * element per marked field, with `data-class`, `data-rule` (test contract).
 */
import type { CategoryId } from '../../categories.ts';
import type { CountEvent, FieldClass, FieldConfig, SensitiveFieldInfo } from '../../messages.ts';
import { FieldClassifier, type FieldDescriptors } from '../../fields/classify.ts';
import { describeField, formFields } from '../dom/field-descriptors.ts';

export const FIELD_HOST_TAG = 'crm-note-lint-fields';
/**
 * Category counted for a field rule without one (e-mail, birth date, address,
 * quote price): plain personal data whose protection rests on GDPR art. 32 /
 * 5(1)(f), the legal basis of the `identifier` category ("Identifier, secret").
 */
export const DEFAULT_FIELD_CATEGORY: CategoryId = 'identifier';

const CANDIDATES = 'input, select, textarea';
const OUR_TAGS = new Set(['CRM-NOTE-LINT', FIELD_HOST_TAG.toUpperCase()]);

/** The background's `get-field-config` answer: the field rules, on/off, markers on/off. */
export type FieldsConfig = FieldConfig;

export interface SensitiveFieldsHost {
  /** Configuration for this frame's host (null when the background is unreachable). */
  config(): Promise<FieldsConfig | null>;
  /** The frame's current list (sent again only when it changes). */
  report(fields: SensitiveFieldInfo[]): void;
  /** Count events (`field-seen`), each field once per page load. */
  count(events: CountEvent[]): void;
  /** Display name of a class (« Ne pas collecter », "Do not collect"…). */
  classLabel(cls: FieldClass): string;
}

export interface ScannerOptions {
  /** Debounce of rescans after DOM changes (ms). */
  debounceMs?: number;
}

/** Cheap check: does this document (or an open shadow root of a custom element) hold a form field? */
export function hasFormFields(doc: Document): boolean {
  if (doc.querySelector(CANDIDATES)) return formFields(doc).length > 0;
  // Web components: only custom elements (a dash in the tag) are looked at.
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    if (el.shadowRoot && el.tagName.includes('-') && !OUR_TAGS.has(el.tagName) && formFields(el.shadowRoot).length) return true;
  }
  return false;
}

function addsFormField(n: Node): boolean {
  if (n.nodeType !== 1) return false;
  const el = n as Element;
  if (OUR_TAGS.has(el.tagName)) return false;
  if (el.matches(CANDIDATES) || el.querySelector(CANDIDATES)) return true;
  return !!el.shadowRoot?.querySelector(CANDIDATES);
}

/** The page language around a field, for the classifier's tie-break ("fr", "en"). */
function langOf(el: Element, doc: Document): string | undefined {
  const lang = el.closest('[lang]')?.getAttribute('lang') || doc.documentElement.getAttribute('lang') || '';
  return lang ? lang.toLowerCase().slice(0, 2) : undefined;
}

function displayLabel(d: FieldDescriptors, matchedOn: keyof FieldDescriptors): string {
  const text = d.label || d.ariaLabel || d[matchedOn] || d.name || d.id || '';
  return text.replace(/\s+/g, ' ').trim().slice(0, 120);
}

/** The element naming a field (its label), where the marker goes; the field itself when there is none. */
function labelElementOf(field: HTMLElement): Element {
  const root = field.getRootNode() as Document | ShadowRoot;
  const by = field.getAttribute('aria-labelledby')?.split(/\s+/).filter(Boolean);
  if (by?.length) {
    const el = root.getElementById?.(by[by.length - 1]!);
    if (el) return el;
  }
  const labels = (field as HTMLInputElement).labels;
  if (labels && labels.length) return labels[0]!;
  if (field.id) {
    const esc = typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(field.id) : field.id.replace(/["\\]/g, '\\$&');
    const byFor = root.querySelector?.(`label[for="${esc}"]`);
    if (byFor) return byFor;
  }
  return field.closest('label') ?? field;
}

interface Entry {
  key: string;
  info: SensitiveFieldInfo;
  field: HTMLElement;
}

export class SensitiveFieldScanner {
  private observer: MutationObserver | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private active = false;
  private stopped = false;
  private cfg: FieldsConfig | null = null;
  private classifier: FieldClassifier | null = null;
  private loading: Promise<void> | null = null;
  /** Fields already counted during this page load (by rule, name, id and label). */
  private readonly counted = new Set<string>();
  private lastReport: string | null = null;
  private entries: Entry[] = [];
  private markers: FieldMarkers | null = null;
  private readonly debounceMs: number;

  constructor(private readonly doc: Document, private readonly host: SensitiveFieldsHost, opts: ScannerOptions = {}) {
    this.debounceMs = opts.debounceMs ?? 300;
  }

  /** Cheap: a querySelector now and a look at added nodes later; the rest waits for the first form field. */
  start(): void {
    if (this.observer || this.stopped) return;
    const root = this.doc.documentElement;
    if (!root) return;
    this.observer = new MutationObserver((records) => this.onMutations(records));
    this.observer.observe(root, { childList: true, subtree: true });
    if (hasFormFields(this.doc)) this.activate();
  }

  /** Removes the markers and stops watching (extension reloaded or disabled). */
  stop(): void {
    this.stopped = true;
    this.observer?.disconnect();
    this.observer = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.markers?.dispose();
    this.markers = null;
  }

  /** Configuration changed (policy, pause list): load it again and redo the page; counts are not repeated. */
  async reconfigure(): Promise<void> {
    this.cfg = null;
    this.classifier = null;
    this.loading = null;
    if (this.active && !this.stopped) await this.scanNow();
  }

  /** The current list (tests, popup fallbacks). */
  fields(): SensitiveFieldInfo[] {
    return this.entries.map((e) => e.info);
  }

  /** Loads the configuration if needed and classifies the page now. */
  async scanNow(): Promise<SensitiveFieldInfo[]> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped) return this.fields();
    this.active = true;
    await this.ensureConfig();
    if (this.stopped) return this.fields();
    this.scan();
    return this.fields();
  }

  private activate(): void {
    if (this.active) return;
    this.active = true;
    this.later(0);
  }

  private onMutations(records: MutationRecord[]): void {
    let relevant = false;
    for (const r of records) {
      const target = r.target as Element;
      if (target.nodeType === 1 && OUR_TAGS.has(target.tagName)) continue;
      for (const n of Array.from(r.addedNodes)) {
        if (n.nodeType === 1 && OUR_TAGS.has((n as Element).tagName)) continue;
        if (this.active) relevant = true;
        else if (addsFormField(n)) {
          this.activate();
          return;
        }
      }
      if (this.active && r.removedNodes.length) {
        for (const n of Array.from(r.removedNodes)) if (!(n.nodeType === 1 && OUR_TAGS.has((n as Element).tagName))) relevant = true;
      }
    }
    if (relevant) this.later(this.debounceMs);
  }

  private later(ms: number): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.scanNow();
    }, ms);
  }

  private ensureConfig(): Promise<void> {
    if (this.cfg) return Promise.resolve();
    return (this.loading ??= (async () => {
      let cfg: FieldsConfig | null = null;
      try {
        cfg = await this.host.config();
      } catch {
        cfg = null;
      }
      if (!cfg) {
        this.loading = null; // unreachable background: the next change retries
        return;
      }
      this.cfg = cfg;
      this.classifier = cfg.enabled ? new FieldClassifier([{ fields: cfg.fields ?? [] }]) : null;
    })());
  }

  private scan(): void {
    const cfg = this.cfg;
    if (!cfg) return;
    if (!cfg.enabled || !this.classifier?.size) {
      this.entries = [];
      this.markers?.dispose();
      this.markers = null;
      this.sendReport();
      return;
    }
    const entries: Entry[] = [];
    const keys = new Set<string>();
    for (const field of formFields(this.doc)) {
      const d = describeField(field);
      const r = this.classifier.classify(d, langOf(field, this.doc));
      if (!r) continue;
      const f = r.field;
      const info: SensitiveFieldInfo = {
        rule: f.id,
        class: f.class,
        ...(f.category ? { category: f.category as CategoryId } : {}),
        message: f.message,
        source: f.source,
        matchedOn: r.matchedOn,
        label: displayLabel(d, r.matchedOn),
      };
      // The same field re-rendered by a single-page app keeps its key: it is counted once.
      const base = `${info.rule}|${d.name ?? ''}|${d.id ?? ''}|${info.label}`;
      let key = base;
      for (let i = 2; keys.has(key); i++) key = `${base}#${i}`;
      keys.add(key);
      entries.push({ key, info, field });
    }
    this.entries = entries;

    const events: CountEvent[] = [];
    for (const e of entries) {
      if (this.counted.has(e.key)) continue;
      this.counted.add(e.key);
      events.push({ category: e.info.category ?? DEFAULT_FIELD_CATEGORY, rule: e.info.rule, action: 'field-seen' });
    }
    if (events.length) this.host.count(events);
    this.sendReport();

    if (cfg.markSensitiveFields && entries.length) {
      this.markers ??= new FieldMarkers(this.doc, this.host.classLabel);
      this.markers.render(entries);
    } else {
      this.markers?.dispose();
      this.markers = null;
    }
  }

  private sendReport(): void {
    const list = this.fields();
    const sig = JSON.stringify(list);
    if (sig === this.lastReport) return;
    // An empty first report is not sent: the background knows nothing of this frame yet.
    if (this.lastReport === null && !list.length) {
      this.lastReport = sig;
      return;
    }
    this.lastReport = sig;
    this.host.report(list);
  }
}

// ---- markers ----

const COLORS: Record<FieldClass, string> = { 'do-not-collect': '#c5221f', protect: '#b06000', restricted: '#1a73e8' };
type Shape = [tag: 'path' | 'rect' | 'circle', attrs: Record<string, string>];
/** Glyphs (16×16 SVG, currentColor): "!" do not collect, a padlock to protect, an eye for need-to-know access. */
const GLYPHS: Record<FieldClass, Shape[]> = {
  'do-not-collect': [['path', { d: 'M8 3.2v6', 'stroke-width': '2.2', 'stroke-linecap': 'round' }], ['circle', { cx: '8', cy: '12.6', r: '1.3', stroke: 'none' }]],
  protect: [['rect', { x: '3.5', y: '7.2', width: '9', height: '6.6', rx: '1.2', stroke: 'none' }], ['path', { d: 'M5.6 7.4V5.6a2.4 2.4 0 0 1 4.8 0v1.8', fill: 'none', 'stroke-width': '1.6' }]],
  restricted: [['path', { d: 'M1.6 8s2.4-4 6.4-4 6.4 4 6.4 4-2.4 4-6.4 4-6.4-4-6.4-4z', fill: 'none', 'stroke-width': '1.5' }], ['circle', { cx: '8', cy: '8', r: '1.9', stroke: 'none' }]],
};
const SVG_NS = 'http://www.w3.org/2000/svg';

const MARKER_CSS = `
:host { all: initial; position: fixed !important; top: 0 !important; left: 0 !important; width: 0 !important; height: 0 !important;
  overflow: visible !important; z-index: 2147483645 !important; display: block !important; pointer-events: none; contain: style; }
.m { position: fixed; pointer-events: auto; width: 14px; height: 14px; box-sizing: border-box; border-radius: 50%;
  border: 1.5px solid var(--c); background: #fff; color: var(--c); font: 700 9px/11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  text-align: center; cursor: help; opacity: .85; }
.m:hover, .m:focus { opacity: 1; outline: none; z-index: 1; }
.m svg { display: block; width: 10px; height: 10px; margin: 0.5px; fill: currentColor; stroke: currentColor; }
.m.hidden { display: none; }
${(Object.keys(COLORS) as FieldClass[]).map((c) => `.m.c-${c} { --c: ${COLORS[c]}; }`).join('\n')}
.m.c-do-not-collect { background: var(--c); color: #fff; }
.tip { display: none; position: absolute; top: 18px; left: 0; width: max-content; max-width: 300px; box-sizing: border-box;
  font: 12px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #202124; text-align: left;
  background: #fff; border: 1px solid #dadce0; border-left: 3px solid var(--c); border-radius: 6px; box-shadow: 0 2px 10px rgba(0,0,0,.18); padding: 6px 8px; }
.m.flip .tip { left: auto; right: 0; }
.m:hover .tip, .m:focus .tip { display: block; }
.tip b { display: block; color: var(--c); margin-bottom: 2px; }
.tip small { display: block; color: #5f6368; margin-top: 3px; }
@media (prefers-color-scheme: dark) { .tip { background: #292a2d; color: #e8eaed; border-color: #5f6368; } .tip small { color: #9aa0a6; } .m { background: #292a2d; } }
`;

const NOT_LABEL_TEXT = 'input, select, textarea, option, button, script, style';

/** Right edge of a label's own text (not of a control it wraps, not of a full-width block). */
function anchorRect(anchor: Element, field: HTMLElement): DOMRect {
  if (anchor === field) return field.getBoundingClientRect();
  const doc = anchor.ownerDocument;
  let last: Text | null = null;
  const walker = doc.createTreeWalker(anchor, 4 /* SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement?.closest(NOT_LABEL_TEXT)) continue;
    // A label wrapping its field: the text before the field.
    if (anchor.contains(field) && field.compareDocumentPosition(n) & 4 /* FOLLOWING */) break;
    if ((n.nodeValue ?? '').trim()) last = n as Text;
  }
  if (last) {
    const range = doc.createRange();
    range.selectNodeContents(last);
    const rects = range.getClientRects();
    const r = rects.length ? rects[rects.length - 1]! : range.getBoundingClientRect();
    if (r.width || r.height) return r;
  }
  return anchor.getBoundingClientRect();
}

class FieldMarkers {
  private readonly host: HTMLElement;
  private readonly layer: HTMLDivElement;
  private readonly items = new Map<string, { el: HTMLElement; entry: Entry; anchor: Element }>();
  private raf = 0;
  private readonly win: Window;
  private readonly onMove = () => this.schedule();

  constructor(private readonly doc: Document, private readonly classLabel: (c: FieldClass) => string) {
    this.win = doc.defaultView!;
    this.host = doc.createElement(FIELD_HOST_TAG);
    const root = this.host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = MARKER_CSS;
    this.layer = doc.createElement('div');
    root.append(style, this.layer);
    // The page must not take clicks on our UI for clicks "outside" its own widgets.
    for (const type of ['mousedown', 'mouseup', 'click', 'pointerdown', 'pointerup', 'keydown']) {
      this.host.addEventListener(type, (e) => e.stopPropagation());
    }
    this.win.addEventListener('scroll', this.onMove, { capture: true, passive: true });
    this.win.addEventListener('resize', this.onMove, { passive: true });
  }

  render(entries: Entry[]): void {
    if (!this.host.isConnected) this.doc.documentElement.appendChild(this.host);
    const keep = new Set(entries.map((e) => e.key));
    for (const [k, it] of this.items) if (!keep.has(k)) {
      it.el.remove();
      this.items.delete(k);
    }
    for (const entry of entries) {
      const cur = this.items.get(entry.key);
      if (cur && cur.entry.field === entry.field && JSON.stringify(cur.entry.info) === JSON.stringify(entry.info)) continue;
      cur?.el.remove();
      this.items.set(entry.key, { el: this.marker(entry.info), entry, anchor: labelElementOf(entry.field) });
    }
    this.position();
  }

  private marker(info: SensitiveFieldInfo): HTMLElement {
    const d = this.doc;
    const cls = this.classLabel(info.class);
    const el = d.createElement('span');
    el.className = `m c-${info.class}`;
    el.setAttribute('data-sensitive-field', '');
    el.setAttribute('data-class', info.class);
    el.setAttribute('data-rule', info.rule);
    if (info.category) el.setAttribute('data-category', info.category);
    el.setAttribute('role', 'img');
    el.setAttribute('aria-label', `${cls} : ${info.message}`);
    const glyph = d.createElementNS(SVG_NS, 'svg');
    glyph.setAttribute('viewBox', '0 0 16 16');
    glyph.setAttribute('aria-hidden', 'true');
    for (const [tag, attrs] of GLYPHS[info.class]) {
      const shape = d.createElementNS(SVG_NS, tag);
      for (const [k, v] of Object.entries(attrs)) shape.setAttribute(k, v);
      glyph.appendChild(shape);
    }
    const tip = d.createElement('span');
    tip.className = 'tip';
    tip.setAttribute('role', 'tooltip');
    const b = d.createElement('b');
    b.textContent = cls;
    const small = d.createElement('small');
    small.textContent = info.source;
    tip.append(b, d.createTextNode(info.message), small);
    el.append(glyph, tip);
    this.layer.appendChild(el);
    return el;
  }

  private schedule(): void {
    if (this.raf) return;
    this.raf = this.win.requestAnimationFrame(() => {
      this.raf = 0;
      this.position();
    });
  }

  private position(): void {
    const vw = this.win.innerWidth;
    for (const { el, entry, anchor } of this.items.values()) {
      const field = entry.field;
      const shown = field.isConnected && field.getClientRects().length > 0 && (anchor === field || anchor.getClientRects().length > 0);
      el.classList.toggle('hidden', !shown);
      if (!shown) continue;
      const r = anchorRect(anchor, field);
      const left = Math.round(r.right + 4);
      const top = Math.round(r.top + Math.min(r.height, 20) / 2 - 7);
      el.style.left = `${left}px`;
      el.style.top = `${top}px`;
      el.classList.toggle('flip', left > vw - 310);
    }
  }

  dispose(): void {
    if (this.raf) this.win.cancelAnimationFrame(this.raf);
    this.win.removeEventListener('scroll', this.onMove, { capture: true });
    this.win.removeEventListener('resize', this.onMove);
    this.items.clear();
    this.host.remove();
  }
}
