/**
 * Quality of the built-in dictionaries on the DEV split (test/corpus/README.md):
 * the hand-labelled corpora (labelled-{fr,en}.jsonl) and the dev notes
 * (dev-{fr,en}.jsonl): per-category precision, recall, F2 (engine-notes point 11)
 * and false flags on clean notes. The tables are printed so CI logs show them;
 * `npm run bench:quality -- --errors` lists every miss.
 *
 * Thresholds are floors the current dictionaries meet: if a dictionary change
 * drops below one, fix the dictionary, do not lower the floor. The held-out TEST
 * split has no threshold on purpose: its figures are reported by bench:quality,
 * never tuned on. Corpus format is checked in corpus-format.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CATEGORY_IDS, type Locale } from '../lib/categories.ts';
import { ROOT } from '../lib/cli/builtin.ts';
import { classifyCorpusFile, corpusPath, describeFiles, evaluate, presentNotes, readLabelledCorpus, readSplit } from '../lib/eval/corpus.ts';
import { f2, formatErrors, formatFlaggedNotes, formatTable, locate, mergeScores, scoreCorpus, scoreNote, type CorpusScore, type LabelledNote } from '../lib/eval/score.ts';
import { corpusProblems } from '../lib/eval/validate.ts';
import { builtinLinter } from './helpers.ts';

const FLOORS = {
  /** Per locale, over all categories (micro-averaged). */
  recall: 0.9,
  precision: 0.95,
  f2: 0.9,
  /** Share of clean notes with at least one finding. */
  cleanFalseFlagRate: 0.02,
  /** Per category with at least 5 expectations. */
  categoryRecall: 0.65,
  categoryPrecision: 0.85,
};
const MIN_NOTES: Record<Locale, number> = { fr: 300, en: 150 };

describe('scorer (pure)', () => {
  const note: LabelledNote = {
    id: 't1', text: 'Client diabétique, vieux contrat, gros con',
    expect: [{ category: 'health', wording: 'diabétique' }, { category: 'insult', wording: 'gros con' }],
  };
  it('counts a finding as correct when the category matches and the spans overlap', () => {
    const s = scoreNote(note, [
      { start: 7, end: 17, category: 'health' },
      { start: 39, end: 42, category: 'insult' }, // "con" inside "gros con"
      { start: 19, end: 24, category: 'age' }, // "vieux": a false flag
    ]);
    expect(s.hits).toHaveLength(2);
    expect(s.misses).toHaveLength(0);
    expect(s.correct).toHaveLength(2);
    expect(s.falseFlags.map((f) => f.category)).toEqual(['age']);
  });
  it('a wrong category is both a miss and a false flag', () => {
    const s = scoreNote(note, [{ start: 7, end: 17, category: 'diet' }]);
    expect(s.misses.map((m) => m.category)).toEqual(['health', 'insult']);
    expect(s.misses[0]!.got?.[0]?.category).toBe('diet');
    expect(s.falseFlags).toHaveLength(1);
  });
  it('computes precision, recall, F2 and clean-note false flags', () => {
    const clean: LabelledNote = { id: 't2', text: 'Enceinte Bluetooth', expect: [] };
    const r = scoreCorpus([note, clean], (n) => (n.id === 't1' ? [{ start: 7, end: 17, category: 'health' }] : [{ start: 0, end: 8, category: 'pregnancy' }]));
    const health = r.categories.find((c) => c.category === 'health')!;
    expect([health.precision, health.recall]).toEqual([1, 1]);
    const insult = r.categories.find((c) => c.category === 'insult')!;
    expect([insult.recall, insult.precision]).toEqual([0, null]);
    expect(r.total).toMatchObject({ expected: 2, found: 1, flagged: 2, correct: 1, precision: 0.5, recall: 0.5 });
    expect(r.clean).toEqual({ notes: 1, flagged: 1, rate: 1, findings: 1 });
    expect(f2(0.5, 1)).toBeCloseTo(5 / 6);
  });
  it('rejects a wording that is not in its note', () => {
    expect(() => locate(note, { category: 'health', wording: 'cancer' })).toThrow(/not found/);
  });
  it('merges scores from their notes (both locales of a split)', () => {
    const a = scoreCorpus([note], () => [{ start: 7, end: 17, category: 'health' }]);
    const b = scoreCorpus([{ id: 't3', text: 'RAS', expect: [] }], () => []);
    const m = mergeScores([a, b]);
    expect(m.notes).toBe(2);
    expect(m.total).toMatchObject({ expected: 2, found: 1, flagged: 1, correct: 1 });
    expect(m.clean).toEqual({ notes: 1, flagged: 0, rate: 0, findings: 0 });
  });
  it('counts quoted comments flagged, fully found, and lists the rest with their source', () => {
    const missed: LabelledNote = { id: 'c2', text: 'Client chiant', expect: [{ category: 'insult', wording: 'chiant' }] };
    const s = scoreCorpus([note, missed], (n) => (n.id === 't1' ? [{ start: 7, end: 17, category: 'health' }] : []));
    const out = formatFlaggedNotes('CNIL', s, (id) => (id === 'c2' ? 'décision X' : undefined));
    expect(out.split('\n')[0]).toBe('CNIL: flagged 1/2 comments, every term found in 0/2');
    expect(out).toContain('partly missed t1: insult "gros con"');
    expect(out).toContain('MISSED c2: insult "chiant" | Client chiant [décision X]');
  });
});

describe('corpus checks (pure)', () => {
  it('reports duplicate ids, unknown categories and wordings that are not exact substrings', () => {
    const bad = [
      { id: 'x1', text: 'Client diabétique', expect: [{ category: 'health', wording: 'diabetique' }] },
      { id: 'x1', text: 'RAS', expect: [{ category: 'weather', wording: 'RAS' }] },
      { id: 'x2', text: 'ok ok', expect: [{ category: 'insult', wording: 'ok', start: 1 }] },
    ] as unknown as LabelledNote[];
    expect(corpusProblems(bad).map((p) => `${p.id}: ${p.problem}`)).toEqual([
      'x1: wording "diabetique" is not an exact substring of the text',
      'x1: duplicate id',
      'x1: unknown category "weather"',
      'x2: wording "ok" is not an exact substring of the text',
    ]);
  });
  it('names the split and locale of a corpus file', () => {
    expect(classifyCorpusFile('labelled-fr.jsonl')).toEqual({ split: 'dev', locale: 'fr' });
    expect(classifyCorpusFile('dev-en.jsonl')).toEqual({ split: 'dev', locale: 'en' });
    expect(classifyCorpusFile('heldout-fr.jsonl')).toEqual({ split: 'test', locale: 'fr' });
    expect(classifyCorpusFile('cnil-en.jsonl')).toEqual({ split: 'cnil', locale: 'en' });
    expect(classifyCorpusFile('fresh-fr.jsonl')).toEqual({ split: 'dev', locale: 'fr' });
    expect(classifyCorpusFile('blind-en.jsonl')).toEqual({ split: 'dev', locale: 'en' });
    expect(classifyCorpusFile('unseen-fr.jsonl')).toEqual({ split: 'dev', locale: 'fr' });
    expect(classifyCorpusFile('novel-fr.jsonl')).toEqual({ split: 'dev', locale: 'fr' });
    expect(classifyCorpusFile('cold-fr.jsonl')).toEqual({ split: 'dev', locale: 'fr' });
    expect(classifyCorpusFile('sealed-en.jsonl')).toEqual({ split: 'dev', locale: 'en' });
    expect(classifyCorpusFile('frozen-en.jsonl')).toEqual({ split: 'dev', locale: 'en' });
    expect(classifyCorpusFile('vault-fr.jsonl')).toEqual({ split: 'dev', locale: 'fr' });
    expect(classifyCorpusFile('attic-fr.jsonl')).toEqual({ split: 'dev', locale: 'fr' });
    expect(classifyCorpusFile('loft-fr.jsonl')).toEqual({ split: 'novel', locale: 'fr' });
    expect(classifyCorpusFile('notes-de.jsonl')).toBeNull();
  });
});

for (const locale of ['fr', 'en'] as const) {
  describe(`built-in dictionaries on the labelled ${locale} corpus`, () => {
    let notes: LabelledNote[];
    let score: CorpusScore;
    beforeAll(() => {
      notes = readLabelledCorpus(corpusPath(ROOT, locale));
      score = evaluate(builtinLinter(), notes, locale);
      console.log(`${formatTable(`Quality ${locale}`, score)}\n`);
    });

    it('is a real corpus: enough notes, about half clean, every category labelled', () => {
      expect(notes.length).toBeGreaterThanOrEqual(MIN_NOTES[locale]);
      const clean = notes.filter((n) => n.expect.length === 0).length;
      expect(clean / notes.length).toBeGreaterThan(0.4);
      expect(clean / notes.length).toBeLessThan(0.6);
      const labelled = new Set(notes.flatMap((n) => n.expect.map((e) => e.category)));
      expect([...CATEGORY_IDS].filter((c) => !labelled.has(c))).toEqual([]);
      expect(new Set(notes.map((n) => n.id)).size).toBe(notes.length);
    });

    it(`meets the overall floors (recall ≥ ${FLOORS.recall}, precision ≥ ${FLOORS.precision}, F2 ≥ ${FLOORS.f2})`, () => {
      const errors = formatErrors(score);
      expect(score.total.recall, errors).toBeGreaterThanOrEqual(FLOORS.recall);
      expect(score.total.precision, errors).toBeGreaterThanOrEqual(FLOORS.precision);
      expect(score.total.f2, errors).toBeGreaterThanOrEqual(FLOORS.f2);
    });

    it(`flags at most ${FLOORS.cleanFalseFlagRate * 100} % of clean notes`, () => {
      const flagged = score.perNote.filter((n) => n.clean && n.falseFlags.length).map((n) => `${n.id}: ${n.falseFlags.map((f) => `${f.category} "${f.text}"`).join(', ')} | ${n.text}`);
      expect(score.clean.rate, flagged.join('\n')).toBeLessThanOrEqual(FLOORS.cleanFalseFlagRate);
    });

    it(`keeps every category above recall ${FLOORS.categoryRecall} and precision ${FLOORS.categoryPrecision}`, () => {
      const weak = score.categories
        .filter((c) => c.expected >= 5)
        .filter((c) => (c.recall ?? 0) < FLOORS.categoryRecall || (c.precision ?? 0) < FLOORS.categoryPrecision)
        .map((c) => `${c.category}: precision ${c.precision?.toFixed(2)}, recall ${c.recall?.toFixed(2)}`);
      expect(weak).toEqual([]);
    });
  });
}

for (const locale of ['fr', 'en'] as const) {
  describe(`built-in dictionaries on the whole ${locale} dev split (labelled + dev notes)`, () => {
    it(`flags at most ${FLOORS.cleanFalseFlagRate * 100} % of its clean notes`, () => {
      const files = readSplit(ROOT, locale, 'dev');
      const score = evaluate(builtinLinter(), presentNotes(files), locale);
      console.log(`${formatTable(`DEV ${locale} [${describeFiles(files)}]`, score)}\n`);
      const flagged = score.perNote.filter((n) => n.clean && n.falseFlags.length).map((n) => `${n.id}: ${n.falseFlags.map((f) => `${f.category} "${f.text}"`).join(', ')} | ${n.text}`);
      expect(score.clean.rate, flagged.join('\n')).toBeLessThanOrEqual(FLOORS.cleanFalseFlagRate);
    });
  });
}
