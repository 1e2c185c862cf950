/**
 * Engine throughput vs alex and vs a bare normalize+split pass, in one process.
 * Targets (issue 2, issue 11): ≥ 100× alex, within 4× of the bare pass (also on notes
 * full of typos and unseen words, where every token goes through the typo index),
 * compile of all dictionaries ≤ 3 s with the typo guard.
 * Run: npm run bench
 */
import { performance } from 'node:perf_hooks';
import { Linter } from '../lib/engine/lint.ts';
import { compilePack } from '../lib/compiler/compile.ts';
import { loadLexicon } from '../lib/compiler/lexicon.ts';
import { readPackSources } from '../lib/cli/../compiler/read-pack-dir.ts';
import { BUILTIN_SOURCES, loadBuiltinPack } from '../lib/cli/builtin.ts';
import { encodePack } from '../lib/schema/pack-encoding.ts';
import { corpus } from './corpus.ts';

const MB = 1024 * 1024;
const fmt = (x: number) => x.toFixed(2);

/** CPU ms per run (process time, not wall: on a shared machine the wall clock also counts other processes). */
function time(fn: () => void, minMs = 1500): number {
  fn(); // warm-up
  const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  let runs = 0;
  const t0 = cpuMs();
  let t = t0;
  while (t - t0 < minMs) { fn(); runs++; t = cpuMs(); }
  return (t - t0) / runs;
}

// CPU time beside wall time: on a shared machine the wall clock also counts other processes.
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const src = readPackSources(BUILTIN_SOURCES);
const lexicon = loadLexicon();
// Loads the word lists (from the build cache when it is there, as `npm run build:dict` does).
if (lexicon.forEachPacked) lexicon.forEachPacked(() => {}, () => {});
else lexicon.forEach(() => {});
const lexiconMs = performance.now() - t0;
const compiled = compilePack(src.meta, src.sources, { lexicon });
const compileMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const compileCpuMs = (cpu.user + cpu.system) / 1000;
if (!compiled.pack) throw new Error('built-in dictionaries do not compile');
const pack = compiled.pack;
const t1 = performance.now();
compilePack(src.meta, src.sources);
const warmNoTyposMs = performance.now() - t1;
const t2 = performance.now();
const linter = new Linter([pack], { secondStage: false });
const loadMs = performance.now() - t2;
// The context judge trained by npm run build:dict (lib/learn/build-judge.ts), on the same rules.
const judge = loadBuiltinPack().judge;
const judged = new Linter([{ ...pack, ...(judge ? { judge } : {}) }], { secondStage: true });

const { all, en } = corpus(5.2 * MB);
const allBytes = all.reduce((n, s) => n + s.length + 1, 0);
const enText = en.join('\n');
let findings = 0;

let judgedFindings = 0;
// Stage off, stage on and the bare pass in turns, medians of 5 rounds: on a shared machine a
// load change between two long runs would otherwise show as a difference between them.
const rounds: Record<'engine' | 'judged' | 'bare', number[]> = { engine: [], judged: [], bare: [] };
for (let r = 0; r < 5; r++) {
  rounds.engine.push(time(() => { findings = 0; for (const note of all) findings += linter.lint(note).length; }, 500));
  rounds.judged.push(time(() => { judgedFindings = 0; for (const note of all) judgedFindings += judged.lint(note).length; }, 500));
  rounds.bare.push(time(() => { for (const note of all) note.toLowerCase().normalize('NFD').split(/[^\p{L}\p{N}]+/u); }, 500));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const engineMs = median(rounds.engine);
const judgedMs = median(rounds.judged);
const bareMs = median(rounds.bare);

// alex is slow: measure it on a 100 kB English slice and scale by bytes.
const { text: alexText } = await import('alex');
const enSlice = enText.slice(0, 100_000);
const alexMs = time(() => { alexText(enSlice); }, 3000);
const engineEnMs = time(() => { for (const line of enSlice.split('\n')) linter.lint(line, { locale: 'en' }); });

// Worst case for the typo path: one letter of every word of 5+ letters replaced at
// random, so most tokens are new to the cache and are looked up in the typo index.
let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const typoNotes = all.slice(0, 6000).map((note) => note.replace(/\p{L}{5,}/gu, (w) => {
  const i = Math.floor(rnd() * w.length);
  return w.slice(0, i) + String.fromCharCode(97 + Math.floor(rnd() * 26)) + w.slice(i + 1);
}));
const typoBytes = typoNotes.reduce((n, s) => n + s.length + 1, 0);
const typoMs = time(() => { for (const note of typoNotes) linter.lint(note); });
const typoBareMs = time(() => { for (const note of typoNotes) note.toLowerCase().normalize('NFD').split(/[^\p{L}\p{N}]+/u); });
const typoFindings = typoNotes.reduce((n, note) => n + linter.lint(note).filter((f) => f.typoOf).length, 0);

const engineMBs = allBytes / MB / (engineMs / 1000);
const bareMBs = allBytes / MB / (bareMs / 1000);
const alexMBs = enSlice.length / MB / (alexMs / 1000);
const engineEnMBs = enSlice.length / MB / (engineEnMs / 1000);

const typoWords = Object.values(pack.typos ?? {}).reduce((n, t) => n + t.words.split(' ').length, 0);
const knownWords = Object.values(pack.typos ?? {}).reduce((n, t) => n + t.known.split(' ').length, 0);
console.log(`dictionaries: ${pack.rules.length} rules, ${pack.phrases.length} forms; compile ${compileMs.toFixed(0)} ms wall, ${compileCpuMs.toFixed(0)} ms CPU, with the typo guard (target ≤ 3000): word lists ${lexiconMs.toFixed(0)} ms, then compile + guard ${(compileMs - lexiconMs).toFixed(0)} ms (warm compile without typos ${warmNoTyposMs.toFixed(0)} ms)`);
console.log(`typo data: ${typoWords} words, ${knownWords} real neighbours; pack file ${(Buffer.byteLength(JSON.stringify(encodePack(pack))) / 1024).toFixed(0)} kB (expanded JSON ${(Buffer.byteLength(JSON.stringify(pack)) / 1024).toFixed(0)} kB); new Linter() ${loadMs.toFixed(1)} ms`);
console.log(`corpus: ${fmt(allBytes / MB)} MB, ${all.length} notes, ${findings} findings`);
console.log(`engine (mixed fr/en, auto locale): ${fmt(engineMBs)} MB/s`);
console.log(`bare toLowerCase().normalize('NFD').split(): ${fmt(bareMBs)} MB/s → engine is ${fmt(bareMBs / engineMBs)}× slower (target ≤ 4×)`);
console.log(`with the context judge (second stage on, ${judge ? Object.keys(judge).join('+') : 'absent: run npm run build:dict'}): ${fmt(allBytes / MB / (judgedMs / 1000))} MB/s, ${judgedFindings} findings → ${fmt(judgedMs / bareMs)}× the bare pass (stage off: ${fmt(engineMs / bareMs)}×; target ≤ 4×)`);
console.log(`worst case, a typo in every word of 5+ letters (${fmt(typoBytes / MB)} MB, ${typoFindings} typo findings): engine ${fmt(typoBytes / MB / (typoMs / 1000))} MB/s, bare ${fmt(typoBytes / MB / (typoBareMs / 1000))} MB/s → ${fmt(typoMs / typoBareMs)}× (informational: real notes have a typo or two per ten notes)`);
console.log(`alex (English, 100 kB): ${fmt(alexMBs)} MB/s; engine on the same text: ${fmt(engineEnMBs)} MB/s → ${fmt(engineEnMBs / alexMBs)}× alex (target ≥ 100×)`);
