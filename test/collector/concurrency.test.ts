/**
 * Ingest and the fold running at the same time (on PostgreSQL: separate connections,
 * real row locks). Ingest marks the days it touches in fold_pending (an upsert that
 * locks each row, in key order); the fold takes every pending row. Were the fold to
 * lock them in the table's physical order, an ingest group updating reporters A < B
 * while the fold had already deleted B and waited on A would deadlock (PostgreSQL then
 * aborts one of them after deadlock_timeout: a failed read or a retried group).
 * The pending rows are written in descending key order first, so their physical order
 * is the reverse of the key order.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../lib/collector/db.ts';
import { foldPending } from '../../lib/collector/fold.ts';
import { storeBatches, type CheckedBatch } from '../../lib/collector/ingest.ts';
import { digestOf } from '../../lib/collector/validate.ts';
import type { ReportPayload } from '../../lib/schema/report.ts';
import { BACKENDS, emptyTables } from './backends.ts';
import { bucket, report, TODAY } from './fixtures.ts';

const REPORTERS = 100;

const checked = (payload: ReportPayload): CheckedBatch => ({ payload, digest: digestOf(payload), today: TODAY });
const batchOf = (installId: string) => checked(report({ reporter: { installId, installIdMonth: TODAY.slice(0, 7) } }, [bucket({ count: 1 })]));
/** Install ids in uuid order (lowercase hex sorts like PostgreSQL's uuid comparison). */
const sortedInstalls = () => Array.from({ length: REPORTERS }, () => randomUUID()).sort();

/** One pending row per reporter, written largest key first (one statement each). */
async function seedDescending(db: Db, installs: string[]): Promise<void> {
  for (const id of [...installs].reverse()) await storeBatches(db, [batchOf(id)]);
}

async function totals(db: Db): Promise<{ counts: number; cells: number; pending: number }> {
  const [c] = await db.query<{ n: string | number }>('SELECT coalesce(sum(count), 0)::int8 AS n FROM counts');
  const [k] = await db.query<{ n: string | number }>(`SELECT coalesce(sum(count), 0)::int8 AS n FROM cells WHERE g = 'd' AND scope = 'o' AND dim = 'a'`);
  const [p] = await db.query<{ n: string | number }>('SELECT count(*)::int8 AS n FROM fold_pending');
  return { counts: Number(c!.n), cells: Number(k!.n), pending: Number(p!.n) };
}

describe.each(BACKENDS)('ingest and fold at once on $name', (backend) => {
  let db: Db;
  let dispose: () => Promise<void>;
  beforeAll(async () => { ({ db, dispose } = await backend.create()); }, 120_000);
  afterAll(async () => { await dispose?.(); });
  beforeEach(async () => { await emptyTables(db); });

  it('groups racing folds all succeed, and the last fold leaves no count outside the cells', async () => {
    const installs = sortedInstalls();
    for (let round = 0; round < 4; round++) {
      await seedDescending(db, installs);
      const [outcomes] = await Promise.all([
        storeBatches(db, installs.map(batchOf)),
        foldPending(db, TODAY),
        new Promise((r) => setTimeout(r, 2)).then(() => foldPending(db, TODAY)),
      ]);
      expect(outcomes).toEqual(Array(REPORTERS).fill('stored'));
    }
    await foldPending(db, TODAY);
    expect(await totals(db)).toEqual({ counts: 8 * REPORTERS, cells: 8 * REPORTERS, pending: 0 });
  }, 120_000);
});

/** Connections of this database waiting for a lock (PostgreSQL's view of who waits). */
async function lockWaits(db: Db): Promise<number> {
  const [r] = await db.query<{ n: string | number }>(`SELECT count(*)::int8 AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
  return Number(r!.n);
}

async function untilLockWaits(db: Db, n: number): Promise<void> {
  const end = Date.now() + 20_000;
  while ((await lockWaits(db)) < n) {
    if (Date.now() > end) throw new Error(`never saw ${n} connections waiting for a lock`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each(BACKENDS.filter((b) => b.name === 'postgres'))('fold meets an ingest midway on $name', (backend) => {
  let db: Db;
  let dispose: () => Promise<void>;
  beforeAll(async () => { ({ db, dispose } = await backend.create()); }, 120_000);
  afterAll(async () => { await dispose?.(); });

  it('an ingest holding the first half of its rows and a fold arriving then both finish', async () => {
    await emptyTables(db);
    const installs = sortedInstalls();
    await seedDescending(db, installs);
    // A third transaction holds the middle reporter's pending row, so the ingest stops
    // there holding the rows before it; the fold then starts, and the row is let go.
    const middle = installs[REPORTERS / 2]!;
    let release!: () => void;
    const released = new Promise<void>((r) => { release = r; });
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => { locked = r; });
    const holder = db.tx(async (q) => {
      await q.query('SELECT 1 FROM fold_pending WHERE day = $1::date AND install_id = $2::uuid FOR UPDATE', [TODAY, middle]);
      locked();
      await released;
    });
    await isLocked;
    const ingest = storeBatches(db, installs.map(batchOf));
    await untilLockWaits(db, 1);
    const fold = foldPending(db, TODAY);
    await untilLockWaits(db, 2);
    release();
    await holder;
    const [stored, folded] = await Promise.allSettled([ingest, fold]);
    expect(stored).toEqual({ status: 'fulfilled', value: Array(REPORTERS).fill('stored') });
    expect(folded.status).toBe('fulfilled');
    await foldPending(db, TODAY);
    expect(await totals(db)).toEqual({ counts: 2 * REPORTERS, cells: 2 * REPORTERS, pending: 0 });
  }, 60_000);
});
