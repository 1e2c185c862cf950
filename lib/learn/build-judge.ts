/**
 * Build step after `dict build` (npm run build:dict): trains the context judge of each
 * locale on the DEV split and the entries' own examples, and writes it into the built-in
 * pack as its `judge` field. Deterministic: same pack, corpus and examples, same bytes.
 * The held-out splits are never read.
 *
 * Run: npx tsx lib/learn/build-judge.ts   (after npm run build:dict's compile)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { BUILTIN_COMPILED, BUILTIN_SOURCES, ROOT } from '../cli/builtin.ts';
import { LOCALES } from '../categories.ts';
import { readPackSources } from '../compiler/read-pack-dir.ts';
import type { JudgeSections } from '../engine/judge.ts';
import { presentNotes, readSplit } from '../eval/corpus.ts';
import { compiledPackSchema } from '../schema/dictionary.ts';
import { encodePack } from '../schema/pack-encoding.ts';
import { candidatePasses, collectCandidates, exampleCandidates, ruleExamples, withoutJudge } from './candidates.ts';
import { DEFAULT_TRAIN_OPTIONS, trainJudge } from './train-judge.ts';

// CPU time, not wall: on a shared machine the wall clock also counts other processes.
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const t0 = cpuMs();
const pack = withoutJudge(compiledPackSchema.parse(JSON.parse(readFileSync(BUILTIN_COMPILED, 'utf8'))));
const { sources, problems } = readPackSources(BUILTIN_SOURCES);
if (problems.length) throw new Error(`${BUILTIN_SOURCES}: ${problems.length} problem(s); run npm run build:dict`);
const judge: JudgeSections = {};
let collectMs = 0, fitMs = 0;
const linters = candidatePasses(pack);
for (const locale of LOCALES) {
  const notes = presentNotes(readSplit(ROOT, locale, 'dev'));
  if (!notes.length) continue;
  const t1 = cpuMs();
  const { window } = DEFAULT_TRAIN_OPTIONS;
  const candidates = [
    ...collectCandidates(pack, notes, locale, window, linters).candidates,
    ...exampleCandidates(pack, ruleExamples(sources, locale), locale, window, linters),
  ];
  const t2 = cpuMs();
  judge[locale] = trainJudge(candidates, DEFAULT_TRAIN_OPTIONS);
  collectMs += t2 - t1;
  fitMs += cpuMs() - t2;
}
const json = JSON.stringify(encodePack({ ...pack, judge }));
writeFileSync(BUILTIN_COMPILED, json + '\n');
const size = Buffer.byteLength(JSON.stringify(judge));
console.log(`context judge: ${Object.entries(judge).map(([l, j]) => `${l} ${j.rules.length} rules`).join(', ')}; ${(size / 1024).toFixed(0)} kB in the pack; CPU: candidates ${collectMs.toFixed(0)} ms, fit ${fitMs.toFixed(0)} ms, whole step ${(cpuMs() - t0).toFixed(0)} ms`);
