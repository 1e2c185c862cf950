/**
 * Crash safety: a `serve` child is killed with SIGKILL while batches are in flight.
 * After a restart on the same storage, every batch the collector acknowledged (200)
 * is stored in full, and every stored batch has all its counts: no half batch.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite, openPostgres, type Db } from '../../lib/collector/db.ts';
import { BACKENDS } from './backends.ts';
import { bucket, INGEST, report } from './fixtures.ts';
import { killHard, startServe } from './serve-process.ts';
import type { ReportPayload } from '../../lib/schema/report.ts';

const BUCKETS = 40;

function batch(): ReportPayload {
  return report({}, Array.from({ length: BUCKETS }, (_, i) => bucket({ rule: `fr.crash.r${i}`, count: 1 + (i % 3) })));
}

describe.each(BACKENDS)('kill -9 during ingest on $name', (backend) => {
  const dirs: string[] = [];
  afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

  it('loses no acknowledged batch and stores no half batch', { timeout: 600_000 }, async () => {
    let storage: string[];
    let dispose = async () => undefined as void;
    let url: string | undefined;
    if (backend.name === 'pglite') {
      const dir = mkdtempSync(join(tmpdir(), 'cnl-crash-'));
      dirs.push(dir);
      storage = ['--data', join(dir, 'db')];
    } else {
      const made = await backend.create();
      await made.db.close();
      url = made.url!;
      storage = ['--database', url];
      dispose = made.dispose;
    }
    const env = { CRM_NOTE_LINT_INGEST_TOKEN: INGEST, CRM_NOTE_LINT_ADMIN_PASSWORD: 'crash-test-password' };
    const serve = await startServe(storage, env);
    const acked = new Map<string, ReportPayload>();
    const sent: ReportPayload[] = [];
    let killed = false;
    const worker = async () => {
      while (!killed) {
        const p = batch();
        sent.push(p);
        try {
          const r = await fetch(`${serve.url}/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST}` }, body: JSON.stringify(p) });
          if (r.status === 200) acked.set(p.batchId, p);
          else if (!killed) throw new Error(`unexpected ${r.status}: ${await r.text()}`);
        } catch (e) {
          if (!killed) throw e;
        }
      }
    };
    const workers = Array.from({ length: 6 }, worker);
    // let some batches through, then kill in the middle of the stream
    const t0 = Date.now();
    while (acked.size < 25 && Date.now() - t0 < 120_000) await new Promise((r) => setTimeout(r, 20));
    killed = true;
    await killHard(serve);
    await Promise.all(workers);
    expect(acked.size).toBeGreaterThanOrEqual(25);
    expect(sent.length).toBeGreaterThan(acked.size); // some were in flight at the kill

    // restart on the same storage: it must open (recovery) and answer
    const again = await startServe(storage, env);
    expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
    await again.stop();

    const db: Db = backend.name === 'pglite' ? await openPglite(storage[1]!) : await openPostgres(url!);
    try {
      const batches = await db.query<{ batch_id: string; install_id: string }>('SELECT batch_id::text, install_id::text FROM batches');
      const cells = await db.query<{ install_id: string; n: string | number; total: string | number }>('SELECT install_id::text, count(*)::int8 AS n, sum(count)::int8 AS total FROM counts GROUP BY 1');
      const byInstall = new Map(cells.map((c) => [c.install_id, { n: Number(c.n), total: Number(c.total) }]));
      const stored = new Set(batches.map((b) => b.batch_id));
      for (const id of acked.keys()) expect(stored.has(id), `acknowledged batch ${id} lost`).toBe(true);
      const sentById = new Map(sent.map((p) => [p.batchId, p]));
      for (const b of batches) {
        const p = sentById.get(b.batch_id)!;
        expect(byInstall.get(b.install_id), `batch ${b.batch_id} stored without all its counts`).toEqual({ n: BUCKETS, total: p.buckets.reduce((s, x) => s + x.count, 0) });
      }
      // and no counts without their batch
      expect(byInstall.size).toBe(batches.length);
    } finally {
      await db.close();
      await dispose();
    }
  });
});
