/**
 * Engine throughput vs alex and vs a bare normalize+split pass, in one process.
 * Targets (issue 2): ≥ 100× alex, within 4× of the bare pass, compile < 2 s.
 * Run: npm run bench
 */
import { performance } from 'node:perf_hooks';
import { Linter } from '../lib/engine/lint.ts';
import { compilePack } from '../lib/compiler/compile.ts';
import { readPackSources } from '../lib/cli/../compiler/read-pack-dir.ts';
import { BUILTIN_SOURCES } from '../lib/cli/builtin.ts';
import { corpus } from './corpus.ts';

const MB = 1024 * 1024;
const fmt = (x: number) => x.toFixed(2);

function time(fn: () => void, minMs = 1500): number {
  fn(); // warm-up
  let runs = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < minMs) { fn(); runs++; t = performance.now(); }
  return (t - t0) / runs;
}

const t0 = performance.now();
const src = readPackSources(BUILTIN_SOURCES);
const compiled = compilePack(src.meta, src.sources);
const compileMs = performance.now() - t0;
if (!compiled.pack) throw new Error('built-in dictionaries do not compile');
const pack = compiled.pack;
const linter = new Linter([pack]);

const { all, en } = corpus(5.2 * MB);
const allBytes = all.reduce((n, s) => n + s.length + 1, 0);
const enText = en.join('\n');
let findings = 0;

const engineMs = time(() => { findings = 0; for (const note of all) findings += linter.lint(note).length; });
const bareMs = time(() => { for (const note of all) note.toLowerCase().normalize('NFD').split(/[^\p{L}\p{N}]+/u); });

// alex is slow: measure it on a 100 kB English slice and scale by bytes.
const { text: alexText } = await import('alex');
const enSlice = enText.slice(0, 100_000);
const alexMs = time(() => { alexText(enSlice); }, 3000);
const engineEnMs = time(() => { for (const line of enSlice.split('\n')) linter.lint(line, { locale: 'en' }); });

const engineMBs = allBytes / MB / (engineMs / 1000);
const bareMBs = allBytes / MB / (bareMs / 1000);
const alexMBs = enSlice.length / MB / (alexMs / 1000);
const engineEnMBs = enSlice.length / MB / (engineEnMs / 1000);

console.log(`dictionaries: ${pack.rules.length} rules, ${pack.phrases.length} forms; compile ${compileMs.toFixed(0)} ms (target < 2000)`);
console.log(`corpus: ${fmt(allBytes / MB)} MB, ${all.length} notes, ${findings} findings`);
console.log(`engine (mixed fr/en, auto locale): ${fmt(engineMBs)} MB/s`);
console.log(`bare toLowerCase().normalize('NFD').split(): ${fmt(bareMBs)} MB/s → engine is ${fmt(bareMBs / engineMBs)}× slower (target ≤ 4×)`);
console.log(`alex (English, 100 kB): ${fmt(alexMBs)} MB/s; engine on the same text: ${fmt(engineEnMBs)} MB/s → ${fmt(engineEnMBs / alexMBs)}× alex (target ≥ 100×)`);
