import { describe, expect, it } from 'vitest';
import { Readable, Writable } from 'node:stream';
import { Linter } from '../../lib/engine/lint.ts';
import { compilePack } from '../../lib/compiler/compile.ts';
import { parseSourceText } from '../../lib/compiler/load-sources.ts';
import { sourceEntrySchema } from '../../lib/schema/dictionary.ts';
import { checkJsonl } from '../../lib/cli/check.ts';
import { builtinLinter } from '../helpers.ts';

const PACK = `
locale: fr
category: age
entries:
  - id: fr.age.vieille-bique
    categories: [age, insult]
    terms: [vieille bique]
    inflect: false
    suggestions: [{ remove: true }]
    message: Un sobriquet moqueur sur l'âge est discriminatoire.
    source: Code pénal 225-1
    examples: { flag: [une vieille bique] }
  - id: fr.age.croulant
    terms: [croulant]
    suggestions: [{ remove: true }]
    message: Un sobriquet moqueur sur l'âge est discriminatoire.
    source: Code pénal 225-1
    examples: { flag: [un croulant] }
  - id: fr.insult.croulant
    category: insult
    severity: error
    terms: [croulant]
    suggestions: [interlocuteur]
    message: Une injure n'a pas sa place dans une note.
    source: RGPD art. 5
    examples: { flag: [un croulant] }
  - id: fr.politics.militant
    category: politics
    terms: [militant]
    suggestions: [{ remove: true }]
    message: Une opinion politique est une donnée sensible.
    source: RGPD art. 9
    examples: { flag: [militant] }
  - id: fr.union.militant-cgt
    category: union
    terms: [militant CGT]
    suggestions: [{ remove: true }]
    message: L'appartenance syndicale est une donnée sensible.
    source: RGPD art. 9
    examples: { flag: [militant CGT] }
  - id: fr.health.diabete
    category: health
    terms: [diabétique]
    suggestions: [{ remove: true }]
    message: L'état de santé est une donnée sensible.
    source: RGPD art. 9
    examples: { flag: [client diabétique] }
  - id: fr.criminal.taule
    category: criminal
    terms: [en taule]
    context: { exclude: [devis, livraison], window: 6 }
    suggestions: [{ remove: true }]
    message: Une condamnation est une donnée d'infraction.
    source: RGPD art. 10
    examples: { flag: [en taule depuis janvier] }
`;

function compile(yaml: string) {
  const src = parseSourceText('cats.yaml', yaml);
  expect(src.problems).toEqual([]);
  return compilePack({ id: 'cats', version: '1.0.0', description: 'test' }, [src.value!]);
}
const pack = compile(PACK).pack!;
const lint = new Linter([pack]);
const cats = (text: string, l = lint) => l.lint(text, { locale: 'fr' }).map((f) => [f.text, f.category, ...(f.categories ?? [])]);

describe('several categories on one span', () => {
  it('gives an entry with categories one finding carrying all of them, primary first', () => {
    const [f] = lint.lint('Une vieille bique à l’accueil', { locale: 'fr' });
    expect(f).toMatchObject({ category: 'age', categories: ['age', 'insult'], rule: 'fr.age.vieille-bique' });
  });

  it('merges two entries of different categories on the same wording, the more severe first', () => {
    const found = lint.lint('un vrai croulant', { locale: 'fr' });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ category: 'insult', categories: ['insult', 'age'], rule: 'fr.insult.croulant', severity: 'error' });
  });

  it('lets a longer, more specific phrase decide the category of the words inside it', () => {
    expect(cats('Militant CGT depuis 2010')).toEqual([['Militant CGT', 'union', 'union']]);
    expect(cats('militant depuis 2010')).toEqual([['militant', 'politics', 'politics']]);
  });

  it('keeps the other category when policy turns one category off', () => {
    const noInsult = new Linter([pack], { disabledRules: ['insult'] });
    expect(cats('une vieille bique', noInsult)).toEqual([['vieille bique', 'age', 'age']]);
    expect(cats('un croulant', noInsult)).toEqual([['croulant', 'age', 'age']]);
    expect(new Linter([pack], { disabledRules: ['age', 'insult'] }).lint('une vieille bique', { locale: 'fr' })).toEqual([]);
  });

  it('refuses a category that contradicts categories, and a category listed twice', () => {
    const bad = compile(PACK.replace('    categories: [age, insult]\n', '    category: insult\n    categories: [age, insult]\n'));
    expect(bad.pack).toBeUndefined();
    expect(bad.problems.map((p) => p.message).join('\n')).toMatch(/list the primary category first/);
    const twice = sourceEntrySchema.safeParse({ ...parseSourceText('x.yaml', PACK).value!.data.entries[0], categories: ['age', 'age'] });
    expect(twice.success).toBe(false);
  });

  it('writes categories in the JSONL output, primary first', async () => {
    let out = '';
    const sink = new Writable({ write(chunk, _e, cb) { out += String(chunk); cb(); } });
    const input = Readable.from([JSON.stringify({ id: 1, text: 'une vieille bique, diabétique' }) + '\n']);
    await checkJsonl(lint, { locale: 'fr', failOn: 'none', format: 'json' }, input, sink, sink);
    const line = JSON.parse(out.trim()) as { findings: Array<{ category: string; categories: string[] }> };
    expect(line.findings.map((f) => [f.category, f.categories])).toEqual([['age', ['age', 'insult']], ['health', ['health']]]);
  });
});

describe('every sensitive term of a note', () => {
  it('reports each term when a context word of one sits in another sentence', () => {
    expect(cats('Trois devis sans suite. En taule depuis janvier, diabétique.').map((c) => c[1])).toEqual(['criminal', 'health']);
    expect(cats('Trois devis en taule')).toEqual([]); // same sentence: the context word still counts
  });

  it('reports 2 to 4 different terms of the built-in dictionaries in one note', () => {
    const l = builtinLinter();
    const notes: Array<[string, string[]]> = [
      ['Client diabétique et musulman pratiquant, en fauteuil roulant', ['health', 'religion', 'disability']],
      ['Cliente enceinte, diabétique, syndiquée à la CGT, surendettée', ['pregnancy', 'health', 'union', 'finance']],
      ['Prospect à fuir, trois devis sans suite. En taule depuis janvier d’après sa femme', ['insult', 'criminal']],
      ['She is off sick this week, resend the quote. He receives disability benefits', ['health', 'disability']],
      ['Arrogant CIO, interrupted the whole demo. Voiceprint of the customer saved', ['insult', 'genetics']],
      ['Customer is diabetic, gay and a muslim', ['health', 'sexuality', 'religion']],
    ];
    for (const [text, expected] of notes) expect(l.lint(text).map((f) => f.category), text).toEqual(expected);
  });
});
