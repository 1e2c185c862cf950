import { describe, expect, it } from 'vitest';
import { Linter } from '../../lib/engine/lint.ts';
import { compilePack } from '../../lib/compiler/compile.ts';
import { parseSourceText } from '../../lib/compiler/load-sources.ts';
import type { Lexicon } from '../../lib/compiler/typo-guard.ts';
import { deleteHashes, isTypoOf, newHashBuffer, oneEditApart } from '../../lib/engine/typos.ts';
import { publicFinding } from '../../lib/cli/jsonl.ts';
import { builtinLinter } from '../helpers.ts';

/** A word list written inline: the real words the guard must respect. */
const lexicon = (...words: string[]): Lexicon => ({ sources: ['test'], forEach: (visit) => words.forEach(visit) });

const PACK = `
locale: fr
category: health
entries:
  - id: fr.health.diabete
    terms: [diabétique]
    suggestions: [{ remove: true }]
    message: L'état de santé est une donnée sensible.
    source: RGPD art. 9
    examples: { flag: [client diabétique] }
  - id: fr.health.malade
    terms: [malade]
    suggestions: [{ remove: true }]
    message: L'état de santé est une donnée sensible.
    source: RGPD art. 9
    examples: { flag: [client malade] }
  - id: fr.health.pompe
    terms: [pompe à insuline]
    suggestions: [{ remove: true }]
    message: L'état de santé est une donnée sensible.
    source: RGPD art. 9
    examples: { flag: [porte une pompe à insuline] }
  - id: fr.disability.fauteuil
    category: disability
    terms: [fauteuil roulant]
    suggestions: [besoin d'accessibilité]
    message: Un handicap est une donnée sensible.
    source: RGPD art. 9
    examples: { flag: [en fauteuil roulant] }
  - id: fr.pregnancy.enceinte
    category: pregnancy
    terms: [enceinte]
    unless: [enceinte bluetooth]
    suggestions: [indisponible temporairement]
    message: La grossesse est une donnée sensible.
    source: RGPD art. 9
    examples: { flag: [elle est enceinte] }
  - id: fr.sexuality.gay
    category: sexuality
    terms: [gay]
    suggestions: [{ remove: true }]
    message: L'orientation sexuelle est une donnée sensible.
    source: RGPD art. 9
    examples: { flag: [client gay] }
  - id: fr.health.depression
    terms: [dépression]
    context: { exclude: [ventilation, marché], window: 4 }
    suggestions: [{ remove: true }]
    message: L'état de santé est une donnée sensible.
    source: RGPD art. 9
    examples: { flag: [en dépression depuis mars] }
  - id: fr.religion.mormon
    category: religion
    terms: [Mormon]
    suggestions: [{ remove: true }]
    message: La religion est une donnée sensible.
    source: RGPD art. 9
    examples: { flag: [client Mormon] }
  - id: fr.health.opere
    terms: [opéré du coeur]
    typos: false
    suggestions: [{ remove: true }]
    message: L'état de santé est une donnée sensible.
    source: RGPD art. 9
    examples: { flag: [opéré du coeur] }
`;

// Real French words one edit from dictionary words: the guard must keep them quiet.
const WORDS = lexicon('salade', 'malades', 'maladie', 'enceintes', 'ceinte', 'diabétiques', 'gai', 'pompes', 'fauteuils', 'roulent');

function linter(lex: Lexicon | undefined = WORDS): Linter {
  const src = parseSourceText('typos.yaml', PACK);
  expect(src.problems).toEqual([]);
  const r = compilePack({ id: 'typos', version: '1.0.0', description: 'test' }, [src.value!], lex ? { lexicon: lex } : {});
  expect(r.problems).toEqual([]);
  return new Linter([r.pack!]);
}

const lint = linter();
const found = (text: string) => lint.lint(text, { locale: 'fr' }).map((f) => [f.text, f.rule, f.typoOf]);

describe('one edit apart', () => {
  it('accepts one insertion, deletion, substitution or swap of neighbours, nothing else', () => {
    for (const [a, b] of [['diabetique', 'diabetqiue'], ['diabetique', 'diabettique'], ['diabetique', 'diabtique'], ['diabetique', 'diabetiqe'], ['malade', 'malode'], ['malade', 'amlade']]) {
      expect(oneEditApart(a!, b!), `${a} / ${b}`).toBe(true);
      expect(oneEditApart(b!, a!), `${b} / ${a}`).toBe(true);
    }
    for (const [a, b] of [['malade', 'malade'], ['malade', 'salades'], ['diabetique', 'diabeqitue'], ['malade', 'mala'], ['abc', 'cab']]) {
      expect(oneEditApart(a!, b!), `${a} / ${b}`).toBe(false);
    }
  });

  it('hashes a deletion exactly as the deleted word (symmetric deletes)', () => {
    const a = newHashBuffer();
    const b = newHashBuffer();
    expect(deleteHashes('diabetique', a)).toBe(11);
    for (let i = 0; i < 10; i++) {
      deleteHashes('diabetique'.slice(0, i) + 'diabetique'.slice(i + 1), b);
      expect(a[i + 1]).toBe(b[0]);
    }
    expect(deleteHashes('café', a)).toBe(0);
  });
});

describe('typo-tolerant matching', () => {
  it('matches a swap, a doubled, a dropped or an extra letter, and says so', () => {
    expect(found('client diabetqiue')).toEqual([['diabetqiue', 'fr.health.diabete', 'diabétique']]);
    expect(found('client diabettique')).toEqual([['diabettique', 'fr.health.diabete', 'diabétique']]);
    expect(found('client diabtique')).toEqual([['diabtique', 'fr.health.diabete', 'diabétique']]);
    expect(found('cliente enceintte')).toEqual([['enceintte', 'fr.pregnancy.enceinte', 'enceinte']]);
    expect(found('client diabétiquee')).toEqual([['diabétiquee', 'fr.health.diabete', 'diabétique']]);
  });

  it('matches an extra s that is not a real form, and typos with the accents left out', () => {
    expect(found('deux clientes enceinttes')).toEqual([['enceinttes', 'fr.pregnancy.enceinte', 'enceintes']]);
    expect(found('client maladee')).toEqual([['maladee', 'fr.health.malade', 'malade']]);
    expect(found('client dibaetiqeu')).toEqual([]); // two swaps: two edits
    expect(found('client diabetiqe')).toEqual([['diabetiqe', 'fr.health.diabete', 'diabétique']]);
  });

  it('matches a multi-word term with a typo in any one word, and reports the whole wording', () => {
    expect(found('client en fauteuil roullant')).toEqual([['fauteuil roullant', 'fr.disability.fauteuil', 'fauteuil roulant']]);
    expect(found('client en fauteil roulant')).toEqual([['fauteil roulant', 'fr.disability.fauteuil', 'fauteuil roulant']]);
    expect(found('porte une pompe à insulien')).toEqual([['pompe à insulien', 'fr.health.pompe', 'pompe à insuline']]);
  });

  it('gives a lower confidence to a typo, lower still for a short word', () => {
    const [long] = lint.lint('client diabetqiue', { locale: 'fr' });
    const [short] = lint.lint('client mlade', { locale: 'fr' });
    const [exact] = lint.lint('client diabétique', { locale: 'fr' });
    expect(exact!.confidence).toBeUndefined();
    expect(long!.confidence).toBeGreaterThan(short!.confidence!);
    expect(long!.confidence).toBeLessThan(1);
    expect(short!.typoOf).toBe('malade');
  });

  it('never takes a real word for a typo (the word list guard)', () => {
    expect(found('une salade composée')).toEqual([]);
    expect(found('deux enceintes pour la salle')).toEqual([['enceintes', 'fr.pregnancy.enceinte', undefined]]);
    expect(found('ceinte de murs')).toEqual([]);
    expect(linter(lexicon()).lint('une salade composée', { locale: 'fr' })).toHaveLength(1); // without the guard it would
  });

  it('never fuzzes words shorter than five letters', () => {
    expect(found('client gey')).toEqual([]);
    expect(found('client gay')).toEqual([['gay', 'fr.sexuality.gay', undefined]]);
  });

  it('takes a capitalised word inside a sentence, or after a title, for a name', () => {
    expect(found('RDV avec Malode demain')).toEqual([]);
    expect(found('RDV avec M. Malode demain')).toEqual([]);
    expect(found('Mlade depuis lundi')).toEqual([['Mlade', 'fr.health.malade', 'malade']]);
    expect(found('Client absent. Diabetqiue, rappeler')).toEqual([['Diabetqiue', 'fr.health.diabete', 'diabétique']]);
  });

  it('reads a capitalised word inside a sentence as a typo only of a word the dictionaries write capitalised', () => {
    expect(found('le client est Mormom, pas de café')).toEqual([['Mormom', 'fr.religion.mormon', 'Mormon']]);
    // Typed in lower case, the correction is shown in lower case: the French adjective.
    expect(found('le client est mormom')).toEqual([['mormom', 'fr.religion.mormon', 'mormon']]);
    expect(found('RDV avec M. Mormom demain')).toEqual([]);
    expect(found('le client est Malode')).toEqual([]);
  });

  it('lets a typo in an unless phrase or a context word still keep the match quiet', () => {
    expect(found('livrer une enceinte bluetoth')).toEqual([]);
    expect(found('dépression de la ventilaton')).toEqual([]);
    expect(found('en dépression depuis mars')).toEqual([['dépression', 'fr.health.depression', undefined]]);
  });

  it('honours typos: false on an entry', () => {
    expect(found('opéré du coeur')).toHaveLength(1);
    expect(found('opérré du coeur')).toEqual([]);
  });

  it('matches exact forms only when the pack was compiled without word lists', () => {
    expect(linter(null as unknown as undefined).lint('client diabetqiue', { locale: 'fr' })).toEqual([]);
  });

  it('puts confidence and typoOf in the JSONL shape, only for typos', () => {
    const [typo] = lint.lint('client diabetqiue', { locale: 'fr' });
    expect(publicFinding(typo!)).toMatchObject({ category: 'health', categories: ['health'], typoOf: 'diabétique' });
    const [exact] = lint.lint('client diabétique', { locale: 'fr' });
    expect(Object.keys(publicFinding(exact!))).toEqual(['start', 'end', 'text', 'category', 'rule', 'severity', 'message', 'suggestions', 'categories']);
  });
});

describe('typo-tolerant matching with the built-in pack and the real word lists', () => {
  const lint = builtinLinter();
  const flags = (text: string) => lint.lint(text).map((f) => `${f.category}:${f.text}${f.typoOf ? `~${f.typoOf}` : ''}`);

  it('catches hurried typos of sensitive words in both languages', () => {
    expect(flags('Client diabetqiue, rappeler lundi')).toEqual(['health:diabetqiue~diabétique']);
    expect(flags('cliente enceintte, absente en mai')).toEqual(['pregnancy:enceintte~enceinte']);
    expect(flags('The customer is diabettic, call on Monday')).toEqual(['health:diabettic~diabetic']);
    expect(flags('he is an alcholic, keep it short')).toEqual(['health:alcholic~alcoholic']);
  });

  it('reads a capitalised word inside a sentence as a typo only of a capitalised dictionary word', () => {
    expect(flags('Sa mère a Alzeimer, c\'est lui qui gère')).toEqual(['health:Alzeimer~Alzheimer']);
    expect(flags('Il a la maladie de Parkinsn, tremble beaucoup')).toContainEqual('health:maladie de Parkinsn~maladie de Parkinson');
    expect(flags('RDV avec Malode demain')).toEqual([]);
    expect(flags('RDV avec Mme Alzeimer demain')).toEqual([]);
  });

  it('reads a capitalised typo of a generic drug name inside a sentence (the list gives generics capitalised, as reps write them)', () => {
    expect(flags('He is on Sertralin since May, call after 3')).toEqual(['health:Sertralin~Sertraline']);
    expect(flags('he takes sertralin daily')).toEqual(['health:sertralin~Sertraline']);
    expect(flags('Il est sous Metformne depuis 2 ans')).toContainEqual('health:Metformne~Metformine');
  });

  it('stays quiet on real words next to sensitive ones', () => {
    for (const clean of ['Salade composée au déjeuner', 'PV de réception signé, facture à émettre', 'La démo a planté, relancer le serveur',
      'Le camion de 19 tonnes ne passe pas', 'Meeting moved, the customer is diabolic about deadlines', 'Livraison des enceintes mardi']) {
      expect(flags(clean).filter((f) => f.includes('~')), clean).toEqual([]);
    }
  });
});

describe('openTail (text being typed)', () => {
  it('does not read the unfinished last word as a typo, but does once something follows it', () => {
    const l = builtinLinter();
    const typing = (t: string) => l.lint(t, { locale: 'fr', openTail: true }).filter((f) => f.category === 'health');
    // "diabétiqu" on the way to "diabétique": no flash of a probable typo under the caret.
    expect(typing('Client diabétiqu')).toEqual([]);
    // Once the rep moves on, the same misspelling is a probable typo.
    expect(typing('Client diabetqiue, rappeler mardi')[0]?.typoOf).toBe('diabétique');
    // Off by default: the CLI reads a note that ends on a typo.
    expect(l.lint('Client diabetqiue', { locale: 'fr' }).some((f) => f.typoOf === 'diabétique')).toBe(true);
  });
});

describe('a capitalised French demonym with a typo', () => {
  it('matches inside a sentence, as the noun is written capitalised ("les Malienes")', () => {
    const found = builtinLinter().lint('Les Malienes du 3e ont payé, Deux Ukrainniennes à l\'accueil', { locale: 'fr' });
    expect(found.filter((f) => f.category === 'origin').map((f) => f.typoOf)).toEqual(['Les Maliennes', 'Deux Ukrainiennes']);
  });
  it('leaves first names and surnames alone', () => {
    expect(builtinLinter().lint('RDV avec Romain jeudi, Mme Chinios a signé', { locale: 'fr' })).toEqual([]);
  });
});

describe('the correction shown for a French typo', () => {
  it('follows the case the rep typed (a demonym is a capitalised noun, a lower-case adjective)', () => {
    const [adj] = builtinLinter().lint('cliente ukrainnienne, RDV jeudi', { locale: 'fr' });
    expect(adj?.typoOf).toBe('cliente ukrainienne');
  });
});

describe('typos of five-letter words', () => {
  it('count only for a swap or a doubled letter', () => {
    expect(isTypoOf('unoin', 'union')).toBe(true); // swap
    expect(isTypoOf('hallal', 'halal')).toBe(true); // doubled
    expect(isTypoOf('halaal', 'halal')).toBe(true); // repeated beside itself
    expect(isTypoOf('halal', 'halal')).toBe(false);
    expect(isTypoOf('hlal', 'halal')).toBe(false); // dropped
    expect(isTypoOf('hakal', 'halal')).toBe(false); // replaced
    expect(isTypoOf('halxal', 'halal')).toBe(false); // another letter added
    expect(isTypoOf('diabetqiue', 'diabetique')).toBe(true);
    expect(isTypoOf('diabtique', 'diabetique')).toBe(true); // long words: any one edit
  });
  it('are matched with the built-in dictionaries, at a lower confidence', () => {
    const [chemo] = builtinLinter().lint('going thru chemmo since May', { locale: 'en' });
    expect([chemo?.category, chemo?.typoOf, chemo?.confidence]).toEqual(['health', 'chemo', 0.6]);
    expect(builtinLinter().lint('client lourd', { locale: 'fr' }).filter((f) => f.category === 'disability')).toEqual([]);
  });
});
