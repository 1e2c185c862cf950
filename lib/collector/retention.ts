/**
 * Retention: daily rows older than `retentionDays` are added into one row per
 * reporter, cell and month (granularity m), then deleted, in one transaction (a crash
 * leaves either the daily rows or the monthly ones, never both, never neither); the
 * fold merges them with the month's earlier roll-ups. Monthly rows older than
 * `keepMonths` and expired sessions are deleted. Batch ids older than the retention
 * are forgotten too: ingest refuses counts that old. The days touched are marked for
 * the fold, so the pre-aggregated cells follow, and the fold forgets a month once
 * none of its counts is left (its `months` row and its cells).
 */
import type { Db } from './db.ts';
import { addDays } from '../background/stats/model.ts';
import { FOLD_LOCK } from './fold.ts';

// The days whose counts change are folded again (fold.ts): their cells follow the roll-up.
const PENDING = 'INSERT INTO fold_pending (day, install_id)';
const ON_PENDING = 'ON CONFLICT (day, install_id) DO UPDATE SET day = EXCLUDED.day';

export interface RetentionResult { rolledUp: number; deletedMonths: number; forgottenBatches: number }

export async function applyRetention(db: Db, today: string, retentionDays: number, keepMonths: number): Promise<RetentionResult> {
  const cutoff = addDays(today, -retentionDays);
  const monthCutoff = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 - keepMonths, 1)).toISOString().slice(0, 10);
  return db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock($1)', [0x636e6d]);
    // after any fold in progress: it merges and deletes rows of the days this deletes
    await q.query('SELECT pg_advisory_xact_lock($1)', [FOLD_LOCK]);
    const moved = await q.query<{ n: string | number }>(
      `WITH old AS (DELETE FROM counts WHERE granularity = 'd' AND day < $1::date RETURNING *),
            ins AS (INSERT INTO counts (day, granularity, install_id, team, host, category, rule, action, count)
                    SELECT date_trunc('month', day)::date, 'm', install_id, team, host, category, rule, action, sum(count)
                    FROM old GROUP BY 1, 3, 4, 5, 6, 7, 8
                    RETURNING 1),
            pending AS (${PENDING} SELECT day, install_id FROM old UNION SELECT date_trunc('month', day)::date, install_id FROM old ${ON_PENDING})
       SELECT (SELECT count(*) FROM old)::int8 AS n`,
      [cutoff],
    );
    const months = await q.query(
      `WITH gone AS (DELETE FROM counts WHERE granularity = 'm' AND day < $1::date RETURNING day, install_id),
            pending AS (${PENDING} SELECT DISTINCT day, install_id FROM gone ${ON_PENDING})
       SELECT 1 FROM gone`,
      [monthCutoff],
    );
    const batches = await q.query('DELETE FROM batches WHERE received_day < $1::date RETURNING 1', [cutoff]);
    await q.query('DELETE FROM sessions WHERE expires_at < now()');
    return { rolledUp: Number(moved[0]?.n ?? 0), deletedMonths: months.length, forgottenBatches: batches.length };
  });
}
