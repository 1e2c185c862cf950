/**
 * The collector's HTTP server (node:http or node:https): ingest, read API,
 * health, and the dashboard with its sign-in. Holds no state that matters in
 * memory (counts, batch ids, sessions and secrets live in the database), so several
 * instances can share one PostgreSQL behind a load balancer.
 * Never logs or stores a client address.
 */
import { createServer as createHttp, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dayOf, isValidDay } from '../background/stats/model.ts';
import type { ServeConfig } from './config.ts';
import type { Db } from './db.ts';
import { countsCsv, exportCsv, exportRows } from './export.ts';
import { corsHeaders, cookiesOf, extensionOrigin, HttpError, isSecureRequest, json, readBody, send } from './http.ts';
import { IngestQueue } from './ingest.ts';
import { labelsFor } from './labels.ts';
import type { Filter } from './cells.ts';
import { countsBy, GROUP_BY, isAction, type GroupBy } from './query.ts';
import { RateLimiter } from './rate-limit.ts';
import { bearerOf, createSession, endSession, sameSecret, SESSION_HOURS, validSession, verifyPassword } from './secrets.ts';
import { orgSummary } from './summary.ts';
import { checkReport } from './validate.ts';
import { dashboardAssets, dashboardHtml, loginHtml, type DashboardAssets } from './dashboard/page.ts';

export interface CollectorDeps {
  db: Db;
  config: ServeConfig;
  ingestToken: string;
  adminPasswordHash: string;
  now?: () => Date;
}

const SESSION_COOKIE = 'cnl_session';

export interface RunningCollector { server: Server; url: string; close(): Promise<void> }

export async function startCollector(deps: CollectorDeps): Promise<RunningCollector> {
  const handler = await collectorHandler(deps);
  const { config } = deps;
  const server = config.cert && config.key
    ? createHttps({ cert: readFileSync(config.cert), key: readFileSync(config.key) }, handler)
    : createHttp(handler);
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    server,
    url: `${config.cert ? 'https' : 'http'}://${host}:${port}/`,
    close: () => new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); }),
  };
}

export async function collectorHandler(deps: CollectorDeps): Promise<(req: IncomingMessage, res: ServerResponse) => void> {
  const { db, config } = deps;
  const now = deps.now ?? (() => new Date());
  const reporters = new RateLimiter(config.ratePerMinute, Math.max(config.ratePerMinute, 5));
  const logins = new RateLimiter(10);
  // Batches arriving together are written in one transaction (group commit, ingest.ts).
  const batches = new IngestQueue(db);
  let assets: DashboardAssets | undefined;
  const getAssets = async () => (assets ??= await dashboardAssets());
  // Bundle now, not on the first visit (errors surface on that visit).
  void getAssets().catch(() => undefined);

  const isAdmin = async (req: IncomingMessage): Promise<boolean> => {
    const bearer = bearerOf(req.headers.authorization);
    if (bearer) return !!config.adminToken && sameSecret(bearer, config.adminToken);
    if (config.authHeader) return typeof req.headers[config.authHeader] === 'string' && (req.headers[config.authHeader] as string).trim() !== '';
    return validSession(db, cookiesOf(req)[SESSION_COOKIE]);
  };

  const filterOf = (u: URL): Filter => {
    const f: Filter = {};
    for (const k of ['from', 'to'] as const) {
      const v = u.searchParams.get(k);
      if (v === null || v === '') continue;
      if (!isValidDay(v)) throw new HttpError(400, `${k} must be a day YYYY-MM-DD`);
      f[k] = v;
    }
    if (f.from && f.to && f.from > f.to) throw new HttpError(400, 'from is after to');
    const team = u.searchParams.get('team');
    if (team !== null && team !== '*') f.team = team;
    const action = u.searchParams.get('action');
    if (action !== null && action !== '') {
      if (!isAction(action)) throw new HttpError(400, `action must be one of the count actions`);
      f.action = action;
    }
    return f;
  };

  const ingest = async (req: IncomingMessage, res: ServerResponse) => {
    const cors = corsHeaders(extensionOrigin(req));
    const token = bearerOf(req.headers.authorization);
    if (!token || !sameSecret(token, deps.ingestToken)) {
      req.resume();
      return json(res, 401, { error: 'missing or wrong ingest token (Authorization: Bearer …)' }, { ...cors, 'www-authenticate': 'Bearer' });
    }
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      req.resume();
      return json(res, 415, { error: 'content-type must be application/json' }, cors);
    }
    const body = await readBody(req, config.maxBodyBytes);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return json(res, 400, { error: 'body is not JSON' }, cors);
    }
    const today = dayOf(now());
    const checked = checkReport(parsed, today, config.retentionDays);
    if (!checked.ok) return json(res, checked.status, { error: checked.reason }, cors);
    if (!reporters.take(checked.payload.reporter.installId)) {
      return json(res, 429, { error: 'too many reports from this reporter' }, { ...cors, 'retry-after': '60' });
    }
    const outcome = await batches.store({ payload: checked.payload, digest: checked.digest, today });
    if (outcome === 'conflict') return json(res, 409, { error: 'batchId already stored with other counts; nothing stored' }, cors);
    return json(res, 200, { ok: true, batchId: checked.payload.batchId, duplicate: outcome === 'duplicate' }, cors);
  };

  const readApi = async (path: string, u: URL, req: IncomingMessage, res: ServerResponse) => {
    if (!(await isAdmin(req))) return json(res, 401, { error: 'admin token or dashboard session required' }, { 'www-authenticate': 'Bearer' });
    const f = filterOf(u);
    const format = u.searchParams.get('format') ?? 'json';
    if (format !== 'json' && format !== 'csv') throw new HttpError(400, 'format must be json or csv');
    const stamp = `${f.from ?? 'start'}_${f.to ?? dayOf(now())}`;
    if (path === '/v1/counts') {
      const by = u.searchParams.get('by') ?? 'category';
      if (!(GROUP_BY as readonly string[]).includes(by)) throw new HttpError(400, `by must be one of ${GROUP_BY.join(', ')}`);
      const rows = await countsBy(db, by as GroupBy, f, config.minGroup);
      if (format === 'csv') return send(res, 200, countsCsv(rows), 'text/csv; charset=utf-8', { 'content-disposition': `attachment; filename="crm-note-lint-${by}-${stamp}.csv"` });
      return json(res, 200, { by, minGroup: config.minGroup, rows });
    }
    if (path === '/v1/export') {
      const rows = await exportRows(db, f, config.minGroup);
      if (format === 'csv') return send(res, 200, exportCsv(rows), 'text/csv; charset=utf-8', { 'content-disposition': `attachment; filename="crm-note-lint-counts-${stamp}.csv"` });
      return json(res, 200, { minGroup: config.minGroup, rows }, { 'content-disposition': `attachment; filename="crm-note-lint-counts-${stamp}.json"` });
    }
    const summary = await orgSummary(db, f, config.minGroup);
    const ids = new Set([...summary.topRules.map((r) => r.rule), ...summary.fieldsSeen.map((r) => r.rule)]);
    return json(res, 200, { ...summary, today: dayOf(now()), labels: labelsFor(ids) });
  };

  const login = async (req: IncomingMessage, res: ServerResponse) => {
    if (config.authHeader) return json(res, 404, { error: 'password sign-in is off (SSO header mode)' });
    if (!sameOrigin(req)) return json(res, 403, { error: 'cross-site sign-in refused' });
    if (!logins.take('login')) return send(res, 429, loginHtml(req, 'rate'), 'text/html; charset=utf-8', { ...pageHeaders, 'retry-after': '60' });
    const form = new URLSearchParams((await readBody(req, 4096)).toString('utf8'));
    const ok = await verifyPassword(form.get('password') ?? '', deps.adminPasswordHash);
    if (!ok) return send(res, 401, loginHtml(req, 'wrong'), 'text/html; charset=utf-8', pageHeaders);
    const token = await createSession(db);
    const secure = isSecureRequest(req) || !isLoopback(req) ? '; Secure' : '';
    res.writeHead(303, { location: '/', 'set-cookie': `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_HOURS * 3600}${secure}`, 'cache-control': 'no-store' });
    res.end();
  };

  return (req, res) => {
    const u = new URL(req.url ?? '/', 'http://collector.invalid');
    const path = u.pathname;
    const route = async () => {
      if (path === '/healthz' && req.method === 'GET') {
        await db.query('SELECT 1');
        return json(res, 200, { ok: true, storage: db.kind });
      }
      if (path === '/v1/reports') {
        if (req.method === 'OPTIONS') return send(res, 204, '', 'text/plain', corsHeaders(extensionOrigin(req)));
        if (req.method === 'POST') return ingest(req, res);
        return json(res, 405, { error: 'POST only' }, { allow: 'POST, OPTIONS' });
      }
      if (['/v1/counts', '/v1/summary', '/v1/export'].includes(path)) {
        if (req.method !== 'GET') return json(res, 405, { error: 'GET only' }, { allow: 'GET' });
        return readApi(path, u, req, res);
      }
      if (path === '/login' && req.method === 'POST') return login(req, res);
      if (path === '/logout' && req.method === 'POST') {
        if (!sameOrigin(req)) return json(res, 403, { error: 'cross-site request refused' });
        await endSession(db, cookiesOf(req)[SESSION_COOKIE]);
        res.writeHead(303, { location: '/login', 'set-cookie': `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0` });
        return void res.end();
      }
      if (path === '/login' && req.method === 'GET') return send(res, 200, loginHtml(req), 'text/html; charset=utf-8', pageHeaders);
      if (path === '/assets/dashboard.js' && req.method === 'GET') return send(res, 200, (await getAssets()).js, 'text/javascript; charset=utf-8', pageHeaders);
      if (path === '/' && req.method === 'GET') {
        if (!(await isAdmin(req))) { res.writeHead(303, { location: '/login' }); return void res.end(); }
        return send(res, 200, dashboardHtml(req, !config.authHeader), 'text/html; charset=utf-8', pageHeaders);
      }
      return json(res, 404, { error: 'not found' });
    };
    route().catch((e: unknown) => {
      if (e instanceof HttpError) return json(res, e.status, { error: e.message }, path === '/v1/reports' ? corsHeaders(extensionOrigin(req)) : {});
      console.error(`[collector] ${req.method} ${path}: ${(e as Error)?.stack ?? String(e)}`);
      json(res, 500, { error: 'internal error; nothing was stored' });
    });
  };
}

const pageHeaders = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  // not no-referrer: with it Chromium sends "Origin: null" on the sign-in form, which sameOrigin() refuses
  'referrer-policy': 'same-origin',
};

function isLoopback(req: IncomingMessage): boolean {
  const a = req.socket.localAddress ?? '';
  return a === '127.0.0.1' || a === '::1' || a === '::ffff:127.0.0.1';
}

/** A form POST must come from the dashboard's own origin (with SameSite=Strict, a CSRF guard). */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true; // non-browser clients send none
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
