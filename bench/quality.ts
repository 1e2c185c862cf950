/**
 * Quality of the built-in dictionaries on the labelled corpora (test/corpus/):
 * per-category precision, recall, F2 and false flags on clean notes, fr and en.
 * Run: npm run bench:quality            (tables)
 *      npm run bench:quality -- --errors (plus every miss and false flag)
 */
import { Linter } from '../lib/engine/lint.ts';
import { loadBuiltinPack, ROOT } from '../lib/cli/builtin.ts';
import { LOCALES } from '../lib/categories.ts';
import { corpusPath, evaluate, readLabelledCorpus } from '../lib/eval/corpus.ts';
import { formatErrors, formatTable } from '../lib/eval/score.ts';

const showErrors = process.argv.includes('--errors');
const linter = new Linter([loadBuiltinPack()]);
for (const locale of LOCALES) {
  const score = evaluate(linter, readLabelledCorpus(corpusPath(ROOT, locale)), locale);
  console.log(formatTable(`Quality ${locale}`, score));
  if (showErrors) console.log(formatErrors(score) || '(no errors)');
  console.log();
}
