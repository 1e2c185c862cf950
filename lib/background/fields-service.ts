/**
 * Background side of the forms issue: the sensitive form fields of each tab
 * (per frame, from `page-fields`) for the popup (`get-tab-fields`). Kept in
 * storage.session (survives a service-worker restart, never written to disk),
 * dropped when the tab navigates or closes. Field names and reasons only: the
 * messages never carry a value, and anything malformed is dropped.
 */
import { z } from 'zod';
import { CATEGORY_IDS } from '../categories.ts';
import type { FieldConfig, Replies, SensitiveFieldInfo } from '../messages.ts';
import type { Routes } from './router.ts';
import { FIELD_CLASSES, type CompiledField } from '../schema/dictionary.ts';
import { RULE_ID_RE } from '../schema/count.ts';
import type { EffectiveConfig } from '../config.ts';
import type { TabEvents } from './tab-service.ts';

export const FIELDS_SESSION_KEY = 'crmNoteLint.tabFields';
/** At most this many fields are kept per frame. */
export const MAX_FIELDS_PER_FRAME = 200;

const fieldInfoSchema = z.object({
  rule: z.string().regex(RULE_ID_RE),
  class: z.enum(FIELD_CLASSES),
  category: z.enum(CATEGORY_IDS).optional(),
  message: z.string().min(1).max(500),
  source: z.string().max(300),
  matchedOn: z.enum(['label', 'ariaLabel', 'placeholder', 'name', 'id']),
  label: z.string().max(120),
}).strip();

/** Keeps the well-formed entries, at most MAX_FIELDS_PER_FRAME. */
export function validFieldInfos(fields: unknown): SensitiveFieldInfo[] {
  if (!Array.isArray(fields)) return [];
  const out: SensitiveFieldInfo[] = [];
  for (const f of fields.slice(0, MAX_FIELDS_PER_FRAME)) {
    const r = fieldInfoSchema.safeParse(f);
    if (r.success) out.push(r.data as SensitiveFieldInfo);
  }
  return out;
}

interface FrameFields { host: string; fields: SensitiveFieldInfo[] }
type TabFields = Record<string, FrameFields>; // by frameId

/** What the service reads and writes: storage.session (survives a worker restart, never on disk) and the policy. */
export interface FieldsServiceDeps {
  session: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } | null;
  config(host: string): Promise<EffectiveConfig>;
}

export class FieldsService {
  private tabs: Record<string, TabFields> | null = null;
  private readonly deps: FieldsServiceDeps;

  constructor(deps: FieldsServiceDeps) {
    this.deps = deps;
  }

  /** The sensitive form fields of each frame, the scanner's configuration, the popup's list. */
  readonly routes: Routes<'page-fields' | 'get-field-config' | 'get-tab-fields'> = {
    'page-fields': (m, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return undefined;
      return (async () => {
        const s = await this.state();
        const tab = (s[tabId] ??= {});
        const frame = String(sender.frameId ?? 0);
        const fields = validFieldInfos(m.fields);
        if (fields.length) tab[frame] = { host: typeof m.host === 'string' ? m.host.slice(0, 260) : '', fields };
        else delete tab[frame];
        if (!Object.keys(tab).length) delete s[tabId];
        this.persist();
      })();
    },
    'get-field-config': (m) => this.deps.config(typeof m.host === 'string' ? m.host : '').then(fieldConfigOf),
    'get-tab-fields': (m) => (typeof m.tabId === 'number' ? this.tabFields(m.tabId) : Promise.resolve({ fields: [] })),
  };

  /** The fields of a tab, top frame first, then the other frames by id. */
  async tabFields(tabId: number): Promise<Replies['get-tab-fields']> {
    const tab = (await this.state())[tabId] ?? {};
    const frames = Object.keys(tab).sort((a, b) => Number(a) - Number(b));
    return { fields: frames.flatMap((f) => tab[f]!.fields.map((x) => ({ ...x, host: tab[f]!.host }))) };
  }

  /** A tab closed or navigated: its fields go. */
  async forget(tabId: number): Promise<void> {
    const s = await this.state();
    if (!s[tabId]) return;
    delete s[tabId];
    this.persist();
  }

  private async state(): Promise<Record<string, TabFields>> {
    if (this.tabs) return this.tabs;
    try {
      const got = await this.deps.session?.get(FIELDS_SESSION_KEY);
      this.tabs ??= (got?.[FIELDS_SESSION_KEY] as Record<string, TabFields>) ?? {};
    } catch {
      this.tabs ??= {};
    }
    return this.tabs;
  }

  private persist(): void {
    void this.deps.session?.set({ [FIELDS_SESSION_KEY]: this.tabs }).catch(() => undefined);
  }
}

/**
 * The field rules of an effective configuration: by id, a later pack's rule
 * replacing an earlier one; rules (or categories) the policy disabled removed.
 */
export function fieldConfigOf(cfg: Pick<EffectiveConfig, 'packs' | 'enabled' | 'markSensitiveFields' | 'linter'>): FieldConfig {
  const disabled = new Set(cfg.linter?.disabledRules ?? []);
  const byId = new Map<string, CompiledField>();
  for (const p of cfg.packs ?? []) for (const f of p.fields ?? []) byId.set(f.id, f);
  const fields = [...byId.values()].filter((f) => !disabled.has(f.id) && !(f.category && disabled.has(f.category)));
  return { enabled: cfg.enabled, markSensitiveFields: cfg.markSensitiveFields === true, fields: cfg.enabled ? fields : [] };
}

/** Starts the service (entrypoints/background.ts): tab events here, messages through `routes`. */
export function startFieldsService(svc: FieldsService, tabs: TabEvents): FieldsService {
  tabs.onRemoved.addListener((tabId) => void svc.forget(tabId));
  tabs.onUpdated.addListener((tabId, info) => {
    if (info.status === 'loading') void svc.forget(tabId);
  });
  return svc;
}
