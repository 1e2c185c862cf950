/**
 * The collector bench's load generator, run as its own process (like the browsers,
 * which are never in the collector's process): sends REPORTS reports of 50 buckets
 * with CONCURRENCY requests in flight, then prints one JSON line: reports/s, latency
 * percentiles, and this process's CPU time (kept apart from the server's).
 *   tsx bench/collector-client.ts URL TOKEN REPORTS CONCURRENCY TODAY
 */
import { benchPayload } from './collector-payloads.ts';

const [url, token, reports, concurrency, today] = process.argv.slice(2) as [string, string, string, string, string];
const n = Number(reports);
const bodies = Array.from({ length: n }, (_, i) => benchPayload(i, today));
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!; };

const lat: number[] = [];
let next = 0;
const c0 = process.cpuUsage();
const t0 = performance.now();
await Promise.all(Array.from({ length: Number(concurrency) }, async () => {
  while (next < n) {
    const body = bodies[next++]!;
    const s = performance.now();
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`ingest answered ${r.status}`);
    lat.push(performance.now() - s);
  }
}));
const secs = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(c0);
console.log(JSON.stringify({ perSec: n / secs, p50: pct(lat, 50), p99: pct(lat, 99), cpuMs: (cpu.user + cpu.system) / 1000 }));
