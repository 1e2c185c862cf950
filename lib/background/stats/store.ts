/**
 * The count store, as plain data: one shard of counts per UTC day (the last
 * RETENTION_DAYS days) and one per month for older days (rolled up, kept
 * MONTH_RETENTION months). Pure functions; lib/background/stats/repo.ts persists the shards.
 */
import type { CountEvent } from '../../schema/count.ts';
import {
  addDays, cellKey, firstDayOfMonth, lastDayOfMonth, monthOf, monthsBetween, parseCellKey,
  type CellKey, type CountAction, type DayRange,
} from './model.ts';
import type { CategoryId } from '../../categories.ts';

/** Days kept one by one (today included); older days are rolled up into months. */
export const RETENTION_DAYS = 400;
/** Monthly roll-ups older than this many months (counted from the current month) are dropped. */
export const MONTH_RETENTION = 36;

/** Counts of one period: CellKey ("host|category|rule|action") → count. */
export type Shard = Record<CellKey, number>;

export interface StatsData {
  /** 'YYYY-MM-DD' → counts of that UTC day. */
  days: Record<string, Shard>;
  /** 'YYYY-MM' → counts of the days of that month that left the day window. */
  months: Record<string, Shard>;
}

export function emptyStats(): StatsData {
  return { days: {}, months: {} };
}

/** Adds already validated events of one host to a shard (mutates and returns it). */
export function addToShard(shard: Shard, host: string, events: readonly CountEvent[]): Shard {
  for (const e of events) {
    const k = cellKey(host, e);
    shard[k] = (shard[k] ?? 0) + 1;
  }
  return shard;
}

/** Adds a shard's counts into another (mutates `into`). */
export function mergeShard(into: Shard, from: Shard): Shard {
  for (const [k, n] of Object.entries(from)) {
    if (Number.isFinite(n) && n > 0) into[k] = (into[k] ?? 0) + n;
  }
  return into;
}

/** Merges events into the store for a given day (mutates and returns data). */
export function addEvents(data: StatsData, day: string, host: string, events: readonly CountEvent[]): StatsData {
  addToShard((data.days[day] ??= {}), host, events);
  return data;
}

export interface RollupPlan {
  /** Day shards to delete. */
  removeDays: string[];
  /** Month shards to write (already merged with what was there). */
  writeMonths: Record<string, Shard>;
  /** Month shards to delete (too old). */
  removeMonths: string[];
}

/**
 * What rolling up means for `data` on `today`: days older than the window go into
 * their month, months older than MONTH_RETENTION go away. Pure: returns the plan.
 */
export function planRollup(data: StatsData, today: string, retentionDays = RETENTION_DAYS, monthRetention = MONTH_RETENTION): RollupPlan {
  const oldestKept = addDays(today, -(retentionDays - 1));
  const thisMonth = monthOf(today);
  const plan: RollupPlan = { removeDays: [], writeMonths: {}, removeMonths: [] };
  const tooOld = (m: string) => monthsBetween(m, thisMonth) >= monthRetention;
  for (const [day, shard] of Object.entries(data.days)) {
    if (day >= oldestKept) continue;
    plan.removeDays.push(day);
    const m = monthOf(day);
    if (tooOld(m)) continue;
    const target = (plan.writeMonths[m] ??= { ...(data.months[m] ?? {}) });
    mergeShard(target, shard);
  }
  for (const m of Object.keys(data.months)) if (tooOld(m)) plan.removeMonths.push(m);
  return plan;
}

/** Applies a rollup plan to the data (mutates and returns it). */
export function applyRollup(data: StatsData, plan: RollupPlan): StatsData {
  for (const d of plan.removeDays) delete data.days[d];
  for (const [m, s] of Object.entries(plan.writeMonths)) data.months[m] = s;
  for (const m of plan.removeMonths) delete data.months[m];
  return data;
}

export function rollup(data: StatsData, today: string): StatsData {
  return applyRollup(data, planRollup(data, today));
}

/** One count, flat: what the exports write and the queries read. */
export interface CountRow {
  /** 'YYYY-MM-DD' for a day, 'YYYY-MM' for a rolled-up month. */
  period: string;
  granularity: 'day' | 'month';
  host: string;
  category: CategoryId;
  rule: string;
  action: CountAction;
  count: number;
}

/** Does a period overlap the range? (A month overlaps when any of its days is inside.) */
export function periodInRange(period: string, granularity: 'day' | 'month', range: DayRange): boolean {
  const first = granularity === 'day' ? period : firstDayOfMonth(period);
  const last = granularity === 'day' ? period : lastDayOfMonth(period);
  if (range.from && last < range.from) return false;
  if (range.to && first > range.to) return false;
  return true;
}

/** Every count in the range, sorted by period, host, category, rule, action. */
export function toRows(data: StatsData, range: DayRange = {}): CountRow[] {
  const rows: CountRow[] = [];
  const push = (period: string, granularity: 'day' | 'month', shard: Shard) => {
    if (!periodInRange(period, granularity, range)) return;
    for (const [k, count] of Object.entries(shard)) {
      const c = parseCellKey(k);
      if (c && count > 0) rows.push({ period, granularity, ...c, count });
    }
  };
  for (const [m, s] of Object.entries(data.months)) push(m, 'month', s);
  for (const [d, s] of Object.entries(data.days)) push(d, 'day', s);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) => cmp(a.period, b.period) || cmp(a.host, b.host) || cmp(a.category, b.category) || cmp(a.rule, b.rule) || cmp(a.action, b.action));
  return rows;
}

/** Sum of all counts (tests, status). */
export function totalCount(data: StatsData): number {
  let n = 0;
  for (const s of [...Object.values(data.days), ...Object.values(data.months)]) for (const v of Object.values(s)) n += v;
  return n;
}
