/**
 * Persistence of the counts in a key-value storage area (browser.storage.local
 * in the extension, any object with the same methods in tests). No browser
 * import here. The report queue's keys are in lib/background/reporting/store.ts.
 *
 * Layout (all keys start with "stats."):
 *   stats.d.YYYY-MM-DD      Shard of one UTC day        { "host|category|rule|action": count }
 *   stats.m.YYYY-MM         Shard of a rolled-up month  (same shape)
 *   stats.meta              StatsMeta { lastRollupDay, removing?, since? }
 *   stats.q.<key>           a shard that did not parse, moved aside as it was (see quarantine.ts)
 *
 * One day shard per key keeps each write small (only today's shard and the
 * pending queue are rewritten) and makes every write of one batch of events a
 * single storage.set() call.
 */
import { addDays, firstDayOfMonth, isValidDay, lastDayOfMonth, monthOf, MONTH_RE, parseCellKey, type DayRange } from './model.ts';
import { MONTH_RETENTION, RETENTION_DAYS, type Shard, type StatsData } from './store.ts';
import type { KeyValueArea } from '../deps.ts';

export type { KeyValueArea } from '../deps.ts';

export const DAY_PREFIX = 'stats.d.';
export const MONTH_PREFIX = 'stats.m.';
export const META_KEY = 'stats.meta';
export const dayKey = (day: string) => DAY_PREFIX + day;
export const monthKey = (month: string) => MONTH_PREFIX + month;

export const QUARANTINE_KEY = 'stats.quarantine';

export interface StatsMeta {
  lastRollupDay?: string;
  /** Day shards a roll-up is deleting (a journal: redone if the worker stopped in between). */
  removing?: string[];
  /** Oldest period stored ('YYYY-MM' or 'YYYY-MM-DD'); null: nothing stored; absent: not known yet. */
  since?: string | null;
}

export function readMeta(v: unknown): StatsMeta {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
  const m = v as StatsMeta;
  return {
    ...(typeof m.lastRollupDay === 'string' ? { lastRollupDay: m.lastRollupDay } : {}),
    ...(Array.isArray(m.removing) ? { removing: m.removing.filter(isValidDay) } : {}),
    ...(m.since === null || (typeof m.since === 'string' && (isValidDay(m.since) || MONTH_RE.test(m.since))) ? { since: m.since } : {}),
  };
}

/**
 * The shard keys a query of `range` may find, on `today`: the days of the
 * retention window and the months before it, clipped to the range. At most
 * RETENTION_DAYS + MONTH_RETENTION + 1 keys, whatever else storage holds.
 */
export function periodKeys(today: string, range: DayRange = {}): string[] {
  const oldestDay = addDays(today, -(RETENTION_DAYS - 1));
  const from = range.from && range.from > oldestDay ? range.from : oldestDay;
  const to = range.to && range.to < today ? range.to : today;
  const keys: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) keys.push(dayKey(d));
  const [y, m] = today.split('-').map(Number) as [number, number];
  for (let i = MONTH_RETENTION - 1; i >= 0; i--) {
    const month = new Date(Date.UTC(y, m - 1 - i, 1)).toISOString().slice(0, 7);
    if (range.from && lastDayOfMonth(month) < range.from) continue;
    if (range.to && firstDayOfMonth(month) > range.to) continue;
    keys.push(monthKey(month));
  }
  return keys;
}

/** Every key of the area: without reading values where the browser can (storage.getKeys, Chrome 130+). */
export async function listKeys(area: KeyValueArea): Promise<string[]> {
  return area.getKeys ? area.getKeys() : Object.keys(await area.get(null));
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

/** Keys of every count shard, quarantined or not, and their bookkeeping (not the report queue). */
export function countKeys(keys: readonly string[]): string[] {
  return keys.filter((k) => k.startsWith(DAY_PREFIX) || k.startsWith(MONTH_PREFIX) || k.startsWith('stats.q.') || k === META_KEY || k === QUARANTINE_KEY);
}
