import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Linter } from '../../lib/engine/lint.ts';
import { applyFix, applyFixes } from '../../lib/engine/apply.ts';
import { compilePack } from '../../lib/compiler/compile.ts';
import { parseSourceText } from '../../lib/compiler/load-sources.ts';
import { builtinLinter } from '../helpers.ts';

/** A tiny pack written inline, so these tests do not move when dictionaries grow. */
function miniLinter(yaml: string, options = {}): Linter {
  const src = parseSourceText('mini.yaml', yaml);
  expect(src.problems).toEqual([]);
  const result = compilePack({ id: 'mini', version: '1.0.0', description: 'test' }, [src.value!]);
  expect(result.problems).toEqual([]);
  return new Linter([result.pack!], options);
}

const MINI = `
locale: fr
category: health
entries:
  - id: fr.health.diabete
    terms: [diabétique]
    suggestions: [{ remove: true }]
    message: L'état de santé est une donnée sensible.
    source: RGPD art. 9
    examples: { flag: [client diabétique] }
  - id: fr.pregnancy.enceinte
    category: pregnancy
    terms: [enceinte]
    suggestions: [indisponible temporairement]
    unless: [enceinte bluetooth, enceinte connectée]
    message: La grossesse est une donnée sensible.
    source: RGPD art. 9
    examples: { flag: [elle est enceinte] }
  - id: fr.diet.menu-hallal
    category: diet
    terms: [menu hallal]
    suggestions: [menu spécial]
    message: Un régime hallal révèle une religion.
    source: CJUE C-184/20
    examples: { flag: [menu hallal] }
  - id: fr.diet.hallal
    category: diet
    terms: [hallal]
    inflect: false
    suggestions: [{ remove: true }]
    message: Un régime hallal révèle une religion.
    source: CJUE C-184/20
    examples: { flag: [hallal] }
  - id: fr.insult.casse-pieds
    category: insult
    terms: [casse-pieds]
    suggestions: [exigeant]
    message: Un jugement insultant n'a pas sa place.
    source: CNIL
    examples: { flag: [casse-pieds] }
  - id: fr.origin.origine-marocaine
    category: origin
    terms: [d'origine marocaine]
    suggestions: [{ remove: true }]
    message: L'origine est une donnée sensible.
    source: RGPD art. 9
    examples: { flag: [d'origine marocaine] }
  - id: fr.age.meme
    category: age
    terms: [mémé]
    accents: strict
    suggestions: [{ remove: true }]
    message: Un surnom sur l'âge n'a pas sa place.
    source: Code pénal 225-1
    examples: { flag: [une mémé] }
  - id: fr.age.vieux
    category: age
    terms: [vieux]
    context: { require: [monsieur, client, dame], window: 3 }
    suggestions: [{ remove: true }]
    message: Un jugement sur l'âge n'a pas sa place.
    source: Code pénal 225-1
    examples: { flag: [vieux client] }
  - id: fr.origin.seul
    category: origin
    terms: [marocaine]
    context: { standalone: true }
    suggestions: [{ remove: true }]
    message: L'origine est une donnée sensible.
    source: RGPD art. 9
    examples: { flag: ["Mme Alaoui, marocaine, rappelle"] }
`;

describe('matcher', () => {
  const lint = miniLinter(MINI);

  it('finds inflected forms and reports the exact wording and offsets', () => {
    const text = 'Cliente DIABÉTIQUE, prévoir 6 menus hallal et des diabetiques';
    const f = lint.lint(text, { locale: 'fr' });
    expect(f.map((x) => [x.rule, x.text])).toEqual([
      ['fr.health.diabete', 'DIABÉTIQUE'],
      ['fr.diet.menu-hallal', 'menus hallal'],
      ['fr.health.diabete', 'diabetiques'],
    ]);
    for (const x of f) expect(text.slice(x.start, x.end)).toBe(x.text);
  });

  it('agrees suggestions in number and keeps the capitalization of the match', () => {
    expect(lint.lint('Prévoir 6 menus hallal', { locale: 'fr' })[0]!.suggestions).toEqual(['menus spéciaux']);
    expect(lint.lint('Menu hallal pour lui', { locale: 'fr' })[0]!.suggestions).toEqual(['Menu spécial']);
    expect(lint.lint('Vrai casse-pieds', { locale: 'fr' })[0]!.suggestions).toEqual(['Exigeant']);
    expect(lint.lint('MENU HALLAL', { locale: 'fr' })[0]!.suggestions).toEqual(['MENU SPÉCIAL']);
  });

  it('prefers the longest match and matches across hyphen or space', () => {
    const f = lint.lint('un menu hallal', { locale: 'fr' });
    expect(f).toHaveLength(1);
    expect(f[0]!.rule).toBe('fr.diet.menu-hallal');
    expect(lint.lint('vrai casse pieds', { locale: 'fr' })[0]!.rule).toBe('fr.insult.casse-pieds');
  });

  it('does not continue a phrase across punctuation', () => {
    const f = lint.lint('Menu. Hallal', { locale: 'fr' });
    expect(f.map((x) => x.rule)).toEqual(['fr.diet.hallal']);
  });

  it('applies unless phrases, in any inflection', () => {
    expect(lint.lint('Livrer 2 enceintes Bluetooth', { locale: 'fr' })).toEqual([]);
    expect(lint.lint('une enceinte connectée', { locale: 'fr' })).toEqual([]);
    expect(lint.lint('Elle est enceinte', { locale: 'fr' })).toHaveLength(1);
  });

  it('matches elided phrases written with a typographic apostrophe', () => {
    const text = 'Monsieur D’origine marocaine';
    const [f] = lint.lint(text, { locale: 'fr' });
    expect(f!.text).toBe('D’origine marocaine');
  });

  it('applies context words', () => {
    expect(lint.lint('un vieux client fidèle', { locale: 'fr' })).toHaveLength(1);
    expect(lint.lint('remplacer le vieux photocopieur', { locale: 'fr' })).toHaveLength(0);
  });

  it('matches a standalone entry only when punctuation or the ends of the note surround it', () => {
    const words = (t: string) => lint.lint(t, { locale: 'fr' }).map((f) => f.text);
    expect(words('Mme Alaoui, marocaine, rappelle jeudi')).toEqual(['marocaine']);
    expect(words('Marocaine. Rappelle jeudi')).toEqual(['Marocaine']);
    expect(words('Cliente : marocaine')).toEqual(['marocaine']);
    expect(words('Huile marocaine, 12 bidons')).toEqual([]);
    expect(words('Rappelle jeudi, cuisine marocaine')).toEqual([]);
    // Words that grade the label, and one more label coordinated with it, still leave it alone in its segment.
    expect(words('Rappelle jeudi, très marocaine')).toEqual(['marocaine']);
    expect(words('Rappelle jeudi, souriante et marocaine')).toEqual(['marocaine']);
    expect(words('Marocaine et souriante. Rappelle jeudi')).toEqual(['Marocaine']);
    expect(words('Rappelle jeudi, huile et marocaine du souk')).toEqual([]);
    expect(words('Rappelle jeudi, spécialités très marocaines')).toEqual([]);
  });

  it('counts a label that opens its sentence before a comma when the entry allows it', () => {
    const label = miniLinter(MINI.replace('context: { require: [monsieur, client, dame], window: 3 }', 'context: { require: [monsieur, client, dame], window: 3, label: true }'));
    expect(label.lint('Vieux, très sympa', { locale: 'fr' })).toHaveLength(1);
    expect(label.lint('RDV fait. Vieux. Rappeler lundi', { locale: 'fr' })).toHaveLength(1);
    expect(label.lint('Vieux photocopieur à remplacer', { locale: 'fr' })).toHaveLength(0);
    expect(label.lint('remplacer le vieux, puis livrer', { locale: 'fr' })).toHaveLength(0);
    expect(lint.lint('Vieux, très sympa', { locale: 'fr' })).toHaveLength(0);
    const only = miniLinter(MINI.replace('context: { require: [monsieur, client, dame], window: 3 }', 'context: { label: true, window: 3 }'));
    expect(only.lint('Vieux, très sympa', { locale: 'fr' })).toHaveLength(1);
    expect(only.lint('un vieux client', { locale: 'fr' })).toHaveLength(0);
  });

  it('drops a match that modifies a listed noun within two words of the same clause', () => {
    const mod = miniLinter(MINI.replace('context: { require: [monsieur, client, dame], window: 3 }', 'context: { modifies: [photocopieur], window: 3 }'));
    expect(mod.lint('un vieux photocopieur', { locale: 'fr' })).toHaveLength(0);
    expect(mod.lint('un vieux grand photocopieur', { locale: 'fr' })).toHaveLength(0);
    expect(mod.lint('trop vieux, photocopieur à changer', { locale: 'fr' })).toHaveLength(1);
    expect(mod.lint('vieux client du photocopieur', { locale: 'fr' })).toHaveLength(1);
    expect(mod.lint('trop vieux le photocopieur', { locale: 'fr' })).toHaveLength(1);
    const phrase = miniLinter(MINI.replace('terms: [vieux]', 'terms: [vieux, trop vieux pour apprendre]').replace('context: { require: [monsieur, client, dame], window: 3 }', 'context: { modifies: [photocopieur], window: 3 }'));
    expect(phrase.lint('trop vieux pour apprendre nouveau photocopieur', { locale: 'fr' }).map((f) => f.text)).toEqual(['trop vieux pour apprendre']);
  });

  it('compares accents for accent-strict entries only', () => {
    expect(lint.lint('une vraie mémé, MÉMÉS', { locale: 'fr' }).map((f) => f.text)).toEqual(['mémé', 'MÉMÉS']);
    expect(lint.lint('aux mêmes conditions, la même offre', { locale: 'fr' })).toEqual([]);
    expect(lint.lint('client diabetique', { locale: 'fr' })).toHaveLength(1);
  });

  it('never matches inside a word', () => {
    expect(lint.lint('hallalissime menuhallal', { locale: 'fr' })).toEqual([]);
  });

  it('removal takes the dangling space or comma along', () => {
    const a = 'Client diabétique, rappeler lundi';
    expect(applyFix(a, lint.lint(a, { locale: 'fr' })[0]!.fixes[0]!)).toBe('Client, rappeler lundi');
    const b = 'Diabétique, rappeler lundi';
    expect(applyFix(b, lint.lint(b, { locale: 'fr' })[0]!.fixes[0]!)).toBe('Rappeler lundi');
    const c = 'Rappeler le client diabétique';
    expect(applyFix(c, lint.lint(c, { locale: 'fr' })[0]!.fixes[0]!)).toBe('Rappeler le client');
  });

  it('honours disabled rules, severity overrides and a minimum severity', () => {
    expect(miniLinter(MINI, { disabledRules: ['fr.diet.menu-hallal'] }).lint('menu hallal', { locale: 'fr' })[0]!.rule).toBe('fr.diet.hallal');
    expect(miniLinter(MINI, { disabledRules: ['diet'] }).lint('menu hallal', { locale: 'fr' })).toEqual([]);
    expect(miniLinter(MINI, { severityOverrides: { diet: 'error' } }).lint('menu hallal', { locale: 'fr' })[0]!.severity).toBe('error');
    expect(miniLinter(MINI, { minSeverity: 'error' }).lint('menu hallal, diabétique', { locale: 'fr' }).map((f) => f.category)).toEqual(['health']);
  });

  it('lets a later pack replace a rule of the same id', () => {
    const base = compilePack({ id: 'a', version: '1.0.0', description: 'a' }, [parseSourceText('a.yaml', MINI).value!]).pack!;
    const override = structuredClone(base);
    override.rules = override.rules.map((r) => (r.id === 'fr.health.diabete' ? { ...r, severity: 'suggestion' as const } : r));
    expect(new Linter([base, override]).lint('diabétique', { locale: 'fr' })[0]!.severity).toBe('suggestion');
  });
});

describe('built-in pack', () => {
  const lint = builtinLinter();

  it('flags the seed examples and suggests the neutral rewrite', () => {
    const [diet] = lint.lint('Prévoir 6 menus hallal', { locale: 'auto' });
    expect(diet!.category).toBe('diet');
    expect(diet!.suggestions).toContain('menus spéciaux');
  });

  it('detects identifiers with checksums in notes', () => {
    const f = lint.lint('RIB du client : FR76 3000 6000 0112 3456 7890 189, carte 4111 1111 1111 1111');
    expect(f.filter((x) => x.category === 'identifier').map((x) => x.rule)).toEqual(['identifier.iban', 'identifier.card']);
  });

  it('property: every finding points at its wording, whatever surrounds it', () => {
    const phrases = ['menus hallal', 'Diabétique', 'D’origine marocaine', 'casse-pieds', 'enceinte', 'végétarienne', 'FR76 3000 6000 0112 3456 7890 189', 'mdp: x9!', 'wheelchair user', 'musulman pratiquant'];
    const noise = fc.string({ unit: fc.constantFrom('a', 'é', ' ', ',', '.', '\n', '’', "'", '-', '😀', 'Z', '1', '\u0301', '\u00a0') , maxLength: 12 });
    fc.assert(
      fc.property(fc.array(fc.tuple(noise, fc.constantFrom(...phrases)), { maxLength: 8 }), noise, fc.constantFrom('fr', 'en', 'auto') , (parts, tail, locale) => {
        const text = parts.map(([n, p]) => n + p).join('') + tail;
        for (const f of lint.lint(text, { locale: locale as 'fr' })) {
          expect(text.slice(f.start, f.end)).toBe(f.text);
          expect(f.end).toBeGreaterThan(f.start);
          for (const fix of f.fixes) {
            expect(fix.start).toBeLessThanOrEqual(f.start);
            expect(fix.end).toBeGreaterThanOrEqual(f.end);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('applying every first fix leaves no finding of the same rule at the same place', () => {
    const text = 'Client diabétique et casse-pieds, prévoir 2 menus hallal.';
    const before = lint.lint(text, { locale: 'fr' });
    const after = applyFixes(text, before.map((f) => f.fixes[0]!));
    expect(lint.lint(after, { locale: 'fr' }).filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('English plurals', () => {
  it('pluralizes words ending in -ch/-sh/-ss and leaves -s words alone', async () => {
    const { phraseForms } = await import('../../lib/compiler/inflect-en.ts');
    expect(phraseForms('witch', false).plural).toContain('witches');
    expect(phraseForms('boss', false).plural).toContain('bosses');
    expect(phraseForms('diabetes', false).plural).toEqual([]);
  });
});

describe('French inflection', () => {
  it('inflects hyphenated compounds and both -eur feminines', async () => {
    const fr = await import('../../lib/compiler/inflect-fr.ts');
    expect(fr.phraseForms('chauve-souris').plural).toContain('chauves souris');
    expect(fr.feminineFr('majeur')).toContain('majeure');
    expect(fr.feminineFr('râleur')).toContain('râleuse');
  });
});

describe('English suggestion plurals', () => {
  it('pluralizes only suggestions that end in a singular noun', async () => {
    const { suggestionPlural } = await import('../../lib/compiler/inflect-en.ts');
    expect(suggestionPlural('special menu')).toBe('special menus');
    expect(suggestionPlural('accessibility needs')).toBeUndefined();
    expect(suggestionPlural('temporarily unavailable')).toBeUndefined();
  });
});

describe('an adverb inside a phrase', () => {
  const linter = () => miniLinter(`
locale: fr
category: insult
entries:
  - id: fr.insult.prendre-pigeons
    terms: [nous a pris pour des pigeons]
    inflect: false
    suggestions: [{ remove: true }]
    message: Un jugement insultant n'a pas sa place.
    source: CNIL
    examples: { flag: [il nous a pris pour des pigeons] }
`);

  it('is stepped over when the phrase goes on after it, and the span keeps it', () => {
    const text = 'Il nous a clairement pris pour des pigeons hier';
    const [f] = linter().lint(text, { locale: 'fr' });
    expect(f?.text).toBe('nous a clairement pris pour des pigeons');
  });

  it('only one, only a known adverb, only inside a phrase', () => {
    const l = linter();
    expect(l.lint('Il nous a clairement vraiment pris pour des pigeons', { locale: 'fr' })).toEqual([]);
    expect(l.lint('Il nous a hier pris pour des pigeons', { locale: 'fr' })).toEqual([]);
    expect(l.lint('Il nous a clairement. Pris pour des pigeons', { locale: 'fr' })).toEqual([]);
  });
});
