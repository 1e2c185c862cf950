/**
 * The context judge (lib/engine/judge.ts), trained as the build trains it (lib/learn/):
 * deterministic training, a veto on a look-alike it never saw, no veto on a rule that
 * produced no false candidate, the pack field's round trip, and bad weights refused.
 */
import { describe, expect, it } from 'vitest';
import { Linter } from '../../lib/engine/lint.ts';
import { compilePack } from '../../lib/compiler/compile.ts';
import { parseSourceText } from '../../lib/compiler/load-sources.ts';
import { ContextJudge, decodeBase64, encodeBase64, judgeFeatures, JudgeError, type JudgeSection } from '../../lib/engine/judge.ts';
import { tokenize } from '../../lib/engine/tokenize.ts';
import { collectCandidates } from '../../lib/learn/candidates.ts';
import { trainJudge, type TrainOptions } from '../../lib/learn/train-judge.ts';
import { compiledPackSchema, type CompiledPack } from '../../lib/schema/dictionary.ts';
import { encodePack } from '../../lib/schema/pack-encoding.ts';
import type { LabelledNote } from '../../lib/eval/score.ts';

const SOURCE = `
locale: en
category: health
entries:
  - id: en.health.depression
    terms: [depression]
    suggestions: [{ remove: true }]
    message: A health condition is sensitive data.
    source: GDPR art. 9
    examples: { flag: [customer has depression] }
  - id: en.health.diabetic
    terms: [diabetic]
    suggestions: [{ remove: true }]
    message: A health condition is sensitive data.
    source: GDPR art. 9
    examples: { flag: [diabetic customer] }
`;

function compile(): CompiledPack {
  const src = parseSourceText('health.yaml', SOURCE);
  expect(src.problems).toEqual([]);
  const result = compilePack({ id: 'judge-test', version: '1.0.0', description: 'test' }, [src.value!]);
  expect(result.problems).toEqual([]);
  return result.pack!;
}

const sick = ['the customer', 'Mrs Lee', 'our buyer', 'the manager', 'Mr Roy', 'the client', 'her husband', 'the owner'];
const weather = ['the Atlantic', 'the sea', 'the coast', 'the bay', 'the channel', 'the north'];
/** A little corpus: people with depression (sensitive), weather depressions (clean), diabetics (always sensitive). */
function corpus(): LabelledNote[] {
  const notes: LabelledNote[] = [];
  sick.forEach((who, i) => {
    notes.push({ id: `s${i}`, text: `${who} has depression, call back gently next week`, expect: [{ category: 'health', wording: 'depression' }] });
    notes.push({ id: `d${i}`, text: `${who} is diabetic, no sweets at the lunch`, expect: [{ category: 'health', wording: 'diabetic' }] });
  });
  weather.forEach((where, i) => {
    notes.push({ id: `w${i}`, text: `Tropical depression over ${where}, the delivery trucks are delayed`, expect: [] });
    notes.push({ id: `x${i}`, text: `A depression moving over ${where}, storm warning for the install crew`, expect: [] });
  });
  return notes;
}

const OPTIONS: Partial<TrainOptions> = { threshold: 0.5, minNegatives: 1, epochs: 30 };

function trained(): { pack: CompiledPack; section: JudgeSection } {
  const pack = compile();
  const { candidates } = collectCandidates(pack, corpus(), 'en', 3);
  return { pack, section: trainJudge(candidates, OPTIONS) };
}

describe('context judge', () => {
  it('trains to the same bytes twice', () => {
    const a = trained().section;
    const b = trained().section;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.rules).toEqual(['en.health.depression']);
  });

  it('vetoes a look-alike it never saw, keeps the sensitive reading, only when the stage is on', () => {
    const { pack, section } = trained();
    const judged = { ...pack, judge: { en: section } };
    const on = new Linter([judged], { secondStage: true });
    const off = new Linter([judged], { secondStage: false });
    const lookAlike = 'Deep depression over the ocean tonight, the delivery trucks are late';
    expect(off.lint(lookAlike, { locale: 'en' }).map((f) => f.text)).toEqual(['depression']);
    expect(on.lint(lookAlike, { locale: 'en' })).toEqual([]);
    expect(on.lint('Mrs Kay has depression, call back gently', { locale: 'en' }).map((f) => f.text)).toEqual(['depression']);
    const [why] = on.explainJudge(lookAlike, { locale: 'en' });
    expect(why).toMatchObject({ text: 'depression', rule: 'en.health.depression', judged: true, vetoed: true });
    expect(why!.against.length).toBeGreaterThan(0);
  });

  it('never vetoes a rule that produced no false candidate', () => {
    const { pack, section } = trained();
    const on = new Linter([{ ...pack, judge: { en: section } }], { secondStage: true });
    expect(on.lint('Diabetic, tropical depression over the sea, the delivery trucks are delayed', { locale: 'en' }).map((f) => f.rule)).toContain('en.health.diabetic');
    expect(on.explainJudge('diabetic over the sea', { locale: 'en' })).toEqual([]);
  });

  it('round-trips through the pack file with and without the field', () => {
    const { pack, section } = trained();
    for (const p of [pack, { ...pack, judge: { en: section } }]) {
      const back = compiledPackSchema.parse(JSON.parse(JSON.stringify(encodePack(p))));
      expect(back).toEqual(p);
    }
    expect('judge' in compiledPackSchema.parse(JSON.parse(JSON.stringify(encodePack(pack))))).toBe(false);
  });

  it('refuses bad weights with a message that says what is wrong', () => {
    const { pack, section } = trained();
    const parse = (s: JudgeSection) => compiledPackSchema.safeParse(JSON.parse(JSON.stringify(encodePack({ ...pack, judge: { en: s } }))));
    const short = parse({ ...section, weights: section.weights.slice(0, 400) });
    expect(short.success).toBe(false);
    expect(short.error!.issues[0]).toMatchObject({ path: ['judge', 'en'] });
    expect(short.error!.issues[0]!.message).toMatch(/weights: holds 300 weights where bits 14 needs 16384/);
    expect(() => new ContextJudge({ ...section, weights: '!' + section.weights.slice(1) })).toThrow(JudgeError);
    expect(() => new ContextJudge({ ...section, weights: '!' + section.weights.slice(1) })).toThrow(/not base64/);
    expect(() => new ContextJudge({ ...section, threshold: 2 })).toThrow(/threshold: must be a probability/);
  });

  it('scores on the keystroke path exactly what training hashed', () => {
    const judge = new ContextJudge(trained().section);
    const texts = ['Deep depression over the ocean. Trucks late', 'Mme Dupont, dépressive; rappeler', 'a b c d e f g h i j k', 'x'];
    for (const text of texts) {
      const tokens = tokenize(text);
      for (let first = 0; first < tokens.length; first++) {
        for (const window of [0, 3, 5]) {
          const m = { tokens, first, last: Math.min(tokens.length, first + 2), rule: 'en.health.x', category: 'health', typo: first % 2 === 0 };
          const windowed = new ContextJudge({ ...judge.section, window });
          expect(windowed.probability(m)).toBeCloseTo(windowed.probabilityOf(judgeFeatures(m, window)), 12);
        }
      }
    }
  });

  it('encodes base64 as the standard does', () => {
    for (const text of ['', 'f', 'fo', 'foo', 'foobar', 'é\u0000\u00ff']) {
      const bytes = new TextEncoder().encode(text);
      expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      expect([...decodeBase64(encodeBase64(bytes), 'test')]).toEqual([...bytes]);
    }
  });
});
