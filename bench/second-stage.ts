/**
 * The gate of the context judge (lib/engine/judge.ts): k-fold cross-validation on the DEV
 * split, grouped by note. Each fold's notes are judged by a judge trained on the other
 * folds' candidates (lib/learn/); the dictionaries are used as they are. Per locale and
 * threshold: clean notes falsely flagged and recall, stage off vs on, and whether the
 * stage passes the gate (false flags down ≥ 30 % relative, recall cost ≤ 0.005).
 *
 * Run: npx tsx bench/second-stage.ts [--folds 5] [--locale fr|en] [--vetoes] [--no-examples]
 */
import { parseArgs } from 'node:util';
import { BUILTIN_SOURCES, ROOT, loadBuiltinPack } from '../lib/cli/builtin.ts';
import { readPackSources } from '../lib/compiler/read-pack-dir.ts';
import { LOCALES, type Locale } from '../lib/categories.ts';
import { ContextJudge, hashFeature, judgeFeatures } from '../lib/engine/judge.ts';
import type { Finding } from '../lib/engine/types.ts';
import { presentNotes, readSplit } from '../lib/eval/corpus.ts';
import { scoreCorpus } from '../lib/eval/score.ts';
import { candidatePasses, collectCandidates, exampleCandidates, ruleExamples, type JudgeCandidate } from '../lib/learn/candidates.ts';
import { DEFAULT_TRAIN_OPTIONS, trainJudge, type TrainOptions } from '../lib/learn/train-judge.ts';

const { values } = parseArgs({ options: {
  folds: { type: 'string', default: '5' }, locale: { type: 'string' }, vetoes: { type: 'boolean', default: false },
  'no-examples': { type: 'boolean', default: false },
  /** A few training options around the defaults, each scored at every threshold. */
  sweep: { type: 'boolean', default: false },
} });
const VARIANTS: Array<[string, Partial<TrainOptions>]> = values.sweep
  ? [['defaults', {}], ['negatives ×3', { negativeWeight: 3 }], ['l2 1e-4', { l2: 1e-4 }], ['24 epochs', { epochs: 24 }], ['min negatives 1', { minNegatives: 1 }], ['min negatives 4', { minNegatives: 4 }], ['window 5', { window: 5 }], ['bits 16', { bits: 16 }]]
  : [['defaults', {}]];
const useExamples = !values['no-examples'];
const sources = useExamples ? readPackSources(BUILTIN_SOURCES).sources : [];
const k = Number(values.folds);
const locales = values.locale ? [values.locale as Locale] : LOCALES;
const THRESHOLDS = [0.05, 0.1, 0.2, 0.3, 0.5];
const pack = loadBuiltinPack();
const linters = candidatePasses(pack);
const window = DEFAULT_TRAIN_OPTIONS.window;

const foldOf = (note: string) => hashFeature(note) % k;
const keyOf = (c: { note: string; start: number; end: number; rule: string }) => `${c.note}:${c.start}:${c.end}:${c.rule}`;

for (const locale of locales) {
  const notes = presentNotes(readSplit(ROOT, locale, 'dev'));
  const t0 = performance.now();
  const collected = collectCandidates(pack, notes, locale, window, linters);
  const findings = collected.findings;
  const examples = useExamples ? exampleCandidates(pack, ruleExamples(sources, locale), locale, window, linters) : [];
  const all = [...collected.candidates, ...examples];
  const collectMs = performance.now() - t0;
  const negatives = all.filter((c) => !c.positive);
  console.log(`${locale}: ${notes.length} DEV notes, ${examples.length} from the entries' examples (${examples.filter((c) => !c.positive).length} negatives), ${all.length} candidates (${all.filter((c) => c.guarded).length} reported today, ${negatives.length} negatives of which ${negatives.filter((c) => c.guarded).length} reported); collected in ${collectMs.toFixed(0)} ms`);
  for (const [name, variant] of VARIANTS) {
    const opts = { ...DEFAULT_TRAIN_OPTIONS, ...variant };
    const candidates = opts.window === DEFAULT_TRAIN_OPTIONS.window ? all
      : all.map((c) => ({ ...c, hashes: Uint32Array.from(judgeFeatures(c, opts.window), hashFeature) }));
    const t1 = performance.now();
    const full = trainJudge(candidates, opts);
    console.log(`  [${name}] fit on all of DEV: ${(performance.now() - t1).toFixed(0)} ms, ${full.rules.length} ambiguous rules, ${full.weights.length} base64 chars of weights`);

    // Per fold, the judge trained without it; each held candidate's probability under it.
    const probability = new Map<string, number>();
    const judgedRule = new Map<string, boolean>();
    for (let f = 0; f < k; f++) {
      // The entries' examples belong to the dictionaries: every fold trains on them.
      const train = candidates.filter((c) => c.example || foldOf(c.note) !== f);
      const judge = new ContextJudge(trainJudge(train, opts));
      for (const c of candidates) {
        if (c.example || foldOf(c.note) !== f || !c.guarded) continue;
        probability.set(keyOf(c), judge.probability(c));
        judgedRule.set(keyOf(c), judge.judges(c.rule));
      }
    }
    const byKey = new Map<string, JudgeCandidate>(candidates.filter((c) => c.guarded && !c.example).map((c) => [keyOf(c), c]));
    const off = scoreCorpus(notes, (n) => findings.get(n.id)!);
    const report = (label: string, s: typeof off) =>
      `${label} clean flagged ${String(s.clean.flagged).padStart(3)}/${s.clean.notes} (${(s.clean.rate * 100).toFixed(2)} %), recall ${s.total.recall!.toFixed(4)} (${s.total.found}/${s.total.expected}), precision ${s.total.precision!.toFixed(4)}`;
    console.log(`  ${report('off        ', off)}`);
    for (const threshold of THRESHOLDS) {
      const vetoed: Finding[] = [];
      const on = scoreCorpus(notes, (n) => findings.get(n.id)!.filter((fd) => {
        const key = keyOf({ note: n.id, ...fd });
        const veto = judgedRule.get(key) === true && probability.get(key)! < threshold;
        if (veto) vetoed.push(fd);
        return !veto;
      }));
      const ffCut = off.clean.flagged ? 1 - on.clean.flagged / off.clean.flagged : 0;
      const recallCost = off.total.recall! - on.total.recall!;
      const pass = ffCut >= 0.3 && recallCost <= 0.005;
      console.log(`  ${report(`on τ=${threshold.toFixed(2)}`, on)}; ${vetoed.length} vetoes; false flags −${(ffCut * 100).toFixed(0)} %, recall −${recallCost.toFixed(4)} → ${pass ? 'PASS' : 'fail'}`);
      if (values.vetoes && threshold === opts.threshold) {
        for (const fd of vetoed) {
          const note = notes.find((n) => findings.get(n.id)!.includes(fd))!;
          const c = byKey.get(keyOf({ note: note.id, ...fd }))!;
          console.log(`    veto ${c.positive ? 'LOST' : 'ok  '} ${fd.rule} "${fd.text}" p=${probability.get(keyOf(c))!.toFixed(3)} | ${note.text.slice(0, 140)}`);
        }
      }
    }
  }
}
