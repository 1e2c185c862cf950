/**
 * Rewrite quality on the corpus test/rewrite/rewrite-{fr,en}.jsonl (and on the labelled
 * detection corpus test/corpus/labelled-{fr,en}.jsonl): the share of
 * rewritten notes that read broken after every first suggestion is applied
 * (as `audit --redact` does), in suggest and remove modes.
 * Run: npm run bench:quality                      (with the dictionary tables)
 *      npx tsx bench/rewrite-quality.ts --errors  (plus every broken rewrite)
 */
import { Linter } from '../lib/engine/lint.ts';
import { loadBuiltinPack, ROOT } from '../lib/cli/builtin.ts';
import { LOCALES } from '../lib/categories.ts';
import { formatRewriteErrors, readRewriteCorpus, rewriteCorpusPath, scoreRewrites, type RewriteNote } from '../lib/eval/rewrite.ts';
import { corpusPath, readLabelledCorpus } from '../lib/eval/corpus.ts';

const showErrors = process.argv.includes('--errors');
const linter = new Linter([loadBuiltinPack()]);
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
console.log('Rewrite quality (broken = issue 12 definition, lib/eval/broken.ts)');
for (const mode of ['suggest', 'remove'] as const) {
  let flagged = 0;
  let broken = 0;
  for (const locale of LOCALES) {
    // The rewrite corpus, then the labelled quality corpus (written for detection, not for rewrites).
    const corpora: Array<[string, RewriteNote[]]> = [
      ['rewrite', readRewriteCorpus(rewriteCorpusPath(ROOT, locale))],
      ['labelled', readLabelledCorpus(corpusPath(ROOT, locale)).map((n) => ({ id: n.id, shape: 'labelled', text: n.text }))],
    ];
    for (const [name, notes] of corpora) {
      const s = scoreRewrites(linter, notes, locale, mode);
      flagged += s.flagged;
      broken += s.broken;
      console.log(`  ${mode.padEnd(7)} ${locale} ${name.padEnd(8)}: ${s.broken}/${s.flagged} broken (${pct(s.share)}), ${s.errorsLeft} error finding(s) left`);
      if (showErrors) console.log(formatRewriteErrors(s) || '  (none broken)');
    }
  }
  console.log(`  ${mode.padEnd(7)} all: ${broken}/${flagged} rewritten notes broken (${pct(flagged ? broken / flagged : 0)})`);
}
