/**
 * Compile of all dictionaries (issue 11 target: ≤ 3 s with the typo guard), as
 * `npm run build:dict` does it: read the sources, load the word lists, compile with the
 * translations, encode. Each run is a fresh Node process, so module loading counts:
 * - cold: an empty build cache (CRM_NOTE_LINT_BUILD_CACHE names a new folder), as after
 *   `npm install` or a package update;
 * - warm: the same folder again, as on every later build.
 * Wall and CPU (user + system) are both printed: on a shared machine the wall clock also
 * counts other processes, CPU time much less. The packs of every run must be byte-identical.
 * Then the same through the built CLI (`crm-note-lint dict build` from dist/, as admins
 * run it: no TypeScript transform at start), when `npm run build:lib` has built it.
 * Run: npx tsx bench/compile.bench.ts [--runs N]   (N cold+warm pairs, default 2)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
const CACHE_DIR_ENV = 'CRM_NOTE_LINT_BUILD_CACHE';

interface Phase { wall: number; cpu: number }
interface RunResult { total: Phase; imports: Phase; sources: Phase; compile: Phase; write: Phase }

const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

/** The measured process: one build, its phases on stdout as JSON. */
async function child(out: string): Promise<void> {
  // performance.now() and cpuUsage() count from the process start: start-up and imports are in `imports`.
  const at = () => ({ wall: performance.now(), cpu: cpuMs() });
  const { readPackSources } = await import('../lib/compiler/read-pack-dir.ts');
  const { compilePack } = await import('../lib/compiler/compile.ts');
  const { loadLexicon } = await import('../lib/compiler/lexicon.ts');
  const { encodePack } = await import('../lib/schema/pack-encoding.ts');
  const imported = at();
  const src = readPackSources(join(ROOT, 'dictionaries'));
  if (src.problems.length) throw new Error(`the dictionaries have ${src.problems.length} problem(s): npm run build:dict names them`);
  const read = at();
  const result = compilePack(src.meta, src.sources, { lexicon: loadLexicon(), messages: src.messages });
  if (!result.pack) throw new Error('the dictionaries do not compile: npm run build:dict names the problems');
  const compiled = at();
  writeFileSync(out, JSON.stringify(encodePack(result.pack)) + '\n');
  const written = at();
  const span = (a: Phase, b: Phase): Phase => ({ wall: b.wall - a.wall, cpu: b.cpu - a.cpu });
  const r: RunResult = {
    total: written, imports: imported,
    sources: span(imported, read), compile: span(read, compiled), write: span(compiled, written),
  };
  process.stdout.write(JSON.stringify(r));
}

function run(cacheDir: string, out: string): RunResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', out], {
    cwd: ROOT, env: { ...process.env, [CACHE_DIR_ENV]: cacheDir }, encoding: 'utf8', maxBuffer: 16 << 20,
  });
  if (r.status !== 0) throw new Error(`compile run failed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as RunResult;
}

/**
 * The same compile as admins run it: the built CLI (`crm-note-lint dict build`, dist/,
 * no TypeScript transform at start), whole process, wall and CPU from /usr/bin/time.
 */
function runCli(cacheDir: string, out: string): Phase {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S', process.execPath, join(ROOT, 'bin', 'crm-note-lint.mjs'), 'dict', 'build', join(ROOT, 'dictionaries'), '--out', out], {
    cwd: ROOT, env: { ...process.env, [CACHE_DIR_ENV]: cacheDir }, encoding: 'utf8', maxBuffer: 16 << 20,
  });
  const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`crm-note-lint dict build failed:\n${r.stderr}`);
  return { wall: Number(m[1]) * 1000, cpu: (Number(m[2]) + Number(m[3])) * 1000 };
}

const s = (ms: number) => (ms / 1000).toFixed(2);
const line = (r: RunResult) =>
  `wall ${s(r.total.wall)} s, CPU ${s(r.total.cpu)} s  (start-up+imports ${s(r.imports.cpu)}, sources ${s(r.sources.cpu)}, word lists+compile ${s(r.compile.cpu)}, encode+write ${s(r.write.cpu)} s CPU)`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '2' }, child: { type: 'string' } } });
  if (values.child) return child(values.child);
  const runs = Math.max(1, Number(values.runs) || 2);
  const work = mkdtempSync(join(tmpdir(), 'crm-note-lint-compile-bench-'));
  const load0 = loadavg()[0]!;
  const cold: RunResult[] = [];
  const warm: RunResult[] = [];
  const packs: string[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const cache = join(work, `cache-${i}`);
      const out = (kind: string) => { const f = join(work, `pack-${kind}-${i}.json`); packs.push(f); return f; };
      cold.push(run(cache, out('cold')));
      console.log(`cold #${i + 1}: ${line(cold[i]!)}`);
      warm.push(run(cache, out('warm')));
      console.log(`warm #${i + 1}: ${line(warm[i]!)}`);
    }
    // the built CLI, when built (npm run build:lib): cold then warm, its packs checked with the others
    const cli: { cold: Phase[]; warm: Phase[] } = { cold: [], warm: [] };
    if (existsSync(join(ROOT, 'dist', 'cli.js'))) {
      for (let i = 0; i < runs; i++) {
        const cache = join(work, `cli-cache-${i}`);
        for (const kind of ['cold', 'warm'] as const) {
          const f = join(work, `pack-cli-${kind}-${i}.json`);
          cli[kind].push(runCli(cache, f));
          packs.push(f);
          console.log(`built CLI ${kind} #${i + 1}: wall ${s(cli[kind][i]!.wall)} s, CPU ${s(cli[kind][i]!.cpu)} s`);
        }
      }
    } else console.log('built CLI: not measured (npm run build:lib builds dist/)');
    const first = readFileSync(packs[0]!);
    const identical = packs.every((p) => readFileSync(p).equals(first));
    let built = 'no lib/generated/builtin-pack.json to compare with';
    try {
      built = readFileSync(join(ROOT, 'lib', 'generated', 'builtin-pack.json')).equals(first) ? 'identical to lib/generated/builtin-pack.json' : 'differs from lib/generated/builtin-pack.json (built from older sources or code?)';
    } catch { /* not built yet */ }
    const best = (rs: RunResult[], k: keyof Phase) => Math.min(...rs.map((r) => r.total[k]));
    console.log(`packs of all ${packs.length} runs byte-identical: ${identical ? 'yes' : 'NO'}; ${built}`);
    console.log(`compile of all dictionaries (best of ${runs}): cold wall ${s(best(cold, 'wall'))} s, CPU ${s(best(cold, 'cpu'))} s; warm wall ${s(best(warm, 'wall'))} s, CPU ${s(best(warm, 'cpu'))} s (target ≤ 3 s); load average ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`);
    if (cli.warm.length) {
      const bestOf = (ps: Phase[], k: keyof Phase) => Math.min(...ps.map((p) => p[k]));
      console.log(`built CLI, crm-note-lint dict build (best of ${runs}): cold wall ${s(bestOf(cli.cold, 'wall'))} s, CPU ${s(bestOf(cli.cold, 'cpu'))} s; warm wall ${s(bestOf(cli.warm, 'wall'))} s, CPU ${s(bestOf(cli.warm, 'cpu'))} s (target ≤ 3 s)`);
    }
    if (!identical) process.exitCode = 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
