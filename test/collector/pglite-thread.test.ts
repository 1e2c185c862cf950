/**
 * PGlite in a worker thread (lib/collector/pglite-thread.ts, `openPglite(dir, { thread: true })`):
 * statements, a committed and a rolled-back transaction, the database's errors with their
 * SQLSTATE code, a group of batches stored through it, and a folder reopened after close.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite } from '../../lib/collector/db.ts';
import { migrate } from '../../lib/collector/migrations.ts';
import { storeBatches } from '../../lib/collector/ingest.ts';
import { digestOf } from '../../lib/collector/validate.ts';
import { storedCounts } from './backends.ts';
import { report, TODAY } from './fixtures.ts';

describe('PGlite in a worker thread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cnl-thread-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs statements and transactions, passes errors back, and keeps what it committed', async () => {
    const db = await openPglite(join(dir, 'db'), { thread: true });
    try {
      await migrate(db);
      const batches = Array.from({ length: 3 }, () => report());
      expect(await storeBatches(db, batches.map((payload) => ({ payload, digest: digestOf(payload), today: TODAY })))).toEqual(['stored', 'stored', 'stored']);
      await db.tx(async (q) => { await q.query(`INSERT INTO settings (key, value) VALUES ('kept', '1')`); });
      await expect(db.tx(async (q) => {
        await q.query(`INSERT INTO settings (key, value) VALUES ('dropped', '1')`);
        throw new Error('changed my mind');
      })).rejects.toThrow('changed my mind');
      await expect(db.query('SELECT * FROM no_such_table')).rejects.toMatchObject({ code: '42P01' });
      expect((await db.query<{ key: string }>('SELECT key FROM settings ORDER BY 1')).map((r) => r.key)).toEqual(['kept']);
    } finally {
      await db.close();
    }
    const again = await openPglite(join(dir, 'db'), { thread: true });
    try {
      expect(await storedCounts(again)).toEqual({ batches: 3, cells: 3, total: 9 });
    } finally {
      await again.close();
    }
  }, 240_000);
});
