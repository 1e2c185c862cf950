/**
 * Idioms with a verb, in every tense and person: "péter les plombs" also matches
 * "a pété les plombs", "pétait un câble", "se sont fait serrer". French forms come
 * from french-verbs-lefff (Apache-2.0, the Lefff lexicon's conjugation tables:
 * irregular verbs right, unlike rules); English forms from compromise.
 * Compound tenses need no auxiliary: "a pété les plombs" contains "pété les plombs".
 * Pronominal idioms keep their pronoun, agreeing in person ("me suis fait serrer"),
 * in the third person (notes speak of the customer), so "fait serrer les boulons" stays quiet.
 * Idioms led by an object pronoun (`me saouler`, `nous prendre pour des cons`) are said of
 * the customer to the rep: third persons with the pronoun before the verb or its auxiliary
 * ("me saoule", "m'a gonflé", "nous ont pris pour des pigeons"), never the bare verb.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Locale } from '../../categories.ts';
import { installedPackage } from '../build-cache.ts';
import { verbForms as englishVerbForms } from '../inflect-en.ts';
import { remembered } from '../nlp-memo.ts';
import { expandPattern } from './patterns.ts';

/** Lefff tables: P present, S subjunctive, I imperfect, F future, C conditional (6 persons each), Y imperative, G gerund, K participles, W infinitive. */
type Table = Record<'P' | 'S' | 'I' | 'F' | 'C' | 'Y' | 'G' | 'K' | 'W', string[]>;

let lefffText: string | undefined;
/** Where each verb's table opens in the text, by its key as written (`"lemma":{`): first occurrence. */
let tableAt: Map<string, number> | undefined;
const tableCache = new Map<string, Table | undefined>();

/** One scan of the file for every `"key":{`, instead of one search of the 6 MB per verb. */
function tableOffsets(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const KEY = /"(?:[^"\\]|\\.)*":\{/g;
  for (let m = KEY.exec(text); m; m = KEY.exec(text)) if (!out.has(m[0])) out.set(m[0], m.index);
  return out;
}

/**
 * One verb's table. The file is 6 MB of JSON and an idiom needs a handful of verbs:
 * each table is an object of arrays (no nested braces), so it is cut out of the text
 * and parsed alone, instead of parsing the whole file (0.4 s) on every build. The tables
 * are remembered with the NLP answers (nlp-memo.ts), filed under the package's version:
 * a build whose verbs are all remembered does not read the file at all.
 */
function verbTable(lemma: string): Table | undefined {
  if (!tableCache.has(lemma)) {
    const cut = () => {
      lefffText ??= readFileSync(createRequire(import.meta.url).resolve('french-verbs-lefff/dist/conjugations.json'), 'utf8');
      tableAt ??= tableOffsets(lefffText);
      const key = `${JSON.stringify(lemma)}:{`;
      const at = tableAt.get(key) ?? -1;
      const end = at < 0 ? -1 : lefffText.indexOf('}', at);
      return end < 0 ? undefined : (JSON.parse(lefffText.slice(at + key.length - 1, end + 1)) as Table);
    };
    const version = lefffVersion();
    tableCache.set(lemma, version ? (remembered(`lefff@${version}.table`, lemma, cut) ?? undefined) : cut());
  }
  return tableCache.get(lemma);
}

let lefffInstalled: string | undefined;

/** french-verbs-lefff's installed version ('' when it cannot be read: its tables are then not remembered). */
function lefffVersion(): string {
  if (lefffInstalled === undefined) {
    try {
      lefffInstalled = installedPackage('french-verbs-lefff', fileURLToPath(import.meta.url)).version;
    } catch {
      lefffInstalled = '';
    }
  }
  return lefffInstalled;
}

/** Passé simple and imperfect subjunctive are left out: notes never use them, and "pétasse" is an insult of its own. */
const PERSONAL = ['P', 'S', 'I', 'F', 'C'] as const;
const PRONOUNS = ['me', 'te', 'se', 'nous', 'vous', 'se'];
const elide = (pronoun: string, next: string) => (/^[aeiouyéèêâîôûh]/i.test(next) && /^(?:[mtsl]e|la)$/.test(pronoun) ? `${pronoun[0]}'${next}` : `${pronoun} ${next}`);

const real = (f: string | undefined): f is string => !!f && f !== 'NA';

/** "se" + optional object pronoun + verb, elided where French elides: "s'est", "se l'est", "se la pète". */
function withPronouns(reflexive: string, clitic: string | undefined, verb: string): string {
  if (!clitic) return elide(reflexive, verb);
  return `${reflexive} ${elide(clitic, verb)}`;
}

/** "me", "m'", "nous" before the verb: the customer does it to the rep or the team. */
const OBJECT_LED = /^(me\s+|m'|nous\s+)(\S.*)$/i;

/** Third persons of `idiom` (a verb and its tail) after an object pronoun, with "avoir" for the compound tenses. */
function objectLedForms(pronoun: string, idiom: string, problems: string[]): string[] {
  const [lemma, ...rest] = idiom.trim().split(/\s+/);
  const t = verbTable(lemma!.toLowerCase());
  if (!t) {
    problems.push(`"${pronoun} ${idiom}": "${lemma}" is not a verb infinitive french-verbs-lefff knows`);
    return [];
  }
  const tail = rest.length ? ` ${rest.join(' ')}` : '';
  const avoir = verbTable('avoir')!;
  const out = new Set<string>();
  for (const p of [2, 5]) {
    for (const tense of PERSONAL) {
      const simple = t[tense][p];
      if (real(simple)) out.add(elide(pronoun, simple) + tail);
      const aux = avoir[tense][p];
      if (real(aux)) for (const part of t.K.filter(real)) out.add(`${elide(pronoun, aux)} ${part}${tail}`);
    }
  }
  for (const inf of [...t.W, ...t.G].filter(real)) out.add(elide(pronoun, inf) + tail);
  return [...out];
}

function frenchForms(idiom: string, problems: string[]): string[] {
  const led = OBJECT_LED.exec(idiom.trim());
  if (led) return objectLedForms(led[1]!.trim().toLowerCase() === "m'" ? 'me' : led[1]!.trim().toLowerCase(), led[2]!, problems);
  // "se faire serrer", "s'enfiler", "se la péter" (an object pronoun after the reflexive one).
  const m = /^(?:(se\s+|s')(?:(la|le|les|en|y)\s+)?)?(\S+)(.*)$/i.exec(idiom.trim())!;
  const reflexive = !!m[1];
  const clitic = m[2]?.toLowerCase();
  const lemma = m[3]!.toLowerCase();
  const tail = m[4]!.trim();
  const t = verbTable(lemma);
  if (!t) {
    problems.push(`"${idiom}": "${lemma}" is not a verb infinitive french-verbs-lefff knows`);
    return [];
  }
  const join = (v: string) => (tail ? `${v} ${tail}` : v);
  const out = new Set<string>();
  if (!reflexive) {
    for (const tense of PERSONAL) t[tense].filter(real).forEach((f) => out.add(join(f)));
    [...t.Y, ...t.G, ...t.K, ...t.W].filter(real).forEach((f) => out.add(join(f)));
    return [...out];
  }
  const etre = verbTable('être')!;
  // Notes speak of the customer: third persons only, which keeps the pack small.
  for (const p of [2, 5]) {
    for (const tense of PERSONAL) {
      const simple = t[tense][p];
      if (real(simple)) out.add(join(withPronouns(PRONOUNS[p]!, clitic, simple)));
      const aux = etre[tense][p];
      if (real(aux)) for (const part of t.K.filter(real)) out.add(join(`${withPronouns(PRONOUNS[p]!, clitic, aux)} ${part}`));
    }
    for (const inf of [...t.W, ...t.G].filter(real)) out.add(join(withPronouns(PRONOUNS[p]!, clitic, inf)));
  }
  return [...out];
}

const englishVerbs = new Map<string, string[]>();

function englishForms(idiom: string): string[] {
  const [verb, ...rest] = idiom.trim().split(/\s+/);
  const tail = rest.join(' ');
  // compromise costs milliseconds a verb: "get (wasted|hammered|…)" conjugates "get" once.
  let forms = englishVerbs.get(verb!);
  if (!forms) englishVerbs.set(verb!, (forms = englishVerbForms(verb!).singular));
  return forms.map((v) => (tail ? `${v} ${tail}` : v));
}

/** Every conjugated form of each idiom (alternatives in `( | )` expanded first). */
export function idiomForms(locale: Locale, idioms: readonly string[], problems: string[]): string[] {
  const out = new Set<string>();
  for (const pattern of idioms) {
    const e = expandPattern(pattern, {});
    problems.push(...e.problems);
    for (const idiom of e.forms) for (const f of locale === 'fr' ? frenchForms(idiom, problems) : englishForms(idiom)) out.add(f);
  }
  return [...out];
}
