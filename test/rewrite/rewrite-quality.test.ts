/**
 * Issue 12: applying every first suggestion of each note of the rewrite corpus
 * (test/rewrite/rewrite-{fr,en}.jsonl, as `audit --redact` does) leaves at most
 * 2 % of the rewritten notes broken (lib/eval/broken.ts), and re-linting the
 * rewritten text finds no error-severity finding. Both redaction modes.
 */
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../lib/categories.ts';
import { ROOT } from '../../lib/cli/builtin.ts';
import { corpusPath, readLabelledCorpus } from '../../lib/eval/corpus.ts';
import { formatRewriteErrors, readRewriteCorpus, rewriteCorpusPath, scoreRewrites } from '../../lib/eval/rewrite.ts';
import { builtinLinter } from '../helpers.ts';

const SHAPES = ['copula', 'whole', 'et', 'and', 'appos', 'paren', 'label', 'start', 'mid', 'numeral', 'agree', 'list', 'end', 'colon', 'semi'];

describe('rewrite corpus', () => {
  const linter = builtinLinter();
  const corpus = Object.fromEntries(LOCALES.map((l) => [l, readRewriteCorpus(rewriteCorpusPath(ROOT, l))]));

  it('holds at least 300 flagged notes, every category and every clause shape', () => {
    const all = LOCALES.flatMap((l) => corpus[l]!.map((n) => ({ n, l })));
    const flagged = all.filter(({ n, l }) => linter.lint(n.text, { locale: l }).length > 0);
    expect(flagged.length).toBeGreaterThanOrEqual(300);
    const categories = new Set(flagged.flatMap(({ n, l }) => linter.lint(n.text, { locale: l }).map((f) => f.category)));
    expect([...categories].sort()).toEqual(['age', 'appearance', 'criminal', 'diet', 'disability', 'finance', 'genetics', 'health', 'identifier', 'insult', 'origin', 'politics', 'pregnancy', 'religion', 'sexuality', 'union']);
    const shapes = new Set(all.map(({ n }) => n.shape));
    for (const s of SHAPES) expect(shapes, s).toContain(s);
  });

  it('the labelled detection corpus (not written for rewrites) stays at most 2 % broken too', () => {
    for (const locale of LOCALES) {
      const notes = readLabelledCorpus(corpusPath(ROOT, locale)).map((n) => ({ id: n.id, shape: 'labelled', text: n.text }));
      const s = scoreRewrites(linter, notes, locale, 'suggest');
      expect(s.share, formatRewriteErrors(s)).toBeLessThanOrEqual(0.02);
      expect(s.errorsLeft).toBe(0);
    }
  });

  for (const mode of ['suggest', 'remove'] as const) {
    for (const locale of LOCALES) {
      it(`${mode}, ${locale}: at most 2 % broken, no error left`, () => {
        const s = scoreRewrites(linter, corpus[locale]!, locale, mode);
        console.log(`rewrite ${mode} ${locale}: ${s.broken}/${s.flagged} broken`);
        expect(s.share, formatRewriteErrors(s)).toBeLessThanOrEqual(0.02);
        expect(s.errorsLeft).toBe(0);
      });
    }
  }
});
