/**
 * Background side of the forms issue: the sensitive form fields of each tab
 * (per frame, from `page-fields`) for the popup (`get-tab-fields`). Kept in
 * storage.session (survives a service-worker restart, never written to disk),
 * dropped when the tab navigates or closes. Field names and reasons only: the
 * messages never carry a value, and anything malformed is dropped.
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { CATEGORY_IDS } from '../categories.ts';
import type { FieldConfig, Replies, SensitiveFieldInfo } from '../messages.ts';
import { dispatch, type Routes, type Sender } from './router.ts';
import { FIELD_CLASSES, type CompiledField } from '../schema/dictionary.ts';
import { RULE_ID_RE } from '../schema/count.ts';
import type { EffectiveConfig } from '../config.ts';
import { loadEffectiveConfig } from './policy-service.ts';

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

let tabs: Record<string, TabFields> | null = null;

async function state(): Promise<Record<string, TabFields>> {
  if (tabs) return tabs;
  try {
    const got = await browser.storage.session?.get(FIELDS_SESSION_KEY);
    tabs ??= (got?.[FIELDS_SESSION_KEY] as Record<string, TabFields>) ?? {};
  } catch {
    tabs ??= {};
  }
  return tabs;
}

function persist(): void {
  void browser.storage.session?.set({ [FIELDS_SESSION_KEY]: tabs }).catch(() => undefined);
}

/** The fields of a tab, top frame first, then the other frames by id. */
export async function tabFields(tabId: number): Promise<Replies['get-tab-fields']> {
  const tab = (await state())[tabId] ?? {};
  const frames = Object.keys(tab).sort((a, b) => Number(a) - Number(b));
  return { fields: frames.flatMap((f) => tab[f]!.fields.map((x) => ({ ...x, host: tab[f]!.host }))) };
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

/** The sensitive form fields of each frame, the scanner's configuration, the popup's list. */
export const fieldsRoutes: Routes<'page-fields' | 'get-field-config' | 'get-tab-fields'> = {
  'page-fields': (m, sender) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return undefined;
    return (async () => {
      const s = await state();
      const tab = (s[tabId] ??= {});
      const frame = String(sender.frameId ?? 0);
      const fields = validFieldInfos(m.fields);
      if (fields.length) tab[frame] = { host: typeof m.host === 'string' ? m.host.slice(0, 260) : '', fields };
      else delete tab[frame];
      if (!Object.keys(tab).length) delete s[tabId];
      persist();
    })();
  },
  'get-field-config': (m) => loadEffectiveConfig(typeof m.host === 'string' ? m.host : '').then(fieldConfigOf),
  'get-tab-fields': (m) => (typeof m.tabId === 'number' ? tabFields(m.tabId) : Promise.resolve({ fields: [] })),
};

/** The routes as one runtime.onMessage handler: a promise for this service's messages, undefined for the others. */
export function handleFieldsMessage(msg: unknown, sender?: Sender): Promise<unknown> | undefined {
  return dispatch(fieldsRoutes, msg, sender);
}

/** Forgets a tab's fields when it closes or navigates; messages come through `fieldsRoutes`. */
export function startFieldsService(): void {
  const forget = (tabId: number) => void state().then((s) => {
    if (!s[tabId]) return;
    delete s[tabId];
    persist();
  });
  browser.tabs.onRemoved.addListener((tabId) => forget(tabId));
  browser.tabs.onUpdated.addListener((tabId, info) => {
    if (info.status === 'loading') forget(tabId);
  });
}

/** Tests: forget the in-memory copy. */
export function resetFieldsServiceForTests(): void {
  tabs = null;
}
