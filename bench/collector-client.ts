/**
 * The collector bench's load generator, run as its own process (like the browsers,
 * which are never in the collector's process): sends REPORTS reports of 50 buckets
 * with CONCURRENCY requests in flight, then prints one JSON line: reports/s, latency
 * percentiles, and this process's CPU time (kept apart from the server's).
 * node:http with keep-alive connections, not fetch(): on this 2-core machine fetch
 * (undici) cost ~2.4 ms of CPU per report, more than the server's HTTP side, and that
 * core is the one the server needs; the bodies are built before the clock starts.
 *   tsx bench/collector-client.ts URL TOKEN REPORTS CONCURRENCY TODAY
 */
import { Agent, request } from 'node:http';
import { benchPayload } from './collector-payloads.ts';

const [url, token, reports, concurrency, today] = process.argv.slice(2) as [string, string, string, string, string];
const n = Number(reports);
const bodies = Array.from({ length: n }, (_, i) => Buffer.from(benchPayload(i, today)));
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!; };
const agent = new Agent({ keepAlive: true, maxSockets: Number(concurrency) });
const target = new URL(url);

/** One POST; resolves with the status once the whole answer is read. */
function post(body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({
      agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${token}` },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const lat: number[] = [];
let next = 0;
const c0 = process.cpuUsage();
const t0 = performance.now();
await Promise.all(Array.from({ length: Number(concurrency) }, async () => {
  while (next < n) {
    const body = bodies[next++]!;
    const s = performance.now();
    const status = await post(body);
    if (status !== 200) throw new Error(`ingest answered ${status}`);
    lat.push(performance.now() - s);
  }
}));
const secs = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(c0);
agent.destroy();
console.log(JSON.stringify({ perSec: n / secs, p50: pct(lat, 50), p99: pct(lat, 99), cpuMs: (cpu.user + cpu.system) / 1000 }));
