/**
 * Stores checked batches: ONE statement for a whole group of batches (group commit),
 * run on its own, so it is its own transaction (no BEGIN/COMMIT round trips: on PGlite
 * each costs about as much CPU as the statement's parse, a third of a small group's
 * cost). On PGlite, every statement has a fixed cost of a few milliseconds of CPU,
 * larger than writing 50 rows; batches that arrive while a group is being written wait
 * for it and go together in the next one, so at low load a batch is written at once,
 * and under load the fixed cost is shared.
 *
 * Each batch stays all-or-nothing: its batch row (primary key = batchId, so a
 * concurrent duplicate fails to insert) and its counts are written only when its
 * batch row is, and a batch is answered only after its group committed. When a group
 * fails, each of its batches is tried again alone, so one batch never fails another.
 */
import type { ReportPayload } from '../schema/report.ts';
import type { Db, SqlValue } from './db.ts';

export type IngestOutcome = 'stored' | 'duplicate' | 'conflict';

export interface CheckedBatch { payload: ReportPayload; digest: string; today: string }

// The batches travel as 6 arrays, their buckets as 7 (n = the batch's position): one
// plan whatever the group's size. Only the buckets of batch rows actually inserted
// (b) are counted. Counts are appended, not added into an existing row: the upsert on
// the counts key was two thirds of the statement's cost; the fold merges them later.
// Shared rows (batches, fold_pending) are written in key order (no deadlock between
// two groups on PostgreSQL).
const STORE_SQL = `
  WITH i AS (
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::date[], $5::int4[], $6::text[]) WITH ORDINALITY
      AS i(batch_id, install_id, digest, received_day, buckets, team, n)
  ), b AS (
    INSERT INTO batches (batch_id, install_id, digest, received_day, buckets)
    SELECT batch_id, install_id, digest, received_day, buckets FROM i ORDER BY batch_id
    ON CONFLICT (batch_id) DO NOTHING RETURNING batch_id
  ), u AS (
    SELECT u.day, i.install_id, i.team, u.host, u.category, u.rule, u.action, u.count
    FROM unnest($7::int8[], $8::date[], $9::text[], $10::text[], $11::text[], $12::text[], $13::int8[])
      AS u(n, day, host, category, rule, action, count)
    JOIN i ON i.n = u.n JOIN b ON b.batch_id = i.batch_id
  ), c AS (
    -- appended (migration 4): the fold merges a reporter's rows of one day
    INSERT INTO counts (day, granularity, install_id, team, host, category, rule, action, count)
    SELECT day, 'd', install_id, team, host, category, rule, action, count FROM u
  ), p AS (
    -- DO UPDATE, not DO NOTHING: it locks the row, so a fold deleting it waits for this commit
    INSERT INTO fold_pending (day, install_id) SELECT DISTINCT day, install_id FROM u ORDER BY 1, 2
    ON CONFLICT (day, install_id) DO UPDATE SET day = EXCLUDED.day
  )
  SELECT batch_id::text AS id FROM b`;

/** Writes a group of batches (distinct batch ids) in one statement (one transaction); the outcome of each, in order. */
export async function storeBatches(db: Db, group: readonly CheckedBatch[]): Promise<IngestOutcome[]> {
  const batches = (k: (b: CheckedBatch) => SqlValue & (string | number)) => group.map(k);
  const buckets = <T extends string | number>(k: (b: ReportPayload['buckets'][number], n: number) => T) =>
    group.flatMap((g, i) => g.payload.buckets.map((b) => k(b, i + 1)));
  const params: SqlValue[] = [
    batches((b) => b.payload.batchId), batches((b) => b.payload.reporter.installId), batches((b) => b.digest),
    batches((b) => b.today), batches((b) => b.payload.buckets.length), batches((b) => b.payload.reporter.team ?? ''),
    buckets((_, n) => n), buckets((b) => b.lastDay), buckets((b) => b.host), buckets((b) => b.category),
    buckets((b) => b.rule), buckets((b) => b.action), buckets((b) => b.count),
  ];
  // One statement: atomic by itself. A batch id it did not insert was already committed
  // (on PostgreSQL, ON CONFLICT waits for a concurrent insert's outcome), so its digest
  // can be read afterwards.
  const stored = new Set((await db.query<{ id: string }>(STORE_SQL, params)).map((r) => r.id));
  const others = group.filter((b) => !stored.has(b.payload.batchId)).map((b) => b.payload.batchId);
  const prev = new Map(others.length
    ? (await db.query<{ id: string; digest: string }>('SELECT batch_id::text AS id, digest FROM batches WHERE batch_id = ANY($1::uuid[])', [others])).map((r) => [r.id, r.digest])
    : []);
  return group.map((b) => (stored.has(b.payload.batchId) ? 'stored' : prev.get(b.payload.batchId) === b.digest ? 'duplicate' : 'conflict'));
}

/** One batch in its own transaction. */
export async function storeBatch(db: Db, p: ReportPayload, digest: string, today: string): Promise<IngestOutcome> {
  return (await storeBatches(db, [{ payload: p, digest, today }]))[0]!;
}

interface Waiting extends CheckedBatch { resolve(o: IngestOutcome): void; reject(e: unknown): void }

/**
 * The group commit in front of storeBatches: `store` resolves once the batch's group
 * committed. At most `parallel` groups are written at once (1 on PGlite, a single
 * connection; a few on a PostgreSQL pool), each of at most `maxBuckets` buckets.
 */
export class IngestQueue {
  private readonly waiting: Waiting[] = [];
  private writing = 0;

  constructor(private readonly db: Db, private readonly parallel = db.kind === 'pglite' ? 1 : 4, private readonly maxBuckets = 5_000) {}

  /** Groups written so far (tests and the bench read it). */
  groups = 0;
  private scheduled = false;

  store(batch: CheckedBatch): Promise<IngestOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ ...batch, resolve, reject });
      this.schedule();
    });
  }

  /**
   * After the I/O callbacks: PGlite runs a statement synchronously, so requests that
   * arrived meanwhile are read and checked only then, and join the next group.
   */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.writing < this.parallel && this.waiting.length) {
      const group = this.take();
      this.writing++;
      this.groups++;
      void this.write(group).finally(() => {
        this.writing--;
        this.schedule();
      });
    }
  }

  /** The next group: oldest first, one batch per batch id (a repeat waits for the next group), bounded in buckets. */
  private take(): Waiting[] {
    const group: Waiting[] = [];
    const ids = new Set<string>();
    let size = 0;
    for (let i = 0; i < this.waiting.length;) {
      const w = this.waiting[i]!;
      const n = w.payload.buckets.length;
      if (group.length && size + n > this.maxBuckets) break;
      if (ids.has(w.payload.batchId)) { i++; continue; }
      ids.add(w.payload.batchId);
      size += n;
      group.push(w);
      this.waiting.splice(i, 1);
    }
    return group;
  }

  private async write(group: Waiting[]): Promise<void> {
    try {
      const outcomes = await storeBatches(this.db, group);
      group.forEach((w, i) => w.resolve(outcomes[i]!));
    } catch (e) {
      if (group.length === 1) return group[0]!.reject(e);
      // one batch must not fail the others: each alone, in its own transaction
      for (const w of group) await storeBatches(this.db, [w]).then(([o]) => w.resolve(o!), w.reject);
    }
  }
}
