/**
 * Stores one checked batch in ONE transaction: the batch row (primary key =
 * batchId, so a concurrent duplicate fails to insert) and its counts, added to
 * the reporter's row of that day. Either all of it is stored or none of it.
 */
import type { ReportPayload } from '../schema/report.ts';
import type { Db, SqlValue } from './db.ts';

export type IngestOutcome = 'stored' | 'duplicate' | 'conflict';

const COLS = 8;

export async function storeBatch(db: Db, p: ReportPayload, digest: string, today: string): Promise<IngestOutcome> {
  return db.tx(async (q) => {
    const inserted = await q.query(
      `INSERT INTO batches (batch_id, install_id, digest, received_day, buckets) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (batch_id) DO NOTHING RETURNING batch_id`,
      [p.batchId, p.reporter.installId, digest, today, p.buckets.length],
    );
    if (!inserted.length) {
      const [prev] = await q.query<{ digest: string }>('SELECT digest FROM batches WHERE batch_id = $1', [p.batchId]);
      return prev?.digest === digest ? 'duplicate' : 'conflict';
    }
    if (!p.buckets.length) return 'stored';
    const params: SqlValue[] = [];
    const rows: string[] = [];
    for (const b of p.buckets) {
      const n = params.length;
      rows.push(`($${n + 1}::date, 'd', $${n + 2}::uuid, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7}, $${n + 8}::bigint)`);
      params.push(b.lastDay, p.reporter.installId, p.reporter.team ?? '', b.host, b.category, b.rule, b.action, b.count);
    }
    if (params.length !== rows.length * COLS) throw new Error('internal: parameter count');
    await q.query(
      `INSERT INTO counts (day, granularity, install_id, team, host, category, rule, action, count) VALUES ${rows.join(', ')}
       ON CONFLICT (day, granularity, install_id, team, host, category, rule, action) DO UPDATE SET count = counts.count + EXCLUDED.count`,
      params,
    );
    return 'stored';
  });
}
