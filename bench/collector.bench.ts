/**
 * Collector throughput on loopback, bounded: ingest of reports of 50 buckets each
 * (reports/s and p50/p99 latency per request, 8 concurrent senders, real HTTP and
 * the server's full path: auth, zod validation, group commit), then the dashboard
 * summary over one year of 1,000 reporters (install ids rotate monthly: 12,000 of
 * them, ~520k stored rows), read from the folded cells both when nothing is pending
 * and right after a new report (the read folds first).
 * The data is shaped like an organisation's (bench/collector-payloads.ts): each rule id
 * belongs to one category, 120 rules, 20 teams, 5 CRM sites.
 * The senders run in their own process (bench/collector-client.ts), as browsers do, so
 * the CPU time of this process is the server's alone: HTTP, validation and PGlite.
 * Baselines in the same run: for ingest, the same HTTP path answering after validation
 * without storing, and validation alone (JSON.parse + zod + checks) in this process; for the summary, the same groupings computed from the raw counts in
 * one scan (what the summary did before migration 2).
 * Runs on the embedded PGlite (a data folder, like `serve --data`; its ingest also with
 * PGlite in a worker thread, interleaved, for comparison) and on PostgreSQL
 * when CRM_NOTE_LINT_TEST_PG_URL is set. Fails under the issue's targets: ≥ 500
 * reports/s, p99 ≤ 50 ms, summary ≤ 300 ms.
 *   npm run bench:collector     (BENCH_REPORTS=2000 to change the ingest count,
 *                                BENCH_PART=ingest or summary for one part only,
 *                                BENCH_DB=postgres for PostgreSQL only, BENCH_THREAD=0 to skip
 *                                the same-run trial of PGlite in a worker thread)
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openPglite, openPostgres, type Db } from '../lib/collector/db.ts';
import { migrate } from '../lib/collector/migrations.ts';
import { collectorHandler } from '../lib/collector/server.ts';
import { foldPending } from '../lib/collector/fold.ts';
import { storeBatch } from '../lib/collector/ingest.ts';
import { orgSummary } from '../lib/collector/summary.ts';
import type { ReportPayload } from '../lib/schema/report.ts';
import { checkReport } from '../lib/collector/validate.ts';
import type { ServeConfig } from '../lib/collector/config.ts';
import { CATEGORY_IDS } from '../lib/categories.ts';
import { addDays, COUNT_ACTIONS, dayOf } from '../lib/background/stats/model.ts';
import { BENCH_RULES, BENCH_SITES, BENCH_TEAMS, benchPayload } from './collector-payloads.ts';

const REPORTS = Number(process.env.BENCH_REPORTS ?? 2000);
const PART = process.env.BENCH_PART ?? 'all';
const CONCURRENCY = 8;
const TOKEN = 'bench-ingest-token-0123456789';
const TODAY = dayOf(new Date());
const config: ServeConfig = { host: '127.0.0.1', port: 0, minGroup: 5, retentionDays: 400, keepMonths: 36, maxBodyBytes: 1 << 20, ratePerMinute: 1_000_000 };

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/reports`, server };
}

/** The previous version's summary query: every grouping straight from the counts (the baseline). */
async function rawSummary(db: Db, f: { from: string; to: string }): Promise<number> {
  const rows = await db.query(
    `SELECT GROUPING(category, rule, host, team, wk)::int AS s, sum(count)::int8 AS n, count(DISTINCT install_id)::int8 AS r
     FROM (SELECT category, rule, host, team, action, count, install_id, to_char(date_trunc('week', day), 'YYYY-MM-DD') AS wk FROM counts WHERE day BETWEEN $1::date AND $2::date) c
     GROUP BY GROUPING SETS ((action), (category, action), (wk, action), (rule, category, action), (host, action), (team, action), (rule, category, host, action), ())`,
    [f.from, f.to],
  );
  return rows.length;
}

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!; };

interface Drive { perSec: number; p50: number; p99: number; serverCpuMs: number; clientCpuMs: number }

/** Sends n reports from the client process; this process's CPU time meanwhile is the server's. */
async function drive(url: string, n: number): Promise<Drive> {
  const c0 = process.cpuUsage();
  const out = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, [...process.execArgv, join(import.meta.dirname, 'collector-client.ts'), url, TOKEN, String(n), String(CONCURRENCY), TODAY],
      { maxBuffer: 1 << 20 }, (e, stdout, stderr) => (e ? reject(new Error(`${e.message}\n${stderr}`)) : resolve(stdout)));
  });
  const cpu = process.cpuUsage(c0);
  const r = JSON.parse(out.trim().split('\n').pop()!) as { perSec: number; p50: number; p99: number; cpuMs: number };
  return { perSec: r.perSec, p50: r.p50, p99: r.p99, serverCpuMs: (cpu.user + cpu.system) / 1000 / n, clientCpuMs: r.cpuMs / n };
}

/** One year of 1,000 reporters: on 2 days a week each sends 5 cells (server-side generate_series), rules in one category each. */
async function seedYear(db: Db): Promise<number> {
  await db.query('TRUNCATE counts, batches, cells, period_reporters, fold_pending, months');
  const cats = `ARRAY[${CATEGORY_IDS.map((c) => `'${c}'`).join(',')}]`;
  const acts = `ARRAY[${COUNT_ACTIONS.map((a) => `'${a}'`).join(',')}]`;
  await db.query(`
    INSERT INTO counts (day, granularity, install_id, team, host, category, rule, action, count)
    SELECT d::date, 'd', md5(r::text || to_char(d, 'YYYY-MM'))::uuid, 'team-' || (r % ${BENCH_TEAMS}), 'crm' || ((r + c) % ${BENCH_SITES}) || '.example.com',
           (${cats})[1 + ((r * 7 + c * 13) % ${BENCH_RULES}) % ${CATEGORY_IDS.length}], 'fr.bench.rule-' || ((r * 7 + c * 13) % ${BENCH_RULES}),
           (${acts})[1 + (c + extract(doy FROM d)::int) % ${COUNT_ACTIONS.length}], 1 + (r + c) % 9
    FROM generate_series(1, 1000) r, generate_series($1::date, $2::date, interval '1 day') d, generate_series(1, 5) c
    WHERE (r + extract(doy FROM d)::int) % 7 IN (0, 3)
    ON CONFLICT DO NOTHING`, [addDays(TODAY, -364), TODAY]);
  // seeded behind ingest's back: mark every day for the fold, as migration 2 does for older data
  await db.query(`INSERT INTO fold_pending (day, install_id) SELECT DISTINCT day, install_id FROM counts`);
  await db.query('ANALYZE counts');
  const [n] = await db.query<{ n: string | number }>('SELECT count(*)::int8 AS n FROM counts');
  return Number(n!.n);
}

async function benchIngest(name: string, db: Db): Promise<boolean> {
  const handler = await collectorHandler({ db, config, ingestToken: TOKEN, adminPasswordHash: '' });
  const { url, server } = await listen(handler);
  // baseline: same HTTP path, validated, not stored
  const { url: baseUrl, server: baseServer } = await listen((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const ok = checkReport(JSON.parse(Buffer.concat(chunks).toString('utf8')), TODAY, 400).ok;
      res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  try {
    // validation alone, in this process: JSON.parse, the zod schema, then validate.ts's own checks
    const bodies = Array.from({ length: 1000 }, (_, i) => benchPayload(i, TODAY));
    for (const b of bodies.slice(0, 100)) checkReport(JSON.parse(b), TODAY, 400);
    const v0 = process.cpuUsage();
    for (const b of bodies) checkReport(JSON.parse(b), TODAY, 400);
    const v = process.cpuUsage(v0);
    const validateMs = (v.user + v.system) / 1000 / bodies.length;
    await drive(url, 100); // warm-up
    const base = await drive(baseUrl, Math.min(REPORTS, 1000));
    const ing = await drive(url, REPORTS);
    const ok = ing.perSec >= 500 && ing.p99 <= 50;
    console.log(`${name.padEnd(10)} ingest ${ing.perSec.toFixed(0).padStart(6)} reports/s (50 buckets each; baseline without storing ${base.perSec.toFixed(0)}/s, ratio ${(ing.perSec / base.perSec).toFixed(2)})  p50 ${ing.p50.toFixed(1)} ms  p99 ${ing.p99.toFixed(1)} ms  ${ok ? 'OK' : 'UNDER TARGET'}`);
    console.log(`${''.padEnd(10)} server CPU ${ing.serverCpuMs.toFixed(2)} ms per report (${(1000 / ing.serverCpuMs).toFixed(0)} reports per CPU-second; baseline ${base.serverCpuMs.toFixed(2)} ms), sender process ${ing.clientCpuMs.toFixed(2)} ms per report; validation alone (JSON + zod + checks) ${validateMs.toFixed(2)} ms; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);
    return ok;
  } finally {
    server.close();
    baseServer.close();
    server.closeAllConnections();
    baseServer.closeAllConnections();
  }
}

async function benchSummary(name: string, db: Db): Promise<boolean> {
  const t0 = performance.now();
  const rows = await seedYear(db);
  const seedSecs = (performance.now() - t0) / 1000;
  const f0 = performance.now();
  const folded = await foldPending(db);
  const foldSecs = (performance.now() - f0) / 1000;
  await db.query('ANALYZE cells');
  await db.query('ANALYZE period_reporters');
  const year = { from: addDays(TODAY, -364), to: TODAY };
  const timed = async (before?: () => Promise<unknown>) => {
    const times: number[] = [];
    const cpuMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      await before?.();
      const s = performance.now();
      const c = process.cpuUsage();
      await orgSummary(db, year, 5);
      times.push(performance.now() - s);
      const u = process.cpuUsage(c);
      cpuMs.push((u.user + u.system) / 1000);
    }
    return { ms: pct(times, 50), max: Math.max(...times), cpu: pct(cpuMs, 50) };
  };
  const clean = await timed();
  // a report arrived since the last read: the read folds today and this week first
  const seededInstall = (await db.query<{ id: string }>('SELECT install_id::text AS id FROM counts WHERE day = $1::date LIMIT 1', [TODAY]))[0]!.id;
  const fresh = await timed(() => storeBatch(db, JSON.parse(benchPayload(1, TODAY)) as ReportPayload, 'bench', TODAY).then(() =>
    db.query('INSERT INTO fold_pending (day, install_id) VALUES ($1::date, $2::uuid) ON CONFLICT DO NOTHING', [TODAY, seededInstall])));
  // the same summary computed from the raw counts by the previous version (one GROUPING SETS scan)
  const r0 = performance.now();
  const c0 = process.cpuUsage();
  await rawSummary(db, year);
  const rawMs = performance.now() - r0;
  const rc = process.cpuUsage(c0);
  const rawCpu = (rc.user + rc.system) / 1000;
  const ok = Math.max(clean.ms, fresh.ms) <= 300;
  console.log(`${name.padEnd(10)} summary over 1 year × 1,000 reporters (${rows.toLocaleString('en')} rows, seeded in ${seedSecs.toFixed(1)} s, ${folded} days folded in ${foldSecs.toFixed(1)} s): median ${clean.ms.toFixed(0)} ms (max ${clean.max.toFixed(0)}, CPU here ${clean.cpu.toFixed(0)} ms); right after a new report (folds today) median ${fresh.ms.toFixed(0)} ms (max ${fresh.max.toFixed(0)}, CPU here ${fresh.cpu.toFixed(0)} ms); baseline from the raw counts ${rawMs.toFixed(0)} ms (CPU here ${rawCpu.toFixed(0)} ms), ${(rawMs / clean.ms).toFixed(0)}× slower  ${ok ? 'OK' : 'UNDER TARGET'}`);
  console.log(`${''.padEnd(10)} load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);
  return ok;
}

async function bench(name: string, db: Db, part = PART): Promise<boolean> {
  await migrate(db);
  const ingestOk = part === 'summary' || await benchIngest(name, db);
  const summaryOk = part === 'ingest' || await benchSummary(name, db);
  return ingestOk && summaryOk;
}

const results: boolean[] = [];
const dir = mkdtempSync(join(tmpdir(), 'cnl-bench-collector-'));
try {
  if (process.env.BENCH_DB !== 'postgres') {
    const lite = await openPglite(join(dir, 'db'));
    try {
      // the trial in the same run: PGlite in a worker thread (pglite-thread.ts, not the
      // default); ingest only, interleaved with the default's runs (a shared machine's load drifts)
      if (PART !== 'summary' && process.env.BENCH_THREAD !== '0') {
        const threaded = await openPglite(join(dir, 'threaded'), { thread: true });
        try {
          await migrate(threaded);
          await migrate(lite);
          for (let round = 0; round < 2; round++) {
            results.push(await benchIngest('PGlite', lite));
            await benchIngest('PGlite in a worker thread', threaded);
          }
        } finally { await threaded.close(); }
      } else if (PART !== 'summary') {
        await migrate(lite);
        results.push(await benchIngest('PGlite', lite));
      }
      if (PART !== 'ingest') results.push(await bench('PGlite', lite, 'summary'));
    } finally { await lite.close(); }
  }
  const url = process.env.CRM_NOTE_LINT_TEST_PG_URL;
  if (url) {
    const name = `cnl_bench_${randomBytes(4).toString('hex')}`;
    const admin = await openPostgres(url);
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const pg = await openPostgres(u.toString());
    try { results.push(await bench('PostgreSQL', pg)); } finally {
      await pg.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    }
  } else {
    console.log('PostgreSQL skipped: set CRM_NOTE_LINT_TEST_PG_URL to bench it too');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = results.every(Boolean) ? 0 : 1;
