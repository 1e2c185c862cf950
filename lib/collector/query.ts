/**
 * Read side: grouped counts with the minimum-group rule applied on the server.
 * A cell is the sum over the stored rows that share its key; it is shown only when
 * at least `minGroup` distinct reporters (install ids) contributed to it, otherwise
 * its count is replaced by null and `below: minGroup`, before it leaves this module.
 */
import { COUNT_ACTIONS, type CountAction } from '../background/stats/model.ts';
import { readCells, WEEK_OF_DAY, WEEK_OF_PERIOD, type CellSpec, type Filter, type Masked } from './cells.ts';
import type { Db, SqlValue } from './db.ts';
import { foldPending } from './fold.ts';

export const GROUP_BY = ['category', 'rule', 'site', 'team', 'week', 'action'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export type CountRowOut = { key: string } & Masked;

/** Where each dimension of the API is read: its pre-aggregated cells, every action summed. */
const BY_SPEC: Record<GroupBy, CellSpec> = {
  category: { dim: 'c', key: 'key', raw: 'category', byAction: false },
  rule: { dim: 'r', key: `split_part(key, ' ', 1)`, raw: 'rule', byAction: false },
  site: { dim: 'h', key: 'key', raw: 'host', byAction: false },
  team: { dim: 'a', perTeam: true, key: 'team', raw: 'team', byAction: false },
  week: { dim: 'a', key: WEEK_OF_PERIOD, raw: WEEK_OF_DAY, byAction: false, weekly: true },
  action: { dim: 'a', key: 'action', raw: 'action', byAction: false },
};

export function whereOf(f: Filter, params: SqlValue[]): string {
  const parts: string[] = [];
  if (f.from) { params.push(f.from); parts.push(`day >= $${params.length}::date`); }
  if (f.to) { params.push(f.to); parts.push(`day <= $${params.length}::date`); }
  if (f.team !== undefined) { params.push(f.team); parts.push(`team = $${params.length}`); }
  if (f.action) { params.push(f.action); parts.push(`action = $${params.length}`); }
  return parts.length ? `WHERE ${parts.join(' AND ')}` : '';
}

export function mask(count: number, reporters: number, minGroup: number): Masked {
  return reporters >= minGroup ? { count } : { count: null, below: minGroup };
}

export async function countsBy(db: Db, by: GroupBy, f: Filter, minGroup: number): Promise<CountRowOut[]> {
  await foldPending(db);
  const rows = await readCells(db, f, minGroup, { [by]: BY_SPEC[by] });
  const byKey = (a: CountRowOut, b: CountRowOut) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const out = rows.map((r): CountRowOut => ({ key: r.key, ...r.cell }));
  // Masked cells sort after the shown ones, in key order: their position would hint at their size.
  return [
    ...out.filter((x) => x.count !== null).sort((a, b) => (b.count ?? 0) - (a.count ?? 0) || byKey(a, b)),
    ...out.filter((x) => x.count === null).sort(byKey),
  ];
}

export function isAction(s: unknown): s is CountAction {
  return (COUNT_ACTIONS as readonly unknown[]).includes(s);
}
