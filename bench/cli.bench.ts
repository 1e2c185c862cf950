/**
 * The compiled CLI, whole process, against baselines run in the same session:
 *  1. start-up: `check note.txt` (median of 5, wall and peak RSS from /usr/bin/time -v),
 *     beside bare `node -e 0` (and, with BENCH_TSX=1, once through the former tsx-at-run-time path);
 *  2. `check --jsonl` MB/s vs the in-process engine on the same notes;
 *  3. `audit --jobs 2` vs `--jobs 1` on 200k notes (same output byte for byte).
 * Targets (issue 15): ≤ 0.3 s and ≤ 80 MiB; JSONL ≥ 0.65× in-process; jobs 2 ≥ 1.7× jobs 1, ≥ 40,000 notes/s.
 * Run: npm run bench:cli          (BENCH_AUDIT_ROWS=200000 BENCH_JSONL_MB=20 to change sizes)
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Linter } from '../lib/engine/lint.ts';
import { loadBuiltinPack } from '../lib/cli/builtin.ts';
import { corpus } from './corpus.ts';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/crm-note-lint.mjs');
const MB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'cnl-bench-cli-'));
// On a shared machine every figure is printed with the load average it was measured under.
const load = () => `(load ${loadavg().map((l) => l.toFixed(1)).join(' ')})`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timed(args: string[], opts: { input?: string; inputFile?: string } = {}): { wall: number; cpu: number; rssKiB: number; faults: number; status: number | null } {
  const cmd = opts.inputFile ? ['sh', '-c', `exec /usr/bin/time -v ${args.map((a) => `'${a}'`).join(' ')} < '${opts.inputFile}' > /dev/null`] : ['/usr/bin/time', '-v', ...args];
  const t0 = performance.now();
  const r = spawnSync(cmd[0]!, cmd.slice(1), { input: opts.input, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = (performance.now() - t0) / 1000;
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  // CPU time beside wall time: on a shared machine the wall clock also counts other processes.
  const cpu = Number(/User time \(seconds\): ([\d.]+)/.exec(r.stderr)?.[1] ?? NaN) + Number(/System time \(seconds\): ([\d.]+)/.exec(r.stderr)?.[1] ?? NaN);
  // Pages touched for the first time: what a start pays for memory, whatever the load.
  const faults = Number(/Minor \(reclaiming a frame\) page faults: (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  return { wall, cpu, rssKiB: rss, faults, status: r.status };
}

// 1. Start-up on one note.
const note = join(dir, 'note.txt');
writeFileSync(note, 'Client diabétique, rappeler mardi pour le devis.\n');
const runs = (args: string[]) => Array.from({ length: 5 }, () => timed(args));
const bare = runs([process.execPath, '-e', '0']);
const cli = runs([process.execPath, BIN, 'check', note]);
// The former path (TypeScript through tsx at every start) costs seconds a run: once, and only when asked.
const tsx = process.env.BENCH_TSX ? [timed([process.execPath, '--import', 'tsx', join(ROOT, 'lib/cli/main.ts'), 'check', note])] : undefined;
const line = (name: string, r: ReturnType<typeof runs>) =>
  `${name.padEnd(44)} ${median(r.map((x) => x.wall)).toFixed(3)} s wall  ${median(r.map((x) => x.cpu)).toFixed(2)} s CPU  ${(median(r.map((x) => x.rssKiB)) / 1024).toFixed(1)} MiB peak  ${median(r.map((x) => x.faults))} page faults`;
console.log(`Start-up, one note (median of 5; /usr/bin/time -v) ${load()}`);
console.log('  ' + line('node -e 0 (bare Node, same machine now)', bare));
console.log('  ' + line('crm-note-lint check note.txt (dist/)', cli));
if (tsx) console.log('  ' + line('same through tsx at run time (before; one run)', tsx));
const cliWall = median(cli.map((x) => x.wall));
const cliCpu = median(cli.map((x) => x.cpu));
const extraMiB = ((median(cli.map((x) => x.faults)) - median(bare.map((x) => x.faults))) * 4) / 1024;
console.log(`  → ${tsx ? `compiled CLI ${(tsx[0]!.wall / cliWall).toFixed(1)}× faster than tsx; ` : ''}${(cliWall - median(bare.map((x) => x.wall))).toFixed(3)} s wall, ${(cliCpu - median(bare.map((x) => x.cpu))).toFixed(2)} s CPU, ${extraMiB.toFixed(1)} MiB of pages first touched above bare Node (target ≤ 0.3 s wall, ≤ 80 MiB)`);

// 2. JSONL throughput vs the engine in this process, same notes.
const jsonlMb = Number(process.env.BENCH_JSONL_MB ?? 20);
const { all } = corpus(jsonlMb * MB);
const jsonlFile = join(dir, 'notes.jsonl');
writeFileSync(jsonlFile, all.map((text, i) => JSON.stringify({ id: String(i), text })).join('\n') + '\n');
const textBytes = all.reduce((n, s) => n + Buffer.byteLength(s) + 1, 0);
const linter = new Linter([loadBuiltinPack()]);
for (const n of all.slice(0, 2000)) linter.lint(n); // warm-up
const e0 = performance.now();
for (const n of all) linter.lint(n);
const engineMBs = textBytes / MB / ((performance.now() - e0) / 1000);
console.log(`\ncheck --jsonl on ${(textBytes / MB).toFixed(1)} MB of note text (${all.length} notes) ${load()}`);
console.log(`  in-process engine                          ${engineMBs.toFixed(2)} MB/s`);
const cores = availableParallelism();
const jsonlCpu: number[] = [];
for (const jobs of [1, 2]) {
  const r = timed([process.execPath, BIN, 'check', '--jsonl', '--fail-on', 'none', '--jobs', String(jobs)], { inputFile: jsonlFile });
  jsonlCpu.push(r.cpu);
  const mbs = textBytes / MB / r.wall;
  const label = `--jobs ${jobs}${jobs === cores ? ' (default here)' : ''}`.padEnd(24);
  console.log(`  crm-note-lint check --jsonl ${label} ${mbs.toFixed(2)} MB/s (whole process, ${r.wall.toFixed(2)} s wall, ${r.cpu.toFixed(2)} s CPU) → ${(mbs / engineMBs).toFixed(2)}× in-process (target ≥ 0.65) ${load()}`);
}
console.log(`  → ${parallelCost(jsonlCpu, all.length)}`);

/**
 * On a shared machine the wall-clock gain of a second thread says more about the other
 * processes than about the code: the CPU the second thread adds is what the code decides.
 * With two idle cores the wall time is at best the larger of the two threads' CPU,
 * so 2 / (CPU ratio) bounds the speed-up the code allows there.
 */
function parallelCost([one, two]: number[], notes: number): string {
  const ratio = two! / one!;
  return `CPU per note ${((one! / notes) * 1e6).toFixed(0)} µs with --jobs 1, ${((two! / notes) * 1e6).toFixed(0)} µs with --jobs 2: the second thread costs ${((ratio - 1) * 100).toFixed(0)} % more CPU, so at most ${(2 / ratio).toFixed(2)}× on 2 idle cores`;
}

// 3. audit on every core.
const rows = Number(process.env.BENCH_AUDIT_ROWS ?? 200_000);
const csv = join(dir, 'export.csv');
const ws = createWriteStream(csv);
ws.write('Id;Notes\n');
for (let i = 0; i < rows; i++) if (!ws.write(`CRM-${i};"${all[i % all.length]!.replace(/"/g, '""')}"\n`)) await once(ws, 'drain');
ws.end();
await once(ws, 'finish');
console.log(`\naudit ${rows} notes (--out findings.csv --redact cleaned.csv) ${load()}`);
const outputs: string[] = [];
const perJobs: number[] = [];
const auditCpu: number[] = [];
for (const jobs of [1, 2]) {
  const out = join(dir, `f${jobs}.csv`);
  const red = join(dir, `r${jobs}.csv`);
  const r = timed([process.execPath, BIN, 'audit', csv, '--column', 'Notes', '--id-column', 'Id', '--fail-on', 'none', '--no-progress', '--out', out, '--redact', red, '--jobs', String(jobs)]);
  if (r.status !== 0) throw new Error(`audit --jobs ${jobs} exited ${r.status}`);
  outputs.push(readFileSync(out, 'utf8') + readFileSync(red, 'utf8'));
  perJobs.push(rows / r.wall);
  auditCpu.push(r.cpu);
  console.log(`  --jobs ${jobs}: ${Math.round(rows / r.wall).toLocaleString('en')} notes/s (${r.wall.toFixed(2)} s wall, ${r.cpu.toFixed(2)} s CPU, ${(r.rssKiB / 1024).toFixed(0)} MiB peak)`);
}
console.log(`  → ${load()} --jobs 2 is ${(perJobs[1]! / perJobs[0]!).toFixed(2)}× --jobs 1 in wall time (target ≥ 1.7); outputs ${outputs[0] === outputs[1] ? 'identical byte for byte' : 'DIFFER'}`);
console.log(`  → ${parallelCost(auditCpu, rows)}`);
rmSync(dir, { recursive: true, force: true });
if (outputs[0] !== outputs[1]) process.exitCode = 1;
