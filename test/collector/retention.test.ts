/**
 * Retention and migrations on each backend: daily counts past the retention are
 * added into one row per reporter and month (totals and distinct reporters kept),
 * then deleted (later roll-ups of a month merged into the same rows by the fold);
 * monthly rows past keepMonths go, and with them every trace of their month;
 * migrations apply once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../lib/collector/db.ts';
import { migrate, MIGRATIONS, schemaVersion } from '../../lib/collector/migrations.ts';
import { countsBy } from '../../lib/collector/query.ts';
import { foldPending } from '../../lib/collector/fold.ts';
import { applyRetention } from '../../lib/collector/retention.ts';
import { BACKENDS, emptyTables, storedCounts } from './backends.ts';

async function insertDay(db: Db, day: string, installId: string, count: number, rule = 'fr.health.diabete'): Promise<void> {
  await db.query(
    `INSERT INTO counts (day, granularity, install_id, team, host, category, rule, action, count) VALUES ($1::date, 'd', $2::uuid, 'Ventes', 'crm.example.com', 'health', $3, 'shown', $4)`,
    [day, installId, rule, count],
  );
  // what ingest does in the same transaction: the day's cells are folded again at the next read
  await db.query(`INSERT INTO fold_pending (day, install_id) VALUES ($1::date, $2::uuid) ON CONFLICT DO NOTHING`, [day, installId]);
}

describe.each(BACKENDS)('retention and migrations on $name', (backend) => {
  let db: Db;
  let dispose: () => Promise<void>;
  beforeAll(async () => { ({ db, dispose } = await backend.create()); });
  afterAll(async () => { await dispose?.(); });

  it('applies each migration once, however often it runs', async () => {
    expect(await migrate(db)).toEqual([]);
    expect(await schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
    const rows = await db.query('SELECT version FROM schema_migrations');
    expect(rows).toHaveLength(MIGRATIONS.length);
  });

  it('rolls up days older than the retention by month, then deletes them', async () => {
    await emptyTables(db);
    const a = randomUUID();
    const b = randomUUID();
    // today 2026-06-15, retention 30 days → cutoff 2026-05-16
    await insertDay(db, '2026-04-02', a, 3);
    await insertDay(db, '2026-04-20', a, 4);
    await insertDay(db, '2026-04-21', b, 5);
    await insertDay(db, '2026-05-10', a, 1);
    await insertDay(db, '2026-06-01', a, 2); // kept as a day
    await db.query(`INSERT INTO batches (batch_id, install_id, digest, received_day, buckets) VALUES ($1, $2, 'x', '2026-04-21', 1), ($3, $2, 'y', '2026-06-01', 1)`, [randomUUID(), a, randomUUID()]);
    const before = await countsBy(db, 'category', {}, 1);
    const res = await applyRetention(db, '2026-06-15', 30, 36);
    expect(res).toEqual({ rolledUp: 4, deletedMonths: 0, forgottenBatches: 1 });
    const rows = await db.query<{ day: string; granularity: string; count: string | number }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, granularity, count FROM counts ORDER BY day, granularity, count`);
    expect(rows.map((r) => [r.day, r.granularity, Number(r.count)])).toEqual([
      ['2026-04-01', 'm', 5], ['2026-04-01', 'm', 7], ['2026-05-01', 'm', 1], ['2026-06-01', 'd', 2],
    ]);
    // totals and distinct reporters unchanged by the roll-up
    expect(await countsBy(db, 'category', {}, 1)).toEqual(before);
    expect(await countsBy(db, 'category', { from: '2026-04-01', to: '2026-04-30' }, 2)).toEqual([{ key: 'health', count: 12 }]);
    // running it again changes nothing
    expect(await applyRetention(db, '2026-06-15', 30, 36)).toEqual({ rolledUp: 0, deletedMonths: 0, forgottenBatches: 0 });
    expect(await storedCounts(db)).toMatchObject({ cells: 4, total: 15 });
  });

  it('deletes monthly roll-ups past keepMonths', async () => {
    await emptyTables(db);
    await insertDay(db, '2022-01-10', randomUUID(), 9);
    await insertDay(db, '2026-01-10', randomUUID(), 2);
    const res = await applyRetention(db, '2026-06-15', 30, 36);
    expect(res.rolledUp).toBe(2);
    expect(res.deletedMonths).toBe(1);
    expect(await storedCounts(db)).toMatchObject({ cells: 1, total: 2 });
  });

  it('merges the roll-ups of one month made on different days into one row per cell', async () => {
    await emptyTables(db);
    const a = randomUUID();
    await insertDay(db, '2026-04-02', a, 3);
    await insertDay(db, '2026-04-03', a, 4);
    await applyRetention(db, '2026-05-03', 30, 36); // rolls up 04-02 only
    await applyRetention(db, '2026-05-04', 30, 36); // then 04-03
    expect(await storedCounts(db)).toMatchObject({ cells: 2, total: 7 });
    await foldPending(db, '2026-05-04');
    const rows = await db.query<{ day: string; granularity: string; count: string | number }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, granularity, count FROM counts`);
    expect(rows.map((r) => [r.day, r.granularity, Number(r.count)])).toEqual([['2026-04-01', 'm', 7]]);
    expect(await countsBy(db, 'category', {}, 1)).toEqual([{ key: 'health', count: 7 }]);
  });

  it('leaves no trace of a month past keepMonths once folded: counts, cells, reporters, months', async () => {
    await emptyTables(db);
    await insertDay(db, '2022-01-10', randomUUID(), 9);
    await insertDay(db, '2026-01-10', randomUUID(), 2);
    // folded while the old month was still kept: it has monthly cells and a months row
    await foldPending(db, '2026-06-15');
    const before = await db.query(`SELECT 1 FROM months WHERE month = '2022-01-01'`);
    expect(before).toHaveLength(1);
    await applyRetention(db, '2026-06-15', 30, 36);
    await foldPending(db, '2026-06-15');
    const old = async (table: string, column: string) =>
      Number((await db.query<{ n: string | number }>(`SELECT count(*)::int8 AS n FROM ${table} WHERE ${column} < '2023-06-01'::date`))[0]!.n);
    expect({
      counts: await old('counts', 'day'), cells: await old('cells', 'period'), reporters: await old('period_reporters', 'period'),
      months: await old('months', 'month'), pending: await old('fold_pending', 'day'),
    }).toEqual({ counts: 0, cells: 0, reporters: 0, months: 0, pending: 0 });
    // the kept month is untouched
    expect(await db.query(`SELECT to_char(month, 'YYYY-MM-DD') AS m, folded FROM months`)).toEqual([{ m: '2026-01-01', folded: true }]);
    expect(await countsBy(db, 'category', {}, 1)).toEqual([{ key: 'health', count: 2 }]);
  });
});
