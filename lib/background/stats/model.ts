/**
 * Compliance counts: the vocabulary shared by the store, the queries, the exports
 * and the reporter. Pure (no browser API): the background, the dashboard and the
 * tests run the same code.
 *
 * A count is keyed by period × host × category × rule × action and holds a number.
 * Nothing else is ever kept: no note text, no offsets, no field or customer id.
 */
import { z } from 'zod';
import { CATEGORY_IDS, type CategoryId } from '../../categories.ts';
import { COUNT_ACTIONS, RULE_ID_RE, type CountAction, type CountEvent } from '../../schema/count.ts';

export { COUNT_ACTIONS };
export type { CountAction, CountEvent };
/** A host name (optionally with a port) or an IPv6 literal; "-" stands for pages without a host (file:). */
const HOST_RE = /^(?:-|[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?(?::\d{1,5})?|\[[0-9a-f:.]{2,45}\](?::\d{1,5})?)$/;

export const countEventSchema = z.object({
  category: z.enum(CATEGORY_IDS),
  rule: z.string().regex(RULE_ID_RE),
  action: z.enum(COUNT_ACTIONS),
}).strip();

/** One message never carries more events than this; extra events are dropped. */
export const MAX_EVENTS_PER_MESSAGE = 2000;

/** Lower-cases a host and checks its shape; null when it is not a host name. */
export function normalizeHost(host: unknown): string | null {
  if (typeof host !== 'string') return null;
  const h = host.trim().toLowerCase().replace(/\.$/, '');
  if (h === '') return '-';
  return h.length <= 260 && HOST_RE.test(h) ? h : null;
}

/** Keeps the well-formed events (category id, rule id, action); anything else is dropped, never stored. */
export function validEvents(events: unknown): CountEvent[] {
  if (!Array.isArray(events)) return [];
  const out: CountEvent[] = [];
  for (const e of events.slice(0, MAX_EVENTS_PER_MESSAGE)) {
    const r = countEventSchema.safeParse(e);
    if (r.success) out.push({ category: r.data.category as CategoryId, rule: r.data.rule, action: r.data.action });
  }
  return out;
}

// ---- keys ----

/** Key of a count inside a period shard: host|category|rule|action ("|" never appears in any part). */
export type CellKey = string;

export interface Cell { host: string; category: CategoryId; rule: string; action: CountAction }

export function cellKey(host: string, e: CountEvent): CellKey {
  return `${host}|${e.category}|${e.rule}|${e.action}`;
}

export function parseCellKey(key: CellKey): Cell | null {
  const parts = key.split('|');
  if (parts.length !== 4) return null;
  const [host, category, rule, action] = parts as [string, string, string, string];
  if (!(CATEGORY_IDS as readonly string[]).includes(category)) return null;
  if (!(COUNT_ACTIONS as readonly string[]).includes(action)) return null;
  return { host, category: category as CategoryId, rule, action: action as CountAction };
}

// ---- calendar (UTC days: every install and every collector agrees on them) ----

export const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
export const MONTH_RE = /^\d{4}-\d{2}$/;

/** 'YYYY-MM-DD' of a date, in UTC. */
export function dayOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}
export function monthOf(day: string): string {
  return day.slice(0, 7);
}
export function addDays(day: string, n: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
/** The Monday starting the ISO week of a day. */
export function weekOf(day: string): string {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((dow + 6) % 7));
}
export function firstDayOfMonth(month: string): string {
  return `${month}-01`;
}
export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return dayOf(new Date(Date.UTC(y, m, 0)));
}
/** Months between two 'YYYY-MM' (b − a). */
export function monthsBetween(a: string, b: string): number {
  const [ya, ma] = a.split('-').map(Number) as [number, number];
  const [yb, mb] = b.split('-').map(Number) as [number, number];
  return (yb - ya) * 12 + (mb - ma);
}

export function isValidDay(s: unknown): s is string {
  return typeof s === 'string' && DAY_RE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && dayOf(new Date(`${s}T00:00:00Z`)) === s;
}

/** An inclusive range of UTC days; an open end means "no limit". */
export interface DayRange { from?: string; to?: string }

export function emptyActionCounts(): Record<CountAction, number> {
  return { shown: 0, applied: 0, ignored: 0, 'saved-with': 0, 'saved-anyway': 0, blocked: 0, 'field-seen': 0 };
}
