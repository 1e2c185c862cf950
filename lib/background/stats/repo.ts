/**
 * Persistence of the counts and of the report queue in a key-value storage area
 * (browser.storage.local in the extension, any object with the same three
 * methods in tests). No browser import here.
 *
 * Layout (all keys start with "stats."):
 *   stats.d.YYYY-MM-DD      Shard of one UTC day        { "host|category|rule|action": count }
 *   stats.m.YYYY-MM         Shard of a rolled-up month  (same shape)
 *   stats.meta              { lastRollupDay }
 *   stats.report.settings   ReportingSettings (absent when reporting is off)
 *   stats.report.pending    Pending  { "host|category|rule|action": [count, firstDay, lastDay] }
 *   stats.report.outbox     Outbox   (the batch being sent, until a 2xx)
 *   stats.report.state      ReportState
 *
 * One day shard per key keeps each write small (only today's shard and the
 * pending queue are rewritten) and makes every write of one batch of events a
 * single storage.set() call.
 */
import { isValidDay, MONTH_RE, parseCellKey } from './model.ts';
import type { Shard, StatsData } from './store.ts';
import type { Outbox, Pending } from './report.ts';
import { reportingSettingsSchema, type ReportingSettings } from '../../schema/report.ts';

export interface KeyValueArea {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export const DAY_PREFIX = 'stats.d.';
export const MONTH_PREFIX = 'stats.m.';
export const META_KEY = 'stats.meta';
export const SETTINGS_KEY = 'stats.report.settings';
export const PENDING_KEY = 'stats.report.pending';
export const OUTBOX_KEY = 'stats.report.outbox';
export const STATE_KEY = 'stats.report.state';

export const dayKey = (day: string) => DAY_PREFIX + day;
export const monthKey = (month: string) => MONTH_PREFIX + month;

export interface StatsMeta { lastRollupDay?: string }

export interface ReportState {
  installId?: string;
  installIdMonth?: string;
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  lastBatchId?: string;
  lastError?: string;
  /** Batches acknowledged by the collector since install. */
  sentBatches?: number;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A shard read back from storage: only well-formed keys and positive integer counts survive. */
export function readShard(v: unknown): Shard {
  const out: Shard = {};
  if (!isObj(v)) return out;
  for (const [k, n] of Object.entries(v)) {
    if (typeof n === 'number' && Number.isInteger(n) && n > 0 && parseCellKey(k)) out[k] = n;
  }
  return out;
}

export function readPending(v: unknown): Pending {
  const out: Pending = {};
  if (!isObj(v)) return out;
  for (const [k, e] of Object.entries(v)) {
    if (Array.isArray(e) && e.length === 3 && Number.isInteger(e[0]) && e[0] > 0 && isValidDay(e[1]) && isValidDay(e[2]) && parseCellKey(k)) {
      out[k] = [e[0], e[1], e[2]];
    }
  }
  return out;
}

export function readOutbox(v: unknown): Outbox | null {
  if (!isObj(v) || !isObj(v.batch) || !Array.isArray((v.batch as Record<string, unknown>).buckets)) return null;
  return structuredClone(v) as unknown as Outbox;
}

export function readSettings(v: unknown): ReportingSettings | null {
  const r = reportingSettingsSchema.safeParse(v);
  return r.success ? r.data : null;
}

export function readState(v: unknown): ReportState {
  return isObj(v) ? (structuredClone(v) as ReportState) : {};
}

/** Splits a full storage dump into the count store. */
export function statsFromItems(items: Record<string, unknown>): StatsData {
  const data: StatsData = { days: {}, months: {} };
  for (const [k, v] of Object.entries(items)) {
    if (k.startsWith(DAY_PREFIX)) {
      const d = k.slice(DAY_PREFIX.length);
      if (isValidDay(d)) data.days[d] = readShard(v);
    } else if (k.startsWith(MONTH_PREFIX)) {
      const m = k.slice(MONTH_PREFIX.length);
      if (MONTH_RE.test(m)) data.months[m] = readShard(v);
    }
  }
  return data;
}

/** Keys of every count shard (not the report queue). */
export function countKeys(items: Record<string, unknown>): string[] {
  return Object.keys(items).filter((k) => k.startsWith(DAY_PREFIX) || k.startsWith(MONTH_PREFIX) || k === META_KEY);
}
