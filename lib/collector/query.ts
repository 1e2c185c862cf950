/**
 * Read side: grouped counts with the minimum-group rule applied on the server.
 * A cell is the sum over the stored rows that share its key; it is shown only when
 * at least `minGroup` distinct reporters (install ids) contributed to it, otherwise
 * its count is replaced by null and `below: minGroup`, before it leaves this module.
 */
import { COUNT_ACTIONS, type CountAction } from '../background/stats/model.ts';
import type { Queryable, SqlValue } from './db.ts';

export const GROUP_BY = ['category', 'rule', 'site', 'team', 'week', 'action'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export interface Filter { from?: string | undefined; to?: string | undefined; team?: string | undefined; action?: CountAction | undefined }

export type Masked = { count: number } | { count: null; below: number };
export type CountRowOut = { key: string } & Masked;

/** SQL expression of each dimension (the same names the API takes). */
export const DIMENSION_SQL: Record<GroupBy, string> = {
  category: 'category',
  rule: 'rule',
  site: 'host',
  team: 'team',
  week: `to_char(date_trunc('week', day), 'YYYY-MM-DD')`,
  action: 'action',
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

export async function countsBy(q: Queryable, by: GroupBy, f: Filter, minGroup: number): Promise<CountRowOut[]> {
  const params: SqlValue[] = [];
  const where = whereOf(f, params);
  const rows = await q.query<{ key: string; n: string | number; r: string | number }>(
    `SELECT ${DIMENSION_SQL[by]} AS key, sum(count)::int8 AS n, count(DISTINCT install_id)::int8 AS r
     FROM counts ${where} GROUP BY 1 ORDER BY 2 DESC, 1`,
    params,
  );
  // Masked cells sort after the shown ones: their order would hint at their size.
  const out = rows.map((x) => ({ key: x.key, ...mask(Number(x.n), Number(x.r), minGroup) }));
  return [...out.filter((x) => x.count !== null), ...out.filter((x) => x.count === null).sort((a, b) => (a.key < b.key ? -1 : 1))];
}

export function isAction(s: unknown): s is CountAction {
  return (COUNT_ACTIONS as readonly unknown[]).includes(s);
}
