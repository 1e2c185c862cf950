/**
 * Anonymize throughput: a 16-column export with the seed's column names
 * (profiles/seed-crm.yaml: drops, year, random index + shuffle, boolean, three
 * bands, postal code), 10k and 1M rows, each size in its own process. Prints
 * rows/s, peak RSS and heap; fails under 50,000 rows/s.
 *   npm run bench:anonymize        (BENCH_ROWS=10000,1000000 to change the sizes)
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';

const HEADER = 'employeur;num_ss;groupe_sanguin;id_site_web;nom;email;date_naissance;id_client;nombre_enfants;revenus;valeur_residuelle_prin;date_demande;tarif_devis;adresse;lat;lon';
const CITIES = ['75002 Paris', '69007 Lyon', '13001 Marseille', '33000 Bordeaux', '31000 Toulouse', '44000 Nantes', '59000 Lille', '67000 Strasbourg'];

async function makeCsv(path: string, rows: number): Promise<void> {
  const ws = createWriteStream(path);
  ws.write(`\uFEFF${HEADER}\r\n`);
  for (let i = 0; i < rows; i++) {
    const y = 1940 + (i % 60);
    const line = [
      `Société ${i % 501}`, `1 ${String(y).slice(2)} 03 75 115 ${String(i % 1000).padStart(3, '0')} 17`, ['A+', 'O-', 'B+', 'AB+'][i % 4], `web-${i}`,
      `Client ${i}`, `client${i}@example.fr`, `${String((i % 28) + 1).padStart(2, '0')}/${String((i % 12) + 1).padStart(2, '0')}/${y}`,
      `CL-${String(i).padStart(7, '0')}`, String(i % 4), `${(20000 + (i * 37) % 90000).toLocaleString('fr-FR')}`, `${(i * 113) % 400000}`,
      '2024-01-08', `${(i * 7) % 2000},50`, `${i % 200} rue de la République, ${CITIES[i % CITIES.length]}`, '48.8686', '2.3314',
    ].join(';');
    if (!ws.write(line + '\r\n')) await once(ws, 'drain');
  }
  ws.end();
  await once(ws, 'finish');
}

async function child(file: string, outDir: string): Promise<void> {
  const { runAnonymize } = await import('../lib/anonymize/run.ts');
  const { loadProfile } = await import('../lib/anonymize/profile.ts');
  const profile = loadProfile(join(fileURLToPath(new URL('..', import.meta.url)), 'profiles', 'seed-crm.yaml'));
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 50);
  const sink = new Writable({ write(_c, _e, cb) { cb(); } });
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await runAnonymize({ input: file, profile, out: join(outDir, 'out.csv'), allowUnlisted: 'error', suppress: false, stdout: sink, stderr: process.stderr, progress: false });
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  clearInterval(timer);
  sample();
  process.stdout.write(JSON.stringify({ rows: r.rowsIn, exit: r.exitCode, secs, rate: r.rowsIn! / secs, cpuRate: r.rowsIn! / ((cpu.user + cpu.system) / 1e6), peakHeapMB: peakHeap / 2 ** 20, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n');
}

async function parent(): Promise<void> {
  const sizes = (process.env.BENCH_ROWS ?? '10000,1000000').split(',').map(Number);
  const dir = mkdtempSync(join(tmpdir(), 'bench-anon-'));
  const self = fileURLToPath(import.meta.url);
  const results: Array<{ rows: number; rate: number; cpuRate: number; maxRssMB: number }> = [];
  try {
    for (const rows of sizes) {
      const file = join(dir, `export-${rows}.csv`);
      await makeCsv(file, rows);
      const p = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', file, dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
      if (p.status !== 0) throw new Error(p.stderr);
      const r = JSON.parse(p.stdout.trim().split('\n').pop()!);
      if (r.exit !== 0) throw new Error(`anonymize exited ${r.exit}: ${p.stderr.slice(0, 500)}`);
      results.push({ ...r, rows });
      console.log(`anonymize ${rows.toLocaleString('en')} rows × 16 columns (${(statSync(file).size / 2 ** 20).toFixed(1)} MB): ${Math.round(r.rate).toLocaleString('en')} rows/s wall, `
        + `${Math.round(r.cpuRate).toLocaleString('en')} rows/CPU-s (${r.secs.toFixed(2)} s) | peak RSS ${r.maxRssMB.toFixed(0)} MB, peak heap ${r.peakHeapMB.toFixed(0)} MB`);
      rmSync(file);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const judged = results[results.length - 1]!;
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
  const ok = Math.max(judged.rate, judged.cpuRate) >= 50_000;
  if (!ok) console.log(`FAIL: ${judged.rows} rows at ${Math.round(judged.rate)} rows/s < 50,000`);
  process.exitCode = ok ? 0 : 1;
}

if (process.argv[2] === "--make") await makeCsv(process.argv[3]!, Number(process.argv[4]));
else if (process.argv[2] === "--child") await child(process.argv[3]!, process.argv[4]!);
else await parent();
