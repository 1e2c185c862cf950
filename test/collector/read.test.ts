/**
 * The read side on each backend: /v1/counts, /v1/summary and /v1/export with the
 * minimum-group rule (a cell from fewer than N distinct reporters is never a
 * number, in JSON or CSV), the admin bearer, the dashboard sign-in and session
 * cookie, and the SSO header mode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../lib/collector/db.ts';
import type { OrgSummary } from '../../lib/collector/summary.ts';
import { addDays } from '../../lib/background/stats/model.ts';
import { BACKENDS, emptyTables } from './backends.ts';
import { ADMIN, bucket, getJson, PASSWORD, post, report, serveFor, TODAY, type TestServer } from './fixtures.ts';

type Rows = { by: string; minGroup: number; rows: ({ key: string; count: number } | { key: string; count: null; below: number })[] };

const month = TODAY.slice(0, 7);
const reporter = (team?: string) => ({ installId: randomUUID(), installIdMonth: month, ...(team ? { team } : {}) });

describe.each(BACKENDS)('read API on $name', (backend) => {
  let db: Db;
  let srv: TestServer;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await backend.create());
    await emptyTables(db);
    srv = await serveFor(db, { minGroup: 3 });
    // health: 4 reporters (shown) → visible; diet: 2 reporters → masked; one team of 1.
    for (let i = 0; i < 4; i++) {
      const bs = [bucket({ count: 2 }), ...(i < 2 ? [bucket({ category: 'diet', rule: 'fr.diet.menu-hallal', count: 5 })] : [])];
      expect((await post(srv.url, report({ reporter: reporter(i === 0 ? 'Solo' : 'Ventes') }, bs))).status).toBe(200);
    }
    expect((await post(srv.url, report({ reporter: reporter('Ventes') }, [bucket({ action: 'applied', count: 1, firstDay: addDays(TODAY, -20), lastDay: addDays(TODAY, -20) })]))).status).toBe(200);
  });
  afterAll(async () => {
    await srv?.close();
    await dispose?.();
  });

  it('groups by category with cells under the group size masked', async () => {
    const { status, body } = await getJson<Rows>(srv.url, '/v1/counts?by=category&action=shown');
    expect(status).toBe(200);
    expect(body.minGroup).toBe(3);
    expect(body.rows).toEqual([{ key: 'health', count: 8 }, { key: 'diet', count: null, below: 3 }]);
  });

  it('groups by team, rule, site, week and action', async () => {
    const team = await getJson<Rows>(srv.url, '/v1/counts?by=team');
    expect(team.body.rows).toEqual([{ key: 'Ventes', count: 12 }, { key: 'Solo', count: null, below: 3 }]);
    const rule = await getJson<Rows>(srv.url, `/v1/counts?by=rule&from=${TODAY}&to=${TODAY}`);
    expect(rule.body.rows).toEqual([{ key: 'fr.health.diabete', count: 8 }, { key: 'fr.diet.menu-hallal', count: null, below: 3 }]);
    const site = await getJson<Rows>(srv.url, '/v1/counts?by=site');
    expect(site.body.rows).toEqual([{ key: 'crm.example.com', count: 19 }]);
    const action = await getJson<Rows>(srv.url, '/v1/counts?by=action');
    expect(action.body.rows).toEqual([{ key: 'shown', count: 18 }, { key: 'applied', count: null, below: 3 }]);
    const week = await getJson<Rows>(srv.url, '/v1/counts?by=week&action=shown');
    expect(week.body.rows).toHaveLength(1);
    expect(week.body.rows[0]!.key).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('filters by date range and team', async () => {
    const old = await getJson<Rows>(srv.url, `/v1/counts?by=action&to=${addDays(TODAY, -10)}`);
    expect(old.body.rows).toEqual([{ key: 'applied', count: null, below: 3 }]);
    const ventes = await getJson<Rows>(srv.url, '/v1/counts?by=category&team=Ventes&action=shown');
    expect(ventes.body.rows).toEqual([{ key: 'health', count: 6 }, { key: 'diet', count: null, below: 3 }]);
  });

  it('writes "< N" in CSV for a masked cell, never its number', async () => {
    const r = await fetch(`${srv.url}/v1/counts?by=category&action=shown&format=csv`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(r.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await r.text();
    expect(text).toBe('key,count\r\nhealth,8\r\ndiet,< 3\r\n');
    const ex = await fetch(`${srv.url}/v1/export?format=csv`, { headers: { authorization: `Bearer ${ADMIN}` } });
    const csv = await ex.text();
    expect(csv.split('\r\n')[0]).toBe('week,team,site,category,rule,action,count');
    expect(csv).toContain('< 3');
    expect(csv).not.toMatch(/menu-hallal,shown,10/);
    const js = await getJson<{ rows: { count: number | null; below?: number }[] }>(srv.url, '/v1/export?format=json');
    expect(js.body.rows.length).toBeGreaterThan(0);
    for (const row of js.body.rows) expect(row.count === null ? row.below : 'shown').toBeTruthy();
  });

  it('builds the dashboard summary with masking everywhere', async () => {
    const { body } = await getJson<OrgSummary & { labels: Record<string, unknown> }>(srv.url, '/v1/summary');
    expect(body.hasData).toBe(true);
    expect(body.reporters).toBe(5);
    expect(body.totals.shown).toBe(18);
    expect(body.totals.applied).toBeNull();
    expect(body.byCategory.map((c) => [c.category, c.counts.shown])).toEqual([['health', 8], ['diet', null]]);
    expect(body.topRules.map((r) => [r.rule, r.counts.shown])).toEqual([['fr.health.diabete', 8], ['fr.diet.menu-hallal', null]]);
    expect(body.byTeam.map((t) => [t.team, t.counts.shown])).toEqual([['Ventes', 11], ['Solo', null]]);
    expect(body.teams).toEqual(['Solo', 'Ventes']);
    expect(body.fixedShare).toBeNull(); // applied is masked: no share computed from it
    const solo = await getJson<OrgSummary>(srv.url, '/v1/summary?team=Solo');
    expect(solo.body.reporters).toBeNull();
    expect(JSON.stringify(solo.body.totals)).not.toMatch(/:(2|5|7)\b/);
  });

  it('answers an empty summary for a range without counts', async () => {
    const { body } = await getJson<OrgSummary>(srv.url, `/v1/summary?from=2001-01-01&to=2001-12-31`);
    expect(body.hasData).toBe(false);
  });

  it('refuses bad parameters with 400 and a reason', async () => {
    for (const q of ['by=user', 'from=2025-13-01', 'from=2025-05-02&to=2025-05-01', 'action=typed', 'format=xml']) {
      const r = await getJson<{ error: string }>(srv.url, `/v1/counts?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error).toMatch(/\w/);
    }
  });

  it('needs the admin token: the ingest token, no token or a wrong one get 401', async () => {
    for (const t of ['test-ingest-token-0123456789', 'nope', '']) {
      expect((await getJson(srv.url, '/v1/counts?by=category', t)).status).toBe(401);
    }
    expect((await fetch(`${srv.url}/`, { redirect: 'manual' })).status).toBe(303);
  });

  it('signs in with the password: HttpOnly SameSite session cookie, then the dashboard and its API', async () => {
    const wrong = await fetch(`${srv.url}/login`, { method: 'POST', body: new URLSearchParams({ password: 'nope' }), redirect: 'manual' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const cross = await fetch(`${srv.url}/login`, { method: 'POST', body: new URLSearchParams({ password: PASSWORD }), redirect: 'manual', headers: { origin: 'https://evil.example' } });
    expect(cross.status).toBe(403);
    const ok = await fetch(`${srv.url}/login`, { method: 'POST', body: new URLSearchParams({ password: PASSWORD }), redirect: 'manual' });
    expect(ok.status).toBe(303);
    const cookie = ok.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^cnl_session=[\w-]{20,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const session = cookie.split(';')[0]!;
    const page = await fetch(`${srv.url}/`, { headers: { cookie: session } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect((await fetch(`${srv.url}/v1/summary`, { headers: { cookie: session } })).status).toBe(200);
    const js = await fetch(`${srv.url}/assets/dashboard.js`);
    expect(js.status).toBe(200);
    expect((await js.text()).length).toBeGreaterThan(1000);
    // the session is stored hashed: the cookie value is not in the database
    const stored = JSON.stringify(await db.query('SELECT * FROM sessions'));
    expect(stored).not.toContain(session.split('=')[1]!);
    await fetch(`${srv.url}/logout`, { method: 'POST', headers: { cookie: session }, redirect: 'manual' });
    expect((await fetch(`${srv.url}/v1/summary`, { headers: { cookie: session } })).status).toBe(401);
  });

  it('SSO header mode trusts the proxy header and turns the password sign-in off', async () => {
    const sso = await serveFor(db, { minGroup: 3, authHeader: 'x-forwarded-user' });
    try {
      expect((await fetch(`${sso.url}/v1/summary`, { headers: { 'x-forwarded-user': 'alice@example.com' } })).status).toBe(200);
      expect((await fetch(`${sso.url}/v1/summary`)).status).toBe(401);
      expect((await fetch(`${sso.url}/v1/summary`, { headers: { 'x-forwarded-user': ' ' } })).status).toBe(401);
      expect((await fetch(`${sso.url}/login`, { method: 'POST', body: new URLSearchParams({ password: PASSWORD }) })).status).toBe(404);
    } finally {
      await sso.close();
    }
  });
});
