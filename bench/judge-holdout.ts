/**
 * The context judge measured on a DEV file it was not trained on: trains on DEV without
 * the named corpus stem (default `attic`, the last held-out set, written blind), the
 * entries' examples included, then judges that file's findings. Per locale and training
 * variant: clean notes falsely flagged and recall, stage off vs on. Unlike the k-fold of
 * bench/second-stage.ts, the held file was written by another hand than the rest of DEV,
 * which is how notes nobody has seen differ. Never point it at a held-out split.
 *
 * Run: npx tsx bench/judge-holdout.ts [--hold attic] [--locale fr|en]
 */
import { parseArgs } from 'node:util';
import { BUILTIN_SOURCES, ROOT, loadBuiltinPack } from '../lib/cli/builtin.ts';
import { readPackSources } from '../lib/compiler/read-pack-dir.ts';
import { LOCALES, type Locale } from '../lib/categories.ts';
import { ContextJudge } from '../lib/engine/judge.ts';
import { presentNotes, readSplit } from '../lib/eval/corpus.ts';
import { scoreCorpus } from '../lib/eval/score.ts';
import { candidatePasses, collectCandidates, exampleCandidates, ruleExamples, withoutJudge } from '../lib/learn/candidates.ts';
import { DEFAULT_TRAIN_OPTIONS, trainJudge, type TrainOptions } from '../lib/learn/train-judge.ts';

const { values } = parseArgs({ options: { hold: { type: 'string', default: 'attic' }, locale: { type: 'string' } } });
const VARIANTS: Array<[string, Partial<TrainOptions>]> = [
  ['defaults', {}], ['min negatives 1', { minNegatives: 1 }], ['every rule', { minNegatives: 0 }],
  ['τ 0.2', { threshold: 0.2 }], ['every rule τ 0.2', { minNegatives: 0, threshold: 0.2 }], ['negatives ×3', { negativeWeight: 3 }],
];
const pack = withoutJudge(loadBuiltinPack());
const linters = candidatePasses(pack);
const sources = readPackSources(BUILTIN_SOURCES).sources;
const window = DEFAULT_TRAIN_OPTIONS.window;

for (const locale of (values.locale ? [values.locale] : LOCALES) as Locale[]) {
  const held = (name: string) => name.startsWith(`${values.hold}-`);
  const files = readSplit(ROOT, locale, 'dev');
  const train = presentNotes(files.filter((f) => !held(f.name)));
  const test = presentNotes(files.filter((f) => held(f.name)));
  if (!test.length) { console.log(`${locale}: no ${values.hold}-${locale}.jsonl in DEV`); continue; }
  const trainCands = [...collectCandidates(pack, train, locale, window, linters).candidates, ...exampleCandidates(pack, ruleExamples(sources, locale), locale, window, linters)];
  const { candidates: testCands, findings } = collectCandidates(pack, test, locale, window, linters);
  const off = scoreCorpus(test, (n) => findings.get(n.id)!);
  const line = (label: string, s: typeof off) => `${label.padEnd(18)} clean flagged ${s.clean.flagged}/${s.clean.notes} (${(s.clean.rate * 100).toFixed(1)} %), recall ${s.total.recall!.toFixed(3)} (${s.total.found}/${s.total.expected})`;
  console.log(`${locale}: trained on ${train.length} DEV notes, judged ${test.length} of ${values.hold}-${locale}.jsonl`);
  console.log(`  ${line('stage off', off)}`);
  for (const [name, variant] of VARIANTS) {
    const judge = new ContextJudge(trainJudge(trainCands, variant));
    const veto = new Set(testCands.filter((c) => c.guarded && judge.vetoes(c)).map((c) => `${c.note}:${c.start}:${c.end}:${c.rule}`));
    const on = scoreCorpus(test, (n) => findings.get(n.id)!.filter((f) => !veto.has(`${n.id}:${f.start}:${f.end}:${f.rule}`)));
    console.log(`  ${line(name, on)}`);
  }
}
