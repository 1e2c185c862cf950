/**
 * Exports with the minimum-group rule already applied: a masked cell is
 * `{"count":null,"below":N}` in JSON and the text "< N" in CSV, never a number.
 * CSV cells that a spreadsheet would read as a formula are prefixed with '.
 */
import { stringify } from 'csv-stringify/sync';
import type { Queryable, SqlValue } from './db.ts';
import type { Filter, Masked } from './cells.ts';
import { mask, whereOf, type CountRowOut } from './query.ts';

export type ExportRow = { week: string; team: string; site: string; category: string; rule: string; action: string } & Masked;

export async function exportRows(q: Queryable, f: Filter, minGroup: number): Promise<ExportRow[]> {
  const params: SqlValue[] = [];
  const where = whereOf(f, params);
  const rows = await q.query<{ week: string; team: string; site: string; category: string; rule: string; action: string; n: string | number; r: string | number }>(
    `SELECT to_char(date_trunc('week', day), 'YYYY-MM-DD') AS week, team, host AS site, category, rule, action,
            sum(count)::int8 AS n, count(DISTINCT install_id)::int8 AS r
     FROM counts ${where} GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`,
    params,
  );
  return rows.map(({ n, r, ...k }) => ({ ...k, ...mask(Number(n), Number(r), minGroup) }));
}

const safe = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
const countText = (m: Masked) => (m.count === null ? `< ${m.below}` : String(m.count));

export function exportCsv(rows: readonly ExportRow[]): string {
  return stringify(rows.map((r) => [r.week, safe(r.team), r.site, r.category, r.rule, r.action, countText(r)]), {
    header: true, columns: ['week', 'team', 'site', 'category', 'rule', 'action', 'count'], record_delimiter: '\r\n',
  });
}

export function countsCsv(rows: readonly CountRowOut[]): string {
  return stringify(rows.map((r) => [safe(r.key), countText(r)]), { header: true, columns: ['key', 'count'], record_delimiter: '\r\n' });
}
