/**
 * POST /v1/reports against each backend: a valid batch is stored once, a
 * duplicate answers 200 and stores nothing more, and every malformed or hostile
 * payload gets its status with nothing stored. Plus auth, CORS, size and flood.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../lib/collector/db.ts';
import { addDays } from '../../lib/background/stats/model.ts';
import { foldPending } from '../../lib/collector/fold.ts';
import { BACKENDS, CI_WITHOUT_PG, dumpTables, emptyTables, storedCounts } from './backends.ts';
import { bucket, INGEST, post, report, serveFor, TODAY, type TestServer } from './fixtures.ts';

it('runs against PostgreSQL on CI (CRM_NOTE_LINT_TEST_PG_URL is set by .ci/run)', () => {
  expect(CI_WITHOUT_PG, 'CI=true but CRM_NOTE_LINT_TEST_PG_URL is missing: the PostgreSQL half of the suite would not run').toBe(false);
});

describe.each(BACKENDS)('ingest on $name', (backend) => {
  let db: Db;
  let srv: TestServer;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await backend.create());
    srv = await serveFor(db, { ratePerMinute: 1000 });
  });
  afterAll(async () => {
    await srv?.close();
    await dispose?.();
  });
  beforeEach(() => emptyTables(db));

  // defined for PostgreSQL only (PGlite has no JIT), so no test is reported skipped
  if (backend.name === 'postgres') {
    it('runs its PostgreSQL sessions without JIT compiling (it cost more than the queries)', async () => {
      const settings = await Promise.all([1, 2, 3].map(() => db.query<{ jit: string }>('SHOW jit')));
      expect(settings.map((r) => r[0]?.jit)).toEqual(['off', 'off', 'off']);
    });
  }

  it('stores a batch in full, and a resent batch (same batchId, higher attempt) only once', async () => {
    const p = report({}, [bucket(), bucket({ action: 'applied', count: 2 }), bucket({ host: 'sales.example.org', category: 'diet', rule: 'fr.diet.menu-hallal', count: 7 })]);
    const r1 = await post(srv.url, p);
    expect(r1.status).toBe(200);
    expect(await r1.json()).toMatchObject({ ok: true, duplicate: false });
    const r2 = await post(srv.url, { ...p, attempt: 2, sentAt: new Date().toISOString() });
    expect(r2.status).toBe(200);
    expect(await r2.json()).toMatchObject({ ok: true, duplicate: true });
    expect(await storedCounts(db)).toEqual({ batches: 1, cells: 3, total: 12 });
  });

  it('appends a reporter\'s batches of one day, which the fold merges into one row per cell', async () => {
    const installId = randomUUID();
    for (let i = 0; i < 3; i++) {
      const r = await post(srv.url, report({ reporter: { installId, installIdMonth: TODAY.slice(0, 7), team: 'Ventes' } }));
      expect(r.status).toBe(200);
    }
    expect(await storedCounts(db)).toEqual({ batches: 3, cells: 3, total: 9 });
    expect(await foldPending(db)).toBe(1);
    expect(await storedCounts(db)).toEqual({ batches: 3, cells: 1, total: 9 });
  });

  it('accepts an empty batch (nothing reached minCount yet)', async () => {
    expect((await post(srv.url, report({}, []))).status).toBe(200);
    expect(await storedCounts(db)).toEqual({ batches: 1, cells: 0, total: 0 });
  });

  const good = () => report();
  const hostile: [string, () => unknown, number][] = [
    ['not JSON', () => '{"format": ', 400],
    ['a JSON array', () => [good()], 400],
    ['wrong format literal', () => ({ ...good(), format: 'other' }), 400],
    ['unknown version', () => ({ ...good(), version: 2 }), 400],
    ['batchId not a UUID', () => ({ ...good(), batchId: 'abc' }), 400],
    ['count as a string', () => report({}, [{ ...bucket(), count: '3' as unknown as number }]), 400],
    ['negative count', () => report({}, [bucket({ count: -4 })]), 400],
    ['zero count', () => report({}, [bucket({ count: 0 })]), 400],
    ['fractional count', () => report({}, [bucket({ count: 1.5 })]), 400],
    ['absurd count', () => report({}, [bucket({ count: 10 ** 12 })]), 400],
    ['unknown category', () => report({}, [{ ...bucket(), category: 'religionz' as never }]), 400],
    ['unknown action', () => report({}, [{ ...bucket(), action: 'typed' as never }]), 400],
    ['rule id with spaces (a sentence)', () => report({}, [bucket({ rule: 'il est diabétique depuis 2010' })]), 400],
    ['host with a path', () => report({}, [bucket({ host: 'crm.example.com/notes/42' })]), 400],
    ['extra field carrying text', () => report({}, [{ ...bucket(), text: 'Le client est diabétique' } as never]), 400],
    ['extra reporter field (an IP)', () => ({ ...good(), reporter: { ...good().reporter, ip: '10.0.0.7' } }), 400],
    ['future day', () => report({}, [bucket({ firstDay: addDays(TODAY, 5), lastDay: addDays(TODAY, 9) })]), 400],
    ['day older than the retention', () => report({}, [bucket({ firstDay: addDays(TODAY, -900), lastDay: addDays(TODAY, -800) })]), 400],
    ['firstDay after lastDay', () => report({ period: { from: addDays(TODAY, -3), to: TODAY } }, [bucket({ firstDay: TODAY, lastDay: addDays(TODAY, -2) })]), 400],
    ['impossible date', () => report({}, [bucket({ firstDay: '2025-02-30', lastDay: '2025-02-30' })]), 400],
    ['same cell twice', () => report({}, [bucket(), bucket()]), 400],
    ['bucket outside the period', () => ({ ...report({}, [bucket()]), period: { from: TODAY, to: TODAY } }), 400],
    ['huge bucket array', () => report({}, Array.from({ length: 6000 }, (_, i) => bucket({ rule: `r${i}` }))), 413],
    ['team label of 10 kB', () => ({ ...good(), reporter: { ...good().reporter, team: 'x'.repeat(10_000) } }), 400],
    ['nested depth bomb', () => `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`, 400],
  ];

  it.each(hostile)('refuses %s (status %i) and stores nothing', async (_name, make, status) => {
    const r = await post(srv.url, make());
    expect(r.status).toBe(status);
    const body = await r.json() as { error: string };
    expect(body.error).toMatch(/\w/);
    expect(await storedCounts(db)).toEqual({ batches: 0, cells: 0, total: 0 });
  });

  it('refuses (409) a replayed batchId with other counts, keeping the first', async () => {
    const p = report();
    expect((await post(srv.url, p)).status).toBe(200);
    const r = await post(srv.url, { ...p, attempt: 2, buckets: [{ ...p.buckets[0]!, count: 300 }] });
    expect(r.status).toBe(409);
    expect(await storedCounts(db)).toEqual({ batches: 1, cells: 1, total: 3 });
  });

  it('answers 401 without the ingest token or with a wrong one, and stores nothing', async () => {
    for (const headers of [{ authorization: '' }, { authorization: 'Bearer wrong-token' }, { authorization: `Basic ${INGEST}` }, { authorization: `Bearer ${INGEST}x` }]) {
      const r = await post(srv.url, report(), headers);
      expect(r.status).toBe(401);
    }
    expect(await storedCounts(db)).toEqual({ batches: 0, cells: 0, total: 0 });
  });

  it('answers 413 past the size cap without reading the rest', async () => {
    const r = await post(srv.url, JSON.stringify({ ...report(), pad: 'x'.repeat(300 * 1024) }));
    expect(r.status).toBe(413);
    expect(await storedCounts(db)).toEqual({ batches: 0, cells: 0, total: 0 });
  });

  it('answers 415 to a body that is not declared JSON', async () => {
    const r = await post(srv.url, JSON.stringify(report()), { 'content-type': 'text/plain' });
    expect(r.status).toBe(415);
  });

  it('answers CORS to extension origins only', async () => {
    const pre = await fetch(`${srv.url}/v1/reports`, { method: 'OPTIONS', headers: { origin: 'chrome-extension://abcdefghijklmnop', 'access-control-request-headers': 'authorization, content-type' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnop');
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const moz = await post(srv.url, report(), { origin: 'moz-extension://0b8f6f7e-2a61-4a4e-9f5e-1b7a3c9d2e10' });
    expect(moz.headers.get('access-control-allow-origin')).toBe('moz-extension://0b8f6f7e-2a61-4a4e-9f5e-1b7a3c9d2e10');
    const web = await fetch(`${srv.url}/v1/reports`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(web.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('stores no client address, header or time finer than the day', async () => {
    const r = await post(srv.url, report({ reporter: { installId: randomUUID(), installIdMonth: TODAY.slice(0, 7), team: 'Ventes Ouest', extensionVersion: '0.1.0' } }), { 'user-agent': 'Mozilla/5.0 UniqueAgent/42', 'x-forwarded-for': '203.0.113.9' });
    expect(r.status).toBe(200);
    const all = await dumpTables(db);
    for (const leak of ['127.0.0.1', '203.0.113.9', 'UniqueAgent', '::1', 'localhost']) expect(all).not.toContain(leak);
  });
});

describe.each(BACKENDS)('flood limit on $name', (backend) => {
  it('answers 429 when one reporter floods, other reporters still accepted', async () => {
    const { db, dispose } = await backend.create();
    const srv = await serveFor(db, { ratePerMinute: 5 });
    try {
      const installId = randomUUID();
      const codes: number[] = [];
      for (let i = 0; i < 8; i++) codes.push((await post(srv.url, report({ reporter: { installId, installIdMonth: TODAY.slice(0, 7) } }))).status);
      expect(codes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(codes.slice(5)).toEqual([429, 429, 429]);
      expect((await post(srv.url, report())).status).toBe(200);
      expect((await storedCounts(db)).batches).toBe(6);
    } finally {
      await srv.close();
      await dispose();
    }
  }, 120_000); // opens its own database: PGlite takes seconds, more on a loaded machine
});
