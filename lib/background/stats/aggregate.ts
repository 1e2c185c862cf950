/**
 * Queries over count rows: what the dashboard shows. Pure.
 *
 * Definitions (also in README "Compliance counts"):
 * - findings = `shown` events (each finding is counted once per field editing session);
 * - fixed before save = `applied` ÷ (`applied` + `saved-with` + `saved-anyway`): among
 *   findings whose fate is known, the share rewritten before the note was saved
 *   (`blocked` is a save attempt, not a fate; `ignored` findings that stay are counted at save).
 * - sensitive form fields = `field-seen` events (each classified field once per page load);
 *   they are kept out of the findings views (categories, top rules and sites) and
 *   summed per field rule × site in `fieldsSeen`.
 */
import type { CategoryId } from '../../categories.ts';
import { addDays, emptyActionCounts, weekOf, type CountAction, type DayRange } from './model.ts';
import type { CountRow } from './store.ts';

export type ActionCounts = Record<CountAction, number>;

export interface FixedShare {
  applied: number;
  leftAtSave: number;
  /** applied ÷ (applied + leftAtSave), null when nothing reached an outcome. */
  share: number | null;
}

export interface StatsSummary {
  range: DayRange;
  /** Number of rows (cells) in the range. */
  cells: number;
  totals: ActionCounts;
  byCategory: { category: CategoryId; counts: ActionCounts }[];
  /** One entry per ISO week (Monday), continuous, oldest first; monthly roll-ups are not in weeks. */
  weekly: { week: string; counts: ActionCounts }[];
  topRules: { rule: string; category: CategoryId; counts: ActionCounts }[];
  topSites: { host: string; counts: ActionCounts }[];
  fixed: FixedShare;
  /** Sensitive form fields seen (`field-seen`), per field rule × site, most seen first. */
  fieldsSeen: { rule: string; category: CategoryId; host: string; count: number }[];
  /** First and last period holding data in the range ('YYYY-MM' or 'YYYY-MM-DD'). */
  firstPeriod: string | null;
  lastPeriod: string | null;
}

function add(into: ActionCounts, r: CountRow): void {
  into[r.action] += r.count;
}

/** Sort key: findings shown, then everything else. */
function weight(c: ActionCounts): number {
  return c.shown * 1e6 + c.applied + c.ignored + c['saved-with'] + c['saved-anyway'] + c.blocked;
}

export function fixedShare(c: ActionCounts): FixedShare {
  const leftAtSave = c['saved-with'] + c['saved-anyway'];
  const denom = c.applied + leftAtSave;
  return { applied: c.applied, leftAtSave, share: denom === 0 ? null : c.applied / denom };
}

export function totalsByCategory(rows: readonly CountRow[]): { category: CategoryId; counts: ActionCounts }[] {
  const m = new Map<CategoryId, ActionCounts>();
  for (const r of rows) {
    let c = m.get(r.category);
    if (!c) m.set(r.category, (c = emptyActionCounts()));
    add(c, r);
  }
  return [...m].map(([category, counts]) => ({ category, counts }))
    .sort((a, b) => weight(b.counts) - weight(a.counts) || a.category.localeCompare(b.category));
}

export function topRules(rows: readonly CountRow[], limit = 10): StatsSummary['topRules'] {
  const m = new Map<string, { rule: string; category: CategoryId; counts: ActionCounts }>();
  for (const r of rows) {
    const k = `${r.rule}|${r.category}`;
    let e = m.get(k);
    if (!e) m.set(k, (e = { rule: r.rule, category: r.category, counts: emptyActionCounts() }));
    add(e.counts, r);
  }
  return [...m.values()].sort((a, b) => weight(b.counts) - weight(a.counts) || a.rule.localeCompare(b.rule)).slice(0, limit);
}

export function topSites(rows: readonly CountRow[], limit = 10): StatsSummary['topSites'] {
  const m = new Map<string, ActionCounts>();
  for (const r of rows) {
    let c = m.get(r.host);
    if (!c) m.set(r.host, (c = emptyActionCounts()));
    add(c, r);
  }
  return [...m].map(([host, counts]) => ({ host, counts }))
    .sort((a, b) => weight(b.counts) - weight(a.counts) || a.host.localeCompare(b.host)).slice(0, limit);
}

/**
 * Weekly trend over day rows: one entry per week from the range start (or the
 * first day with data) to the range end (or the last day with data), empty weeks
 * included so the chart's time axis is regular.
 */
export function weeklyTrend(rows: readonly CountRow[], range: DayRange = {}): StatsSummary['weekly'] {
  const days = rows.filter((r) => r.granularity === 'day');
  const m = new Map<string, ActionCounts>();
  let min: string | undefined;
  let max: string | undefined;
  for (const r of days) {
    const w = weekOf(r.period);
    let c = m.get(w);
    if (!c) m.set(w, (c = emptyActionCounts()));
    add(c, r);
    if (!min || r.period < min) min = r.period;
    if (!max || r.period > max) max = r.period;
  }
  const start = range.from ?? min;
  const end = range.to ?? max;
  if (!start || !end || start > end) return [];
  const out: StatsSummary['weekly'] = [];
  // Bounded: a range of a few years is at most a few hundred weeks.
  for (let w = weekOf(start), i = 0; w <= end && i < 600; w = addDays(w, 7), i++) {
    out.push({ week: w, counts: m.get(w) ?? emptyActionCounts() });
  }
  return out;
}

export function fieldsSeen(rows: readonly CountRow[], limit = 20): StatsSummary['fieldsSeen'] {
  const m = new Map<string, StatsSummary['fieldsSeen'][number]>();
  for (const r of rows) {
    if (r.action !== 'field-seen') continue;
    const k = `${r.rule}|${r.category}|${r.host}`;
    const e = m.get(k);
    if (e) e.count += r.count;
    else m.set(k, { rule: r.rule, category: r.category, host: r.host, count: r.count });
  }
  return [...m.values()].sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule) || a.host.localeCompare(b.host)).slice(0, limit);
}

export function summarize(rows: readonly CountRow[], range: DayRange = {}): StatsSummary {
  const findings = rows.filter((r) => r.action !== 'field-seen');
  const totals = emptyActionCounts();
  let first: string | null = null;
  let last: string | null = null;
  for (const r of rows) {
    add(totals, r);
    if (first === null || r.period < first) first = r.period;
    if (last === null || r.period > last) last = r.period;
  }
  return {
    range,
    cells: rows.length,
    totals,
    byCategory: totalsByCategory(findings),
    weekly: weeklyTrend(rows, range),
    topRules: topRules(findings),
    topSites: topSites(findings),
    fixed: fixedShare(totals),
    fieldsSeen: fieldsSeen(rows),
    firstPeriod: first,
    lastPeriod: last,
  };
}
