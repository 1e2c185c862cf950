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
import { locale } from '../../i18n.ts';
import type { CountEvent, FieldClass, FieldConfig, SensitiveFieldInfo } from '../../messages.ts';
import { FieldClassifier, type FieldDescriptors } from '../../fields/classify.ts';
import { FIELD_HOST_TAG, FieldMarkers, type MarkedField } from './markers.ts';
import { describeField, formFields } from '../dom/field-descriptors.ts';

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

type Entry = MarkedField;

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
      // Typing in a rich notes field adds and removes nodes inside it: never a form field, no rescan.
      if ((target as HTMLElement).isContentEditable) continue;
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
        message: f.translations?.[locale()] ?? f.message, // the reader's UI language
        source: f.sourceTranslations?.[locale()] ?? f.source,
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
