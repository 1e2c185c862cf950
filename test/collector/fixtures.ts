/** Report payloads and an in-process collector for the tests. */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServeConfig } from '../../lib/collector/config.ts';
import type { Db } from '../../lib/collector/db.ts';
import { collectorHandler } from '../../lib/collector/server.ts';
import { hashPassword } from '../../lib/collector/secrets.ts';
import { addDays, dayOf } from '../../lib/background/stats/model.ts';
import type { ReportBucket, ReportPayload } from '../../lib/schema/report.ts';

export const INGEST = 'test-ingest-token-0123456789';
export const ADMIN = 'test-admin-token-9876543210';
export const PASSWORD = 'correct horse battery staple';
export const TODAY = dayOf(new Date());

export function bucket(over: Partial<ReportBucket> = {}): ReportBucket {
  return { host: 'crm.example.com', category: 'health', rule: 'fr.health.diabete', action: 'shown', count: 3, firstDay: addDays(TODAY, -1), lastDay: TODAY, ...over };
}

export function report(over: Partial<ReportPayload> = {}, buckets: ReportBucket[] = [bucket()]): ReportPayload {
  const from = buckets.reduce((m, b) => (b.firstDay < m ? b.firstDay : m), buckets[0]?.firstDay ?? TODAY);
  const to = buckets.reduce((m, b) => (b.lastDay > m ? b.lastDay : m), buckets[0]?.lastDay ?? TODAY);
  const now = new Date().toISOString();
  return {
    format: 'crm-note-lint.counts-report', version: 1, batchId: randomUUID(), createdAt: now, sentAt: now, attempt: 1,
    reporter: { installId: randomUUID(), installIdMonth: TODAY.slice(0, 7) },
    period: { from, to }, minCount: 1, heldBackBuckets: 0, buckets, ...over,
  };
}

export function config(over: Partial<ServeConfig> = {}): ServeConfig {
  return {
    host: '127.0.0.1', port: 0, minGroup: 5, retentionDays: 400, keepMonths: 36, maxBodyBytes: 256 * 1024, ratePerMinute: 1000,
    adminToken: ADMIN, ...over,
  };
}

export interface TestServer { url: string; close(): Promise<void> }

export async function serveFor(db: Db, over: Partial<ServeConfig> = {}): Promise<TestServer> {
  const handler = await collectorHandler({ db, config: config(over), ingestToken: INGEST, adminPasswordHash: await hashPassword(PASSWORD) });
  const server: Server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => { server.close(() => r()); server.closeAllConnections(); }) };
}

export function post(base: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export async function getJson<T>(base: string, path: string, token = ADMIN): Promise<{ status: number; body: T }> {
  const r = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: r.status, body: (await r.json()) as T };
}
