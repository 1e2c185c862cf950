/**
 * Masked cells over a range of days, read from the pre-aggregated cells (fold.ts):
 * the folded months inside the range from the monthly rows, the whole ISO weeks of
 * what is left from the weekly rows, the remaining days from the daily rows, so the
 * answer is exact for any from/to and reads a few rows per month instead of every
 * reporter's counts. The weekly trend never reads monthly rows (its key is the week).
 * A week not yet folded by week (the current one, fold.ts) is read from its daily rows.
 *
 * A cell's reporters over several periods cannot be summed (an install id reports in
 * many weeks), so each cell gets bounds: at least its largest period's reporters, at
 * most their sum. Visible when the lower bound reaches minGroup, masked when the
 * upper one does not; in between, the exact number is the union of the periods'
 * install ids (kept while few, EXACT_IDS_UP_TO), or, when a period has more ids than
 * that but fewer than minGroup (a minGroup above it), a COUNT(DISTINCT) over the counts.
 */
import { addDays, lastDayOfMonth, monthOf, weekOf, type CountAction } from '../background/stats/model.ts';
import type { Queryable, SqlValue } from './db.ts';
import { foldedMonths, openWeeks } from './fold.ts';

export interface Filter { from?: string | undefined; to?: string | undefined; team?: string | undefined; action?: CountAction | undefined }

export type Masked = { count: number } | { count: null; below: number };

export interface CellSpec {
  /** Stored dimension: a = every finding, c = category, r = rule + category, h = site, f = rule + category + site. */
  dim: 'a' | 'c' | 'r' | 'h' | 'f';
  /** Reads the per-team rows even without a team filter (a breakdown by team). */
  perTeam?: boolean;
  /** The output key, in SQL over a cells row (key, team, period, action). */
  key: string;
  /** The same key over a counts row (the exact check's fallback). */
  raw: string;
  /** One cell per key and action (true) or every action summed (false). */
  byAction: boolean;
  /** Only this action's rows. */
  onlyAction?: string;
  /** Its key is the week of the period: weekly and daily rows only, never monthly ones. */
  weekly?: boolean;
  /**
   * Only its `top` largest visible cells are used (one action): cells between the bounds
   * are checked largest first until that many are visible, the rest left out.
   */
  top?: number;
}

export interface CellOut { spec: string; key: string; action: string; cell: Masked }

/** The week key of a period or a day, the Monday of its ISO week. */
export const WEEK_OF_PERIOD = `to_char(date_trunc('week', period), 'YYYY-MM-DD')`;
export const WEEK_OF_DAY = `to_char(date_trunc('week', day), 'YYYY-MM-DD')`;

class Params {
  readonly values: SqlValue[] = [];
  add(v: SqlValue, cast = ''): string {
    this.values.push(v);
    return `$${this.values.length}${cast}`;
  }
}

type Span = { from?: string | undefined; to?: string | undefined };

/** What the fold has pre-aggregated: the months folded by month, the weeks not yet folded by week. */
interface Folded { months: readonly string[]; openWeeks: readonly string[] }

async function foldedState(db: Queryable): Promise<Folded> {
  return { months: await foldedMonths(db), openWeeks: await openWeeks(db) };
}

/**
 * Rows of `cells` or `period_reporters` covering a span: whole weeks weekly, the ends
 * daily, and the whole weeks in `open` (not folded by week) daily too.
 */
function spanSql({ from, to }: Span, p: Params, open: readonly string[]): string {
  const firstMonday = from && (weekOf(from) === from ? from : addDays(weekOf(from), 7));
  const lastMonday = to && (addDays(weekOf(to), 6) === to ? weekOf(to) : addDays(weekOf(to), -7));
  const inRange = [from && `period >= ${p.add(from, '::date')}`, to && `period <= ${p.add(to, '::date')}`].filter(Boolean);
  if (firstMonday && lastMonday && firstMonday > lastMonday) return `(g = 'd' AND ${inRange.join(' AND ')})`;
  const weeks = [firstMonday && `period >= ${p.add(firstMonday, '::date')}`, lastMonday && `period <= ${p.add(lastMonday, '::date')}`].filter(Boolean);
  const ends = [firstMonday && `period < ${p.add(firstMonday, '::date')}`, lastMonday && `period > ${p.add(addDays(lastMonday, 6), '::date')}`].filter(Boolean);
  const openIn = open.filter((w) => (!firstMonday || w >= firstMonday) && (!lastMonday || w <= lastMonday));
  const openList = openIn.length ? p.add(openIn, '::date[]') : '';
  if (openList) weeks.push(`NOT (period = ANY(${openList}))`);
  const weekly = `(g = 'w'${weeks.map((c) => ` AND ${c}`).join('')})`;
  // each open week as a range of days: an index range, where an expression over period is a scan of every daily row
  const daily = [...ends, ...openIn.map((w) => `period BETWEEN ${p.add(w, '::date')} AND ${p.add(addDays(w, 6), '::date')}`)];
  return daily.length ? `(${weekly} OR (g = 'd'${inRange.map((c) => ` AND ${c}`).join('')} AND (${daily.join(' OR ')})))` : weekly;
}

/**
 * Rows covering [from, to] exactly once: the folded months (first days, sorted) wholly
 * inside it monthly, each span between them by spanSql.
 */
function rangeSql(f: Filter, p: Params, folded: Folded): string {
  const months = folded.months.filter((m) => (!f.from || m >= f.from) && (!f.to || lastDayOfMonth(monthOf(m)) <= f.to));
  const spans: Span[] = [];
  let from = f.from;
  for (const m of months) {
    if (!from || from < m) spans.push({ from, to: addDays(m, -1) });
    from = addDays(lastDayOfMonth(monthOf(m)), 1);
  }
  if (!from || !f.to || from <= f.to) spans.push({ from, to: f.to });
  const parts = spans.map((s) => spanSql(s, p, folded.openWeeks));
  if (months.length) parts.push(`(g = 'm' AND period = ANY(${p.add(months, '::date[]')}))`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}

/** A spec's range, each kind built once and only when used (an unused parameter is an error). */
function rangesOf(f: Filter, p: Params, folded: Folded): (s: CellSpec) => string {
  const built = new Map<boolean, string>();
  return (s) => {
    const weekly = !!s.weekly;
    if (!built.has(weekly)) built.set(weekly, rangeSql(f, p, weekly ? { ...folded, months: [] } : folded));
    return built.get(weekly)!;
  };
}

type Raw = { s: string; key: string; action: string; n: string | number; lo: number; hi: string | number; known: boolean };

/** One spec's rows of `cells` over the filter (range, scope, action filters); `p` gathers the parameters. */
function specWhere(s: CellSpec, range: (s: CellSpec) => string, p: Params, team: string | undefined, action: string | undefined): string {
  const scope = team !== undefined ? `scope = 't' AND team = ${team}` : s.perTeam ? `scope = 't'` : `scope = 'o'`;
  const only = [action && `action = ${action}`, s.onlyAction && `action = ${p.add(s.onlyAction)}`].filter(Boolean).map((c) => ` AND ${c}`).join('');
  return `${range(s)} AND dim = '${s.dim}' AND ${scope}${only}`;
}

/** Every spec's masked cells over the filter's range (team and action filters applied). Fold first (foldPending). */
export async function readCells(db: Queryable, f: Filter, minGroup: number, specs: Record<string, CellSpec>): Promise<CellOut[]> {
  const folded = await foldedState(db);
  const p = new Params();
  const range = rangesOf(f, p, folded);
  const team = f.team !== undefined ? p.add(f.team) : undefined;
  const action = f.action ? p.add(f.action) : undefined;
  // The install ids are not read here: aggregating them for every cell cost more than
  // the rest of the query, and only the few cells between the bounds need them (below).
  const parts = Object.entries(specs).map(([name, s]) =>
    `SELECT ${p.add(name)}::text AS s, ${s.key} AS key, ${s.byAction ? 'action' : `''`} AS action, sum(count)::int8 AS n,
            max(reporters)::int AS lo, sum(reporters)::int8 AS hi, bool_and(installs IS NOT NULL) AS known
     FROM cells WHERE ${specWhere(s, range, p, team, action)} GROUP BY 2, 3`);
  const rows = await db.query<Raw>(parts.join('\nUNION ALL\n'), p.values);
  const isBetween = (r: Raw) => r.lo < minGroup && Number(r.hi) >= minGroup;
  const union = await resolveBetween(rows.filter((r) => isBetween(r) && r.known), minGroup, specs, (cells) => unionOfIds(db, f, folded, specs, cells));
  const out: CellOut[] = [];
  for (const r of rows) {
    if (isBetween(r) && r.known && !union.has(cellId(r))) continue; // below a spec's top (resolveBetween)
    const visible = (reporters: number) => (reporters >= minGroup ? { count: Number(r.n) } : { count: null, below: minGroup });
    let cell: Masked;
    if (r.lo >= minGroup || Number(r.hi) < minGroup) cell = visible(r.lo);
    else if (r.known) cell = visible(union.get(cellId(r)) ?? 0);
    else cell = visible(await exactReporters(db, f, specs[r.s]!, r.key, r.action));
    out.push({ spec: r.s, key: r.key, action: r.action, cell });
  }
  return out;
}

const cellId = (r: { s: string; key: string; action: string }) => `${r.s}\u0000${r.key}\u0000${r.action}`;

/**
 * The exact reporters of the cells between the bounds: all of them, except for a spec
 * with a `top`, whose cells are checked largest first, a chunk at a time, until `top`
 * of its cells at least as large as every unchecked one are visible (the unchecked
 * ones could not be shown). On a year of field cells this checks 20 instead of 600.
 */
async function resolveBetween(cells: Raw[], minGroup: number, specs: Record<string, CellSpec>,
  unionOf: (cells: Raw[]) => Promise<Map<string, number>>): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const ranked = new Map<string, Raw[]>();
  const now: Raw[] = [];
  for (const r of cells) {
    if (specs[r.s]!.top) ranked.set(r.s, [...(ranked.get(r.s) ?? []), r]);
    else now.push(r);
  }
  for (const list of ranked.values()) list.sort((a, b) => Number(b.n) - Number(a.n));
  const countOf = new Map(cells.map((c) => [cellId(c), Number(c.n)]));
  const visibleAtLeast = (name: string, n: number) =>
    [...out].filter(([id, r]) => r >= minGroup && id.startsWith(`${name}\u0000`) && countOf.get(id)! >= n).length;
  for (;;) {
    const batch = [...now];
    now.length = 0;
    for (const [name, list] of ranked) {
      const top = specs[name]!.top!;
      if (!list.length || visibleAtLeast(name, Number(list[0]!.n)) >= top) { ranked.delete(name); continue; }
      batch.push(...list.splice(0, top));
    }
    if (!batch.length) return out;
    for (const [id, r] of await unionOf(batch)) out.set(id, r);
    for (const r of batch) if (!out.has(cellId(r))) out.set(cellId(r), 0);
  }
}

/** The distinct install ids of the cells between the bounds, from the ids their periods keep (one query). */
async function unionOfIds(db: Queryable, f: Filter, folded: Folded, specs: Record<string, CellSpec>, cells: Raw[]): Promise<Map<string, number>> {
  if (!cells.length) return new Map();
  const p = new Params();
  const range = rangesOf(f, p, folded);
  const team = f.team !== undefined ? p.add(f.team) : undefined;
  const action = f.action ? p.add(f.action) : undefined;
  const keysBySpec = new Map<string, Set<string>>();
  for (const r of cells) keysBySpec.set(r.s, (keysBySpec.get(r.s) ?? new Set()).add(r.key));
  const parts = [...keysBySpec].map(([name, keys]) => {
    const s = specs[name]!;
    return `SELECT ${p.add(name)}::text AS s, ${s.key} AS key, ${s.byAction ? 'action' : `''`} AS action, count(DISTINCT id)::int AS r
            FROM cells, unnest(installs) AS id
            WHERE ${specWhere(s, range, p, team, action)} AND ${s.key} = ANY(${p.add([...keys], '::text[]')}) GROUP BY 2, 3`;
  });
  const rows = await db.query<{ s: string; key: string; action: string; r: number }>(parts.join('\nUNION ALL\n'), p.values);
  return new Map(rows.map((r) => [cellId(r), Number(r.r)]));
}

/** The rare fallback: one cell's distinct reporters from the counts themselves. */
async function exactReporters(q: Queryable, f: Filter, s: CellSpec, key: string, action: string): Promise<number> {
  const p = new Params();
  const where = [
    f.from && `day >= ${p.add(f.from, '::date')}`, f.to && `day <= ${p.add(f.to, '::date')}`,
    f.team !== undefined && `team = ${p.add(f.team)}`, f.action && `action = ${p.add(f.action)}`,
    s.onlyAction && `action = ${p.add(s.onlyAction)}`, s.byAction && `action = ${p.add(action)}`, `${s.raw} = ${p.add(key)}`,
  ].filter(Boolean);
  const [r] = await q.query<{ r: string | number }>(`SELECT count(DISTINCT install_id)::int8 AS r FROM counts WHERE ${where.join(' AND ')}`, p.values);
  return Number(r?.r ?? 0);
}

/** The exact number of distinct reporters (install ids) over the filter's range and team. */
export async function reportersOver(q: Queryable, f: Filter): Promise<number> {
  const p = new Params();
  const range = rangeSql(f, p, await foldedState(q));
  const team = f.team !== undefined ? ` AND team = ${p.add(f.team)}` : '';
  const [r] = await q.query<{ r: string | number }>(`SELECT count(DISTINCT install_id)::int8 AS r FROM period_reporters WHERE ${range}${team}`, p.values);
  return Number(r?.r ?? 0);
}
