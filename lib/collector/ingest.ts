/**
 * Stores one checked batch in ONE transaction and ONE statement: the batch row
 * (primary key = batchId, so a concurrent duplicate fails to insert), its counts
 * added to the reporter's row of each day (the buckets travel as 6 arrays, unnest()
 * makes the rows: one plan whatever the batch size), and the days it touched marked
 * for the fold that keeps the pre-aggregated cells (fold.ts). Either all of it is
 * stored or none of it.
 */
import type { ReportPayload } from '../schema/report.ts';
import type { Db, SqlValue } from './db.ts';

export type IngestOutcome = 'stored' | 'duplicate' | 'conflict';

// Every data-modifying part reads `b`: when the batch id already exists, nothing else is written.
const STORE_SQL = `
  WITH b AS (
    INSERT INTO batches (batch_id, install_id, digest, received_day, buckets) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (batch_id) DO NOTHING RETURNING install_id
  ), u AS (
    SELECT u.*, b.install_id FROM b, unnest($7::date[], $8::text[], $9::text[], $10::text[], $11::text[], $12::int8[])
      AS u(day, host, category, rule, action, count)
  ), c AS (
    INSERT INTO counts (day, granularity, install_id, team, host, category, rule, action, count)
    SELECT day, 'd', install_id, $6, host, category, rule, action, count FROM u
    ORDER BY day, host, category, rule, action
    ON CONFLICT (day, granularity, install_id, team, host, category, rule, action) DO UPDATE SET count = counts.count + EXCLUDED.count
  ), p AS (
    -- DO UPDATE, not DO NOTHING: it locks the row, so a fold deleting it waits for this commit
    INSERT INTO fold_pending (day, install_id) SELECT DISTINCT day, install_id FROM u ORDER BY 1
    ON CONFLICT (day, install_id) DO UPDATE SET day = EXCLUDED.day
  )
  SELECT count(*)::int AS stored FROM b`;

export async function storeBatch(db: Db, p: ReportPayload, digest: string, today: string): Promise<IngestOutcome> {
  const col = <K extends keyof ReportPayload['buckets'][number]>(k: K) => p.buckets.map((b) => b[k]);
  const params: SqlValue[] = [
    p.batchId, p.reporter.installId, digest, today, p.buckets.length, p.reporter.team ?? '',
    col('lastDay'), col('host'), col('category'), col('rule'), col('action'), col('count'),
  ];
  return db.tx(async (q) => {
    const [r] = await q.query<{ stored: number }>(STORE_SQL, params);
    if (Number(r?.stored) === 1) return 'stored';
    const [prev] = await q.query<{ digest: string }>('SELECT digest FROM batches WHERE batch_id = $1', [p.batchId]);
    return prev?.digest === digest ? 'duplicate' : 'conflict';
  });
}
