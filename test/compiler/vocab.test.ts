/**
 * Generated vocabularies (lib/compiler/vocab/): the pattern language, each data
 * source, the compiler hook, and how the generated entries behave on notes —
 * flagged where they speak of a person, quiet on ordinary look-alikes.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandPattern, MAX_FORMS_PER_PATTERN } from '../../lib/compiler/vocab/patterns.ts';
import { demonymSlots } from '../../lib/compiler/vocab/demonyms.ts';
import { countrySlots } from '../../lib/compiler/vocab/countries.ts';
import { idiomForms } from '../../lib/compiler/vocab/conjugation.ts';
import { listForms } from '../../lib/compiler/vocab/curated-list.ts';
import { maskedForms, MAX_MASKED_LENGTH } from '../../lib/compiler/vocab/masked.ts';
import { expandVocab } from '../../lib/compiler/vocab/index.ts';
import { compilePack } from '../../lib/compiler/compile.ts';
import { parseSourceText } from '../../lib/compiler/load-sources.ts';
import { BUILTIN_SOURCES } from '../../lib/cli/builtin.ts';
import { builtinLinter } from '../helpers.ts';

const DATA = join(BUILTIN_SOURCES, 'vocab');
const none = new Set<string>();

describe('pattern language', () => {
  it('expands alternatives, optional groups and slots, and joins elisions', () => {
    const e = expandPattern("(un|une|) {w} (d'|de) X", { w: ['a', 'b'] });
    expect(e.problems).toEqual([]);
    expect(e.forms).toContain('un a d\'X');
    expect(e.forms).toContain('b de X');
    expect(e.forms).toHaveLength(12);
  });
  it("keeps the space after an English plural possessive (the nurses' union)", () => {
    expect(expandPattern("(with|in) the nurses' union", {}).forms).toEqual(["with the nurses' union", "in the nurses' union"]);
    expect(expandPattern("(originaire|venu) (d'|de) Oran", {}).forms).toContain("venu d'Oran");
  });
  it('lets an alternative hold a slot of its own', () => {
    expect(expandPattern('des ({m}|{f})', { m: ['x'], f: ['y'] }).forms).toEqual(['des x', 'des y']);
  });
  it('names an unknown slot and refuses a pattern that would blow up the pack', () => {
    expect(expandPattern('{nope}', { w: ['a'] }).problems[0]).toMatch(/unknown slot \{nope\}.*\{w\}/);
    const many = Array.from({ length: 200 }, (_, i) => `w${i}`);
    expect(expandPattern('{w} {w}', { w: many }).problems[0]).toContain(String(MAX_FORMS_PER_PATTERN));
  });
});

describe('data sources', () => {
  it('French demonyms in all genders and numbers, from world-countries and the extra list', () => {
    const s = demonymSlots('fr', DATA, none, []);
    // Capitalised as French writes the nouns ("une Algérienne"), so a capitalised typo may match them.
    expect(s['demonym.fs']).toContain('Algérienne');
    expect(s['demonym.mp']).toContain('Portugais');
    expect(s['demonym.fp']).toContain('Chinoises');
    expect(s['demonym.ms']).toContain('Maghrébin');
    expect(s['demonym.ms']!.length).toBeGreaterThan(180);
    // A demonym spelled like its country would flag the place: "les Philippines", "la Suisse".
    expect(s.demonym!.map((w) => w.toLowerCase())).not.toContain('philippines');
    expect(s.demonym!.map((w) => w.toLowerCase())).not.toContain('suisse');
  });
  it('English plural nouns only where they differ from the adjective', () => {
    const s = demonymSlots('en', DATA, new Set(['american']), []);
    // Capitalised as English writes them (matching folds case; the typo display keeps it).
    expect(s['demonym.plural']).toEqual(expect.arrayContaining(['Filipinos', 'Nigerians']));
    expect(s['demonym.plural']).not.toContain('Chineses');
    expect(s['demonym.plural']).not.toContain('Americans');
    expect(s.demonym).toContain('Polish');
  });
  it('French country names carry the preposition their gender and number call for', () => {
    const s = countrySlots('fr', none);
    expect(s['country.de']).toEqual(expect.arrayContaining(["d'Algérie", 'du Maroc', 'des Comores']));
    expect(s['country.en']).toEqual(expect.arrayContaining(['en Algérie', 'au Maroc', 'au Mexique']));
    expect(countrySlots('en', none)['country.the']).toContain('Philippines');
    expect(countrySlots('en', none).country).not.toContain('US');
  });
  it('conjugates idioms in every tense from french-verbs-lefff, pronominal ones in the third person', () => {
    const p: string[] = [];
    const f = idiomForms('fr', ['péter (les plombs|un câble)', 'se faire serrer', 'avoir un poil dans la main', 'se la péter'], p);
    expect(p).toEqual([]);
    expect(f).toEqual(expect.arrayContaining(['pété les plombs', 'pétait un câble', 'péteront les plombs', "s'est fait serrer", 'se sont faits serrer', 'avait un poil dans la main', 'eu un poil dans la main', 'se la pète']));
    expect(f).not.toContain('fait serrer');
    expect(idiomForms('fr', ['blablater'], p)).toEqual([]);
    expect(p[0]).toMatch(/not a verb infinitive/);
  });
  it('conjugates idioms led by an object pronoun in the third persons, with avoir in compound tenses', () => {
    const p: string[] = [];
    const f = idiomForms('fr', ['(me|nous) saouler', 'me prendre pour un con'], p);
    expect(p).toEqual([]);
    expect(f).toEqual(expect.arrayContaining(['me saoule', 'nous saoulent', "m'a saoulé", 'nous a saoulés', 'nous saoulera', "m'avait saoulée", 'me prend pour un con', "m'ont pris pour un con"]));
    // The bare verb is another word ("saoule" is also drunk) and the first persons are the rep's own.
    expect(f).not.toContain('saoule');
    expect(f).not.toContain('nous saoulons');
    expect(idiomForms('fr', ['me blablater'], p)).toEqual([]);
    expect(p[0]).toMatch(/not a verb infinitive/);
  });
  it('conjugates English idioms with compromise', () => {
    expect(idiomForms('en', ['fly off the handle'], [])).toEqual(expect.arrayContaining(['flew off the handle', 'flies off the handle', 'flying off the handle']));
  });
  it('reads the medication list: at least 300 names per market, a class for each, its source written in the file', () => {
    const text = readFileSync(join(DATA, 'medications.tsv'), 'utf8');
    expect(text).toMatch(/^# Source: /m);
    const p: string[] = [];
    const fr = listForms(DATA, 'medications.tsv', 'fr', undefined, p);
    const en = listForms(DATA, 'medications.tsv', 'en', undefined, p);
    expect(p).toEqual([]);
    expect(fr.length).toBeGreaterThanOrEqual(300);
    expect(en.length).toBeGreaterThanOrEqual(300);
    expect(fr).toEqual(expect.arrayContaining(['Levothyrox', 'Truvada', 'Tamoxifène', 'Subutex']));
    expect(listForms(DATA, 'medications.tsv', 'en', ['hiv'], p)).toContain('Biktarvy');
    listForms(DATA, 'medications.tsv', 'en', ['nope'], p);
    expect(p[0]).toMatch(/no class "nope"/);
  });
});

const VOCAB_YAML = `
locale: fr
category: origin
entries:
  - id: fr.origin.test
    vocab: { demonyms: ["une {demonym.fs}"] }
    suggestions: [{ remove: true }]
    message: Une nationalité n'a pas sa place ici.
    source: RGPD art. 9(1)
    examples: { flag: [Une Algérienne au comptoir] }
`;

describe('masked spellings', () => {
  it('stars every subset of the inner letters, keeping the first and last', () => {
    const problems: string[] = [];
    expect(maskedForms(['con'], problems)).toEqual(['c*n']);
    const pute = maskedForms(['pute'], problems);
    expect(pute.sort()).toEqual(['p**e', 'p*te', 'pu*e']);
    expect(problems).toEqual([]);
  });

  it('never makes a run of five stars, which the tokenizer would split', () => {
    const forms = maskedForms(['merdeux'], []);
    expect(forms).toContain('m****ux');
    expect(forms.some((f) => f.includes('*****'))).toBe(false);
  });

  it('refuses phrases, short words and words too long to expand', () => {
    const problems: string[] = [];
    expect(maskedForms(['sale con', 'ok', 'x'.repeat(MAX_MASKED_LENGTH + 1)], problems)).toEqual([]);
    expect(problems).toHaveLength(3);
  });

  it('masked insults are found in a note, and stars elsewhere stay quiet', () => {
    const linter = builtinLinter();
    const found = (t: string) => linter.lint(t, { locale: 'fr' }).map((f) => f.rule);
    expect(found('Quel c*n ce client')).toContain('fr.insult.masquees');
    expect(found('Ce conn**d a encore annulé')).toContain('fr.insult.masquees');
    expect(found('Note 4*/5, remise de 5*3 %')).toEqual([]);
  });
});

describe('compiler hook', () => {
  it('adds the generated forms of an entry', () => {
    const src = parseSourceText('t.yaml', VOCAB_YAML).value!;
    expect(expandVocab(src.data.entries[0]!, 'fr', DATA).problems).toEqual([]);
    const r = compilePack({ id: 't', version: '1.0.0', description: 't' }, [src]);
    expect(r.problems).toEqual([]);
    expect(r.pack!.phrases.some(([k]) => k === 'une algerienne')).toBe(true);
  });
  it('refuses a vocab entry nobody generated (a pack compiled in the browser) with a clear message', () => {
    const src = parseSourceText('t.yaml', VOCAB_YAML).value!;
    const r = compilePack({ id: 't', version: '1.0.0', description: 't' }, [src]);
    expect(r.pack).toBeUndefined();
    expect(r.problems[0]).toMatchObject({ file: 't.yaml', entry: 'fr.origin.test', field: 'vocab' });
    expect(r.problems[0]!.message).toMatch(/Node compiler/);
  });
  it('expands fixed phrases with alternatives and no slot', () => {
    const src = parseSourceText('t.yaml', VOCAB_YAML.replace('demonyms: ["une {demonym.fs}"]', 'phrases: ["(Unite|GMB) (member|rep)", "shop steward"]')).value!;
    expect(expandVocab(src.data.entries[0]!, 'fr', DATA)).toEqual({ forms: ['Unite member', 'Unite rep', 'GMB member', 'GMB rep', 'shop steward'], problems: [] });
  });
  it('an entry needs terms or a vocabulary', () => {
    const r = parseSourceText('t.yaml', VOCAB_YAML.replace('    vocab: { demonyms: ["une {demonym.fs}"] }\n', ''));
    expect(r.problems.map((p) => p.field)).toContain('terms');
  });
});

/**
 * Notes nobody tuned these entries on: the flagged ones name a person's origin,
 * condition or situation in a shape the data generates; the look-alikes use the
 * same words about products, places, companies and ordinary business.
 */
const FLAG: Record<'fr' | 'en', string[]> = {
  fr: [
    'Rdv avec une Camerounaise, très pro, signe jeudi',
    'Des Albanais tiennent le garage maintenant',
    'Couple ivoirien, deux enfants, paiement en 3 fois',
    'La patronne vietnamienne rappelle demain',
    'il est tunisien, tres sympa',
    'Gérante originaire du Cameroun, parle vite',
    'Né au Portugal, arrivé à 20 ans',
    'Il a encore pété un câble au tel',
    'Elle avait un coup dans le nez au cocktail',
    'Son fils s’est fait serrer par la BAC',
    'Le client picolait pas mal avant',
    'Sous Keppra depuis son accident',
    'Elle prend du Seroplex, éviter les sujets qui fâchent',
    "Il touche les APL, budget serré",
    "Ils ont l'huissier sur le dos",
    'Elle fait ramadan en ce moment',
  ],
  en: [
    'Spoke to a Ghanaian lady at reception',
    'Three Romanians run the night shift',
    'Vietnamese couple, two kids, pay in installments',
    "he's Brazilian, very chatty",
    'Owner is originally from Lebanon',
    'Born in Pakistan, moved here in 2005',
    'Buyer flew off the handle again',
    'He was drinking like a fish at the expo',
    'Son got busted for dealing',
    'She takes Lamictal, keep meetings calm',
    'On Eliquis since the surgery',
    'His account went into collections',
    'He overstayed his visa, cash only',
  ],
};

const PASS: Record<'fr' | 'en', string[]> = {
  fr: [
    'Fournisseur portugais, délai 3 semaines',
    'La filiale italienne valide lundi',
    'Client chinois pour la gamme export',
    'Déjeuner dans un japonais avec l’acheteur',
    'Dîner au libanais avec l’équipe achats',
    'Traduction en espagnol et en allemand à prévoir',
    'Parle le portugais couramment, utile pour Lisbonne',
    'Salon à Casablanca, stand avec le distributeur marocain',
    'Marché algérien en hausse, à creuser',
    'Vin chilien et fromages suisses pour le cocktail',
    'Voyage d’affaires aux Philippines en mars',
    'Déplacement en Suisse et en Belgique la semaine prochaine',
    'Pièces originaires de Turquie, certificat à joindre',
    'Café originaire du Brésil pour la machine',
    'Né en 1980 selon le contrat, vérifier la date',
    'Les plombs ont sauté dans l’atelier',
    'Serrer les boulons de la presse avant la livraison',
    'Il a un rendez-vous dans la main, enfin le dossier en main',
    'Pompes à insuline : devis pour la clinique',
    'Commande de batteries lithium pour les chariots',
    'Visite médicale : présentation du Januvia, échantillons laissés',
    'Convention de partenariat avec la CAF signée',
    'Constat d’huissier fait sur le stand',
    'Commande de religieuses pour la boulangerie cliente',
    'Institut Pasteur : démo du logiciel mardi',
    'Pédale de frein à changer sur le véhicule de prêt',
    'On met la pédale douce sur les relances',
    'Dossier bourré de fautes, à reprendre',
    'Une famille de produits allemande à référencer',
    'Deux Renault et une Peugeot en location longue durée',
    'Le match France Italie samedi, client fan de foot',
    'Recette de la sauce hollandaise pour le traiteur',
    'Lévrier afghan du gérant, attention au livreur',
  ],
  en: [
    'Portuguese supplier confirmed the order',
    'Chinese market entry next year',
    'Booked the Italian place for lunch',
    'French fries and burgers for the booth',
    'Polish the deck before Monday',
    'Turkey sandwiches for the workshop',
    'Fine china for the gala dinner',
    'Email from Jordan about the renewal',
    'Shipment from China stuck in customs',
    'Flight from Turkey lands at 6',
    'The contract is Swiss law, check with legal',
    'Spanish version of the brochure is ready',
    'German engineering team on site Monday',
    'Dutch auction format for the tender',
    'Indian restaurant near the office for the team lunch',
    'Hammered out the pricing with their buyer',
    'Wasted an hour waiting for the delivery',
    'Hit the target for Q3',
    'Joint venture with the Lyon distributor signed',
    'Handle the renewal before Friday',
    'Lost the deal to a competitor on price',
    'Budget is locked for Q3',
    'Quote for lithium batteries for the forklifts',
    'Two dialysis machines quoted for the clinic',
    'Pharmacy reorder: Ozempic shortage expected in Q2',
    'Collection agency software renewal, RFP due Friday',
    'Printer out of paper, order supplies',
    'Monk fruit sweetener for the canteen',
    'Confirmation email for the order sent',
  ],
};

describe('generated entries on notes nobody tuned them on', () => {
  const linter = builtinLinter();
  for (const locale of ['fr', 'en'] as const) {
    it.each(FLAG[locale])(`${locale} flags: %s`, (note) => {
      expect(linter.lint(note, { locale }).length).toBeGreaterThan(0);
    });
    it(`${locale}: no look-alike is flagged (${PASS[locale].length} notes)`, () => {
      const flagged = PASS[locale].map((note) => ({ note, found: linter.lint(note, { locale }).map((f) => `${f.text} (${f.rule})`) })).filter((x) => x.found.length);
      expect(flagged).toEqual([]);
    });
  }
});
