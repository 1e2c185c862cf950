/**
 * Audit throughput and memory: 200-character French notes in a ";" CSV, 10k and
 * 1M rows, each size audited in its own process (built-in pack, --out findings
 * and --redact copy written). Prints notes/s, peak RSS and heap; fails when
 * under 20,000 notes/s or when memory is not flat (1M-row peak RSS > 1.5× the
 * 10k-row one + 64 MB).
 *   npm run bench:audit            (BENCH_ROWS=10000,1000000 to change the sizes)
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';

const NOTES = [
  'Client rappelé le 12/03, intéressé par la formule premium. Prévoir 6 menus hallal pour le séminaire de juin, budget à confirmer avec la direction des achats avant la fin du mois prochain. Merci.',
  'Rendez-vous pris avec Mme Martin pour discuter du renouvellement du contrat annuel. Elle souhaite une remise de 10 % sur le volume et une livraison plus rapide en Île-de-France cette année.',
  'Appel entrant : demande de devis pour 40 postes, équipe commerciale en croissance. Client diabétique, éviter les rendez-vous tôt le matin. Relancer jeudi avec la proposition chiffrée et le planning.',
  'Visite du site de Lyon effectuée, très bon accueil de l\'équipe technique. Points ouverts : délais de maintenance, formation des nouveaux arrivants, facturation trimestrielle à mettre en place.',
  'Échange avec le service comptable sur les factures en retard de paiement. Accord trouvé pour un échéancier en trois fois, premier versement attendu le 15. Envoyer le récapitulatif par courrier.',
];

async function makeCsv(path: string, rows: number): Promise<void> {
  const ws = createWriteStream(path);
  ws.write('\uFEFFId;Compte;Date;Notes\r\n');
  for (let i = 0; i < rows; i++) {
    const note = NOTES[i % NOTES.length]!.slice(0, 200).padEnd(200, '.');
    if (!ws.write(`CRM-${i};Société ${i % 997};2024-01-${String((i % 28) + 1).padStart(2, '0')};"${note}"\r\n`)) await once(ws, 'drain');
  }
  ws.end();
  await once(ws, 'finish');
}

async function child(file: string, outDir: string): Promise<void> {
  const { runAudit } = await import('../lib/audit/run.ts');
  const { buildLinter } = await import('../lib/cli/linter.ts');
  const linter = buildLinter([], true);
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
  const r = await runAudit({
    input: file, columns: ['Notes'], idColumn: 'Id', linter, locale: 'auto', failOn: 'none',
    out: join(outDir, 'findings.csv'), redact: join(outDir, 'redacted.csv'), redactMode: 'suggest', includeText: false,
    stdout: sink, stderr: process.stderr, progress: false,
  });
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  clearInterval(timer);
  sample();
  process.stdout.write(JSON.stringify({ notes: r.stats!.notes, findings: r.stats!.findings, secs, cpuSecs, rate: r.stats!.notes / secs, cpuRate: r.stats!.notes / cpuSecs, peakRssMB: peakRss / 2 ** 20, peakHeapMB: peakHeap / 2 ** 20, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n');
}

async function parent(): Promise<void> {
  const sizes = (process.env.BENCH_ROWS ?? '10000,1000000').split(',').map(Number);
  const dir = mkdtempSync(join(tmpdir(), 'bench-audit-'));
  const self = fileURLToPath(import.meta.url);
  const results: Array<{ rows: number; rate: number; cpuRate: number; maxRssMB: number; peakHeapMB: number }> = [];
  try {
    for (const rows of sizes) {
      const file = join(dir, `export-${rows}.csv`);
      await makeCsv(file, rows);
      const p = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', file, dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
      if (p.status !== 0) throw new Error(p.stderr);
      const r = JSON.parse(p.stdout.trim().split('\n').pop()!);
      results.push({ rows, ...r });
      console.log(`audit ${rows.toLocaleString('en')} rows (${(statSync(file).size / 2 ** 20).toFixed(1)} MB): ${Math.round(r.rate).toLocaleString('en')} notes/s wall, ${Math.round(r.cpuRate).toLocaleString('en')} notes/CPU-s `
        + `(${r.secs.toFixed(2)} s, ${r.findings.toLocaleString('en')} findings) | peak RSS ${r.maxRssMB.toFixed(0)} MB, peak heap ${r.peakHeapMB.toFixed(0)} MB`);
      rmSync(file);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  let ok = true;
  // Judged on the larger file (the 10k run is mostly JIT warm-up), by wall clock,
  // or by CPU time when other processes share the 2 cores (load average shown).
  const judged = results[results.length - 1]!;
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
  if (Math.max(judged.rate, judged.cpuRate) < 20_000) { ok = false; console.log(`FAIL: ${judged.rows} rows at ${Math.round(judged.rate)} notes/s < 20,000`); }
  if (results.length > 1) {
    const [small, big] = [results[0]!, results[results.length - 1]!];
    const flat = big.maxRssMB <= small.maxRssMB * 1.5 + 64;
    console.log(`memory: ${small.rows.toLocaleString('en')} rows ${small.maxRssMB.toFixed(0)} MB vs ${big.rows.toLocaleString('en')} rows ${big.maxRssMB.toFixed(0)} MB RSS → ${flat ? 'flat' : 'NOT flat'}`);
    ok &&= flat;
  }
  process.exitCode = ok ? 0 : 1;
}

if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv[4]!);
else await parent();
