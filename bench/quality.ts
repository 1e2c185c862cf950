/**
 * Quality of the built-in dictionaries on the labelled corpora (test/corpus/README.md),
 * per locale and per split: DEV (labelled-* + dev-*, what dictionaries may be tuned on),
 * TEST (heldout-*, reported, never tuned on), the CNIL set (quoted comments) and NOVEL
 * (loft-*, the newest held-out set, written later, reported, never tuned on).
 * Per category: precision, recall, F2; plus false flags on clean notes.
 *
 * Run: npm run bench:quality                       (every split, both locales)
 *      npm run bench:quality -- --split test       (dev | test | cnil | novel)
 *      npm run bench:quality -- --locale fr        (fr | en)
 *      npm run bench:quality -- --errors           (plus every miss and false flag)
 *      npm run bench:quality -- --second-stage on  (on | off: the context judge, lib/engine/judge.ts;
 *                                                   default: the engine's default)
 */
import { parseArgs } from 'node:util';
import { Linter } from '../lib/engine/lint.ts';
import { loadBuiltinPack, ROOT } from '../lib/cli/builtin.ts';
import { LOCALES, type Locale } from '../lib/categories.ts';
import { describeFiles, evaluate, presentNotes, readSplit, SPLITS, type Split } from '../lib/eval/corpus.ts';
import { formatErrors, formatFlaggedNotes, formatTable, mergeScores, type CorpusScore } from '../lib/eval/score.ts';

const USAGE = 'usage: npm run bench:quality -- [--split dev|test|cnil|novel] [--locale fr|en] [--errors] [--second-stage on|off]';

function options(): { splits: readonly Split[]; locales: readonly Locale[]; errors: boolean; secondStage: boolean | undefined } {
  try {
    const { values } = parseArgs({
      options: { split: { type: 'string' }, locale: { type: 'string' }, errors: { type: 'boolean', default: false }, 'second-stage': { type: 'string' } },
      strict: true,
    });
    const split = values.split;
    if (split !== undefined && !SPLITS.includes(split as Split)) throw new Error(`unknown split "${split}"`);
    const locale = values.locale;
    if (locale !== undefined && !LOCALES.includes(locale as Locale)) throw new Error(`unknown locale "${locale}"`);
    const stage = values['second-stage'];
    if (stage !== undefined && stage !== 'on' && stage !== 'off') throw new Error(`--second-stage takes on or off, not "${stage}"`);
    return {
      secondStage: stage === undefined ? undefined : stage === 'on',
      splits: split ? [split as Split] : SPLITS,
      locales: locale ? [locale as Locale] : LOCALES,
      errors: values.errors,
    };
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

const TITLES: Record<Split, string> = {
  dev: 'DEV',
  test: 'TEST (held out)',
  cnil: 'CNIL set (comments quoted in decisions and the press)',
  novel: 'NOVEL (held out, written last)',
};

const opts = options();
const linter = new Linter([loadBuiltinPack()], opts.secondStage === undefined ? {} : { secondStage: opts.secondStage });
const testScores: CorpusScore[] = [];
const novelScores: CorpusScore[] = [];
for (const locale of opts.locales) {
  console.log(`=== ${locale} ===`);
  for (const split of opts.splits) {
    const files = readSplit(ROOT, locale, split);
    const notes = presentNotes(files);
    const title = `${TITLES[split]} ${locale} [${describeFiles(files)}]`;
    if (!notes.length) {
      console.log(`${title}: absent\n`);
      continue;
    }
    const score = evaluate(linter, notes, locale);
    if (split === 'cnil') {
      const sources = new Map(notes.map((n) => [n.id, n.source]));
      console.log(formatFlaggedNotes(title, score, (id) => sources.get(id)));
    } else {
      console.log(formatTable(title, score));
    }
    if (split === 'test') testScores.push(score);
    if (split === 'novel') novelScores.push(score);
    if (opts.errors) console.log(formatErrors(score) || '(no errors)');
    console.log();
  }
}
if (testScores.length > 1) console.log(formatTable(`TEST (held out), all locales`, mergeScores(testScores)));
if (novelScores.length > 1) console.log(formatTable(`${TITLES.novel}, all locales`, mergeScores(novelScores)));
