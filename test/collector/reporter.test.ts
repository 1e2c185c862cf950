/**
 * The extension's own reporter (ReportingService) posting to a real collector: the
 * policy's reporting.token goes out as `Authorization: Bearer`, the batch is
 * stored once, and without the token the batch stays in the outbox for a retry.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { makeStats } from '../background/fake-background.ts';
import { policySchema } from '../../lib/schema/policy.ts';
import type { Db } from '../../lib/collector/db.ts';
import { countsBy } from '../../lib/collector/query.ts';
import { BACKENDS, emptyTables, storedCounts } from './backends.ts';
import { INGEST, serveFor, type TestServer } from './fixtures.ts';

const backend = BACKENDS[0]!;

describe('extension reporter → collector', () => {
  let db: Db;
  let srv: TestServer;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await backend.create());
    srv = await serveFor(db, { minGroup: 1 });
  });
  afterAll(async () => {
    await srv?.close();
    await dispose?.();
  });
  beforeEach(async () => {
    fakeBrowser.reset();
    await emptyTables(db);
  });

  // The extension's counting and reporting services, as the background builds them.
  const service = () => {
    const { stats, reporting } = makeStats({ alarms: null });
    return Object.assign(reporting, { recordEvents: stats.recordEvents.bind(stats), snapshot: stats.snapshot.bind(stats) });
  };
  const events = [{ category: 'health', rule: 'fr.health.diabete', action: 'shown' }, { category: 'health', rule: 'fr.health.diabete', action: 'applied' }];

  it('the policy accepts reporting.token, and the reporter sends it as a bearer token', async () => {
    const policy = policySchema.parse({ reporting: { endpoint: `${srv.url}/v1/reports`, minCount: 1, token: INGEST, teamLabel: 'Ventes' } });
    const svc = service();
    await svc.configure(policy.reporting);
    await svc.recordEvents('crm.example.com', events);
    const r = await svc.report(true);
    expect(r.outcome).toBe('sent');
    expect(await storedCounts(db)).toEqual({ batches: 1, cells: 2, total: 2 });
    expect(await countsBy(db, 'team', {}, 1)).toEqual([{ key: 'Ventes', count: 2 }]);
    // the token is not part of what the dashboard shows about reporting
    expect(JSON.stringify((await svc.snapshot()).reporting)).not.toContain(INGEST);
  });

  it('without the token the collector answers 401 and the batch waits in the outbox', async () => {
    const svc = service();
    await svc.configure({ endpoint: `${srv.url}/v1/reports`, minCount: 1 });
    await svc.recordEvents('crm.example.com', events);
    const r = await svc.report(true);
    expect(r.outcome).toBe('failed');
    expect((await svc.status()).outbox?.lastError).toBe('HTTP 401');
    expect(await storedCounts(db)).toEqual({ batches: 0, cells: 0, total: 0 });
    await svc.configure({ endpoint: `${srv.url}/v1/reports`, minCount: 1, token: INGEST });
    expect((await svc.report(true)).outcome).toBe('sent');
    expect(await storedCounts(db)).toEqual({ batches: 1, cells: 2, total: 2 });
  });

  it('refuses a policy token with spaces or too short', () => {
    expect(policySchema.safeParse({ reporting: { endpoint: 'https://c.example.com/v1/reports', token: 'has space in it' } }).success).toBe(false);
    expect(policySchema.safeParse({ reporting: { endpoint: 'https://c.example.com/v1/reports', token: 'short' } }).success).toBe(false);
  });
});
