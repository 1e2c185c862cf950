/**
 * Everything the org dashboard shows, from the pre-aggregated cells (cells.ts, one
 * UNION ALL over a few rows per week): totals, by category, weekly trend, top rules,
 * top sites, by team, fields seen per site, and the list of teams for the filter.
 * Every number is masked by the minimum-group rule (null = fewer than minGroup
 * reporters) before it is returned.
 */
import { CATEGORY_IDS, type CategoryId } from '../categories.ts';
import { COUNT_ACTIONS, type CountAction } from '../background/stats/model.ts';
import { readCells, reportersOver, WEEK_OF_DAY, WEEK_OF_PERIOD, type CellSpec, type Filter } from './cells.ts';
import type { Db } from './db.ts';
import { foldPending } from './fold.ts';
import { mask } from './query.ts';

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

/** Where each part of the summary is read (cells.ts); every number per action. */
const SPECS: Record<string, CellSpec> = {
  total: { dim: 'a', key: `''`, raw: `''`, byAction: true },
  category: { dim: 'c', key: 'key', raw: 'category', byAction: true },
  week: { dim: 'a', key: WEEK_OF_PERIOD, raw: WEEK_OF_DAY, byAction: true, weekly: true },
  rule: { dim: 'r', key: 'key', raw: `rule || ' ' || category`, byAction: true },
  site: { dim: 'h', key: 'key', raw: 'host', byAction: true },
  team: { dim: 'a', perTeam: true, key: 'team', raw: 'team', byAction: true },
  field: { dim: 'f', key: 'key', raw: `rule || ' ' || category || ' ' || host`, byAction: true, onlyAction: 'field-seen' },
};

function emptyCells(): ActionCells {
  return Object.fromEntries(COUNT_ACTIONS.map((a) => [a, 0])) as ActionCells;
}

export async function orgSummary(db: Db, f: Filter, minGroup: number, limit = 10): Promise<OrgSummary> {
  await foldPending(db);
  const scope = { ...f, action: undefined };
  // only the 2 × limit largest fields are shown: the others need no exact reporter check
  const rows = await readCells(db, scope, minGroup, { ...SPECS, field: { ...SPECS.field!, top: 2 * limit } });
  const reporterCount = await reportersOver(db, scope);
  const reporters: Cell = mask(reporterCount, reporterCount, minGroup).count;

  const totals = emptyCells();
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
    const a = x.action as CountAction;
    const v = x.cell.count;
    switch (x.spec) {
      case 'total': totals[a] = v; break;
      case 'category': into(cat, x.key, a, v); break;
      case 'week': into(week, x.key, a, v); break;
      case 'rule': {
        const [id, category] = x.key.split(' ') as [string, CategoryId];
        const e = rule.get(x.key) ?? { rule: id, category, counts: emptyCells() };
        e.counts[a] = v;
        rule.set(x.key, e);
        break;
      }
      case 'site': into(site, x.key, a, v); break;
      case 'team': into(team, x.key, a, v); break;
      case 'field': {
        const [id, category, host] = x.key.split(' ') as [string, CategoryId, string];
        fields.push({ rule: id, category, host, count: v });
        break;
      }
    }
  }
  const hasData = rows.length > 0;
  const byShown = (c: ActionCells) => c.shown ?? -1; // masked rows after every shown number
  const findingRows = (c: ActionCells) => COUNT_ACTIONS.some((a) => a !== 'field-seen' && c[a] !== 0);
  // every team of the weekly rows, and of the daily rows of the weeks not folded by week yet
  const teams = (await db.query<{ team: string }>(
    `SELECT DISTINCT team FROM cells WHERE scope = 't' AND dim = 'a'
       AND (g = 'w' OR (g = 'd' AND period >= (SELECT min(week) FROM weeks WHERE NOT folded))) ORDER BY 1`,
  )).map((t) => t.team);
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
