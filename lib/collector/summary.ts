/**
 * Everything the org dashboard shows, in one scan of the counts (GROUPING SETS):
 * totals, by category, weekly trend, top rules, top sites, by team, fields seen per
 * site, and the list of teams for the filter. Every number is masked by the
 * minimum-group rule (null = fewer than minGroup reporters) before it is returned.
 */
import { CATEGORY_IDS, type CategoryId } from '../categories.ts';
import { COUNT_ACTIONS, type CountAction } from '../background/stats/model.ts';
import type { Queryable, SqlValue } from './db.ts';
import { mask, whereOf, type Filter } from './query.ts';

/** A count, or null when fewer than minGroup reporters contributed. */
export type Cell = number | null;
export type ActionCells = Record<CountAction, Cell>;

export interface OrgSummary {
  minGroup: number;
  range: { from?: string; to?: string };
  hasData: boolean;
  reporters: Cell;
  totals: ActionCells;
  /** applied ÷ (applied + saved-with + saved-anyway), null when masked or nothing known. */
  fixedShare: number | null;
  byCategory: { category: CategoryId; counts: ActionCells }[];
  weekly: { week: string; counts: ActionCells }[];
  topRules: { rule: string; category: CategoryId; counts: ActionCells }[];
  topSites: { host: string; counts: ActionCells }[];
  byTeam: { team: string; counts: ActionCells }[];
  fieldsSeen: { rule: string; category: CategoryId; host: string; count: Cell }[];
  teams: string[];
}

const SETS: Record<string, string[]> = {
  total: [],
  category: ['category'],
  week: ['wk'],
  rule: ['rule', 'category'],
  site: ['host'],
  team: ['team'],
  field: ['rule', 'category', 'host'],
};

function emptyCells(): ActionCells {
  return Object.fromEntries(COUNT_ACTIONS.map((a) => [a, 0])) as ActionCells;
}

type Raw = { s: string; category: string | null; rule: string | null; host: string | null; team: string | null; wk: string | null; action: string | null; n: string | number; r: string | number };

export async function orgSummary(q: Queryable, f: Filter, minGroup: number, limit = 10): Promise<OrgSummary> {
  const params: SqlValue[] = [];
  const where = whereOf({ ...f, action: undefined }, params);
  // One label per grouping set: GROUPING() tells which set a row belongs to.
  const cols = ['category', 'rule', 'host', 'team', 'wk'];
  const setSql = Object.entries(SETS).map(([, c]) => `(${[...c, 'action'].join(', ')})`).join(', ');
  const rows = await q.query<Raw>(
    `SELECT GROUPING(${cols.join(', ')})::int AS s, category, rule, host, team, wk, action,
            sum(count)::int8 AS n, count(DISTINCT install_id)::int8 AS r
     FROM (SELECT category, rule, host, team, action, count, install_id, to_char(date_trunc('week', day), 'YYYY-MM-DD') AS wk FROM counts ${where}) c
     GROUP BY GROUPING SETS (${setSql}, ())`,
    params,
  );
  const bit = (present: string[]) => cols.reduce((acc, c, i) => acc | (present.includes(c) ? 0 : 1 << (cols.length - 1 - i)), 0);
  const setOf = new Map(Object.entries(SETS).map(([name, c]) => [bit(c), name]));
  const cell = (x: Raw): Cell => { const m = mask(Number(x.n), Number(x.r), minGroup); return m.count; };

  const totals = emptyCells();
  let reporters: Cell = 0;
  const cat = new Map<string, ActionCells>();
  const week = new Map<string, ActionCells>();
  const rule = new Map<string, { rule: string; category: CategoryId; counts: ActionCells }>();
  const site = new Map<string, ActionCells>();
  const team = new Map<string, ActionCells>();
  const fields: OrgSummary['fieldsSeen'] = [];
  const into = <K>(m: Map<K, ActionCells>, k: K, a: CountAction, v: Cell) => {
    const c = m.get(k) ?? emptyCells();
    c[a] = v;
    m.set(k, c);
  };
  for (const x of rows) {
    if (x.action === null) {
      // the () set: every row of the range
      reporters = mask(Number(x.r), Number(x.r), minGroup).count;
      continue;
    }
    const a = x.action as CountAction;
    const v = cell(x);
    switch (setOf.get(Number(x.s))) {
      case 'total': totals[a] = v; break;
      case 'category': into(cat, x.category!, a, v); break;
      case 'week': into(week, x.wk!, a, v); break;
      case 'rule': {
        const k = `${x.rule}|${x.category}`;
        const e = rule.get(k) ?? { rule: x.rule!, category: x.category as CategoryId, counts: emptyCells() };
        e.counts[a] = v;
        rule.set(k, e);
        break;
      }
      case 'site': into(site, x.host!, a, v); break;
      case 'team': into(team, x.team!, a, v); break;
      case 'field': if (a === 'field-seen') fields.push({ rule: x.rule!, category: x.category as CategoryId, host: x.host!, count: v }); break;
    }
  }
  const hasData = rows.some((x) => x.action !== null);
  const byShown = (c: ActionCells) => c.shown ?? -1; // masked rows after every shown number
  const findingRows = (c: ActionCells) => COUNT_ACTIONS.some((a) => a !== 'field-seen' && c[a] !== 0);
  const teams = (await q.query<{ team: string }>(`SELECT DISTINCT team FROM counts ORDER BY 1`)).map((t) => t.team);
  const { applied, 'saved-with': sw, 'saved-anyway': sa } = totals;
  const fixedShare = applied === null || sw === null || sa === null || applied + sw + sa === 0 ? null : applied / (applied + sw + sa);
  return {
    minGroup,
    range: { ...(f.from ? { from: f.from } : {}), ...(f.to ? { to: f.to } : {}) },
    hasData,
    reporters,
    totals,
    fixedShare,
    byCategory: CATEGORY_IDS.filter((c) => cat.has(c) && findingRows(cat.get(c)!)).map((c) => ({ category: c, counts: cat.get(c)! }))
      .sort((a, b) => byShown(b.counts) - byShown(a.counts)),
    weekly: [...week.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([w, counts]) => ({ week: w, counts })),
    topRules: [...rule.values()].filter((r) => findingRows(r.counts)).sort((a, b) => byShown(b.counts) - byShown(a.counts)).slice(0, limit),
    topSites: [...site.entries()].filter(([, c]) => findingRows(c)).sort(([, a], [, b]) => byShown(b) - byShown(a)).slice(0, limit).map(([host, counts]) => ({ host, counts })),
    byTeam: [...team.entries()].sort(([, a], [, b]) => byShown(b) - byShown(a)).map(([t, counts]) => ({ team: t, counts })),
    fieldsSeen: fields.sort((a, b) => (b.count ?? -1) - (a.count ?? -1)).slice(0, 2 * limit),
    teams,
  };
}
