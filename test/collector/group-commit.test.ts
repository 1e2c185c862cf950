/**
 * The group commit (lib/collector/ingest.ts): batches arriving together share one
 * transaction, yet each one keeps its own outcome — stored, duplicate (same batchId and
 * counts) or conflict (same batchId, other counts) — a reporter's batches of one day
 * end in one row per cell once folded, and a batch the database refuses fails alone while
 * the rest of its group is stored.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../lib/collector/db.ts';
import { foldPending } from '../../lib/collector/fold.ts';
import { IngestQueue, storeBatches, type CheckedBatch } from '../../lib/collector/ingest.ts';
import { digestOf } from '../../lib/collector/validate.ts';
import type { ReportPayload } from '../../lib/schema/report.ts';
import { BACKENDS, emptyTables, storedCounts } from './backends.ts';
import { bucket, report, TODAY } from './fixtures.ts';

const checked = (payload: ReportPayload): CheckedBatch => ({ payload, digest: digestOf(payload), today: TODAY });

describe.each(BACKENDS)('group commit on $name', (backend) => {
  let db: Db;
  let dispose: () => Promise<void>;
  beforeAll(async () => { ({ db, dispose } = await backend.create()); }, 120_000);
  afterAll(async () => { await dispose?.(); });
  beforeEach(async () => { await emptyTables(db); });

  it('stores a group in one go and tells each batch its own outcome', async () => {
    const first = report();
    await storeBatches(db, [checked(first)]);
    const replay = { ...first, buckets: [bucket({ count: 9 })] };
    const fresh = Array.from({ length: 5 }, () => report());
    const outcomes = await storeBatches(db, [checked(fresh[0]!), checked({ ...first, attempt: 2 }), checked(fresh[1]!), checked(replay), ...fresh.slice(2).map(checked)]);
    expect(outcomes).toEqual(['stored', 'duplicate', 'stored', 'conflict', 'stored', 'stored', 'stored']);
    expect(await storedCounts(db)).toEqual({ batches: 6, cells: 6, total: 18 });
  });

  it("stores one reporter's batches of one group, merged into one row per cell by the fold", async () => {
    const reporter = report().reporter;
    const a = report({ reporter }, [bucket({ count: 2 }), bucket({ rule: 'fr.health.asthme', count: 1 })]);
    const b = report({ reporter }, [bucket({ count: 5 })]);
    expect(await storeBatches(db, [checked(a), checked(b)])).toEqual(['stored', 'stored']);
    // appended as sent, then merged by the fold
    expect(await storedCounts(db)).toEqual({ batches: 2, cells: 3, total: 8 });
    await foldPending(db);
    expect(await storedCounts(db)).toEqual({ batches: 2, cells: 2, total: 8 });
    const [row] = await db.query<{ count: string | number }>(`SELECT count FROM counts WHERE rule = 'fr.health.diabete'`);
    expect(Number(row!.count)).toBe(7);
  });

  it('the queue groups concurrent batches, holds a repeated batchId for the next group, and answers each', async () => {
    const queue = new IngestQueue(db);
    const batches = Array.from({ length: 12 }, () => report());
    const retry = { ...batches[3]!, attempt: 2 };
    const replay = { ...batches[5]!, buckets: [bucket({ count: 7 })] };
    const outcomes = await Promise.all([...batches, retry, replay].map((p) => queue.store(checked(p))));
    expect(outcomes.slice(0, 12)).toEqual(Array(12).fill('stored'));
    expect(outcomes.slice(12)).toEqual(['duplicate', 'conflict']);
    expect(await storedCounts(db)).toEqual({ batches: 12, cells: 12, total: 36 });
    // the 12 batches in one group, the two repeats in the next
    expect(queue.groups).toBe(2);
  });

  it('a batch the database refuses fails alone; the rest of its group is stored', async () => {
    const queue = new IngestQueue(db);
    // bypasses validation: a zero count breaks the counts table's CHECK (count > 0)
    const broken = report({}, [bucket({ count: 0 })]);
    const good = Array.from({ length: 4 }, () => report());
    const settled = await Promise.allSettled([good[0]!, good[1]!, broken, good[2]!, good[3]!].map((p) => queue.store(checked(p))));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(await storedCounts(db)).toEqual({ batches: 4, cells: 4, total: 12 });
    const [b] = await db.query<{ n: string | number }>('SELECT count(*)::int8 AS n FROM batches WHERE batch_id = $1::uuid', [broken.batchId]);
    expect(Number(b!.n)).toBe(0);
  });
});
