/**
 * A neutral rewrite that agrees with what it replaces: gender and number from
 * the determiner, numeral, pronoun or noun before the wording ("4 casher" →
 * "4 menus spéciaux", "une vraie casse-pieds" → "une cliente exigeante"), the
 * intensifier that qualified the wording goes with it, and an adjective in noun
 * position becomes a noun phrase (an adjective alone cannot agree there).
 */
import type { CompiledSuggestion } from '../schema/dictionary.ts';
import { endsPhrase, isCount, separatorAt, type Clause } from './clause.ts';
import type { Gender, Grammar } from './grammar.ts';
import { feminineWord, pluralWord } from './grammar-fr.ts';
import { accentKey, type Token } from './tokenize.ts';
import type { Fix } from './types.ts';

export interface AgreeContext {
  text: string;
  tokens: readonly Token[];
  clause: Clause;
  /** Tokens of the wording, end inclusive. */
  first: number;
  last: number;
  /** The matched form is plural. */
  plural: boolean;
  category: string;
  grammar: Grammar;
  french: boolean;
}

const FEMININE_END = /(?:euse|trice|ienne|ante|ente|ine|ée|onne|ette|arde|asse|esse|ère)s?$/u;

export function matchCase(replacement: string, matched: string): string {
  if (!replacement) return replacement;
  const letters = matched.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return replacement.toUpperCase();
  const first = matched.match(/\p{L}/u)?.[0];
  if (first && first !== first.toLowerCase()) return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  return replacement;
}


/** Inflects a French noun suggestion about a person ("client exigeant" → "cliente exigeante") up to its first function word. */
function inflectPerson(s: string, gender: Gender, plural: boolean, g: Grammar): string {
  const words = s.split(' ');
  for (let i = 0; i < words.length && /^\p{L}+$/u.test(words[i]!) && !g.fillers.has(words[i]!); i++) {
    if (gender === 'f') words[i] = feminineWord(words[i]!);
    if (plural) words[i] = pluralWord(words[i]!);
  }
  return words.join(' ');
}

export function agreedFix(ctx: AgreeContext, s: Exclude<CompiledSuggestion, { remove: true }>): Fix {
  const { text, tokens, clause: c, grammar: g, french } = ctx;
  const key = (i: number) => accentKey(text.slice(tokens[i]!.start, tokens[i]!.end));
  let b = ctx.first;
  // "une vraie casse-pieds", "a real pain": the intensifier qualified the wording.
  if (b > c.first && g.intensifiers.has(key(b - 1))) b--;
  const det = b > c.first && (g.determiners.has(key(b - 1)) || /^\d+$/.test(key(b - 1))) ? b - 1 : -1;
  const detWord = det >= 0 ? key(det) : '';
  const next = ctx.last + 1 < c.last ? key(ctx.last + 1) : '';
  const plural = ctx.plural || (det >= 0 && (isCount(detWord, g) || g.plural.has(detWord)));

  let gender: Gender = 'm';
  if (french && FEMININE_END.test(key(ctx.last))) gender = 'f';
  else if (b < ctx.first && g.feminine.has(key(b))) gender = 'f';
  else {
    // Back to the sentence start: "Mme Garcia, enceinte" agrees with "Mme".
    for (let i = b - 1; i >= 0 && !sentenceBreak(text, tokens[i]!.end, tokens[i + 1]!.start); i--) {
      if (g.feminine.has(key(i))) { gender = 'f'; break; }
      if (g.masculine.has(key(i))) break;
    }
  }

  const words = s.t.split(' ');
  // English nouns follow their adjective: "special" is adjectival, "special menu" is not.
  const adjectival = g.adjectives.has(words[0]!) && (french || words.length === 1 || g.fillers.has(words[1]!) || g.adjectives.has(words[1]!));
  const nounPosition = adjectival && endsPhrase(g, next) && det >= 0;
  const head = det >= 0 ? det : b;
  let k = head;
  while (k > c.first && g.copulas.has(key(k - 1))) k--;
  // The verb is before the wording ("est surendettée") or its first word ("went bankrupt", "is blind").
  const verbAt = k < head ? head - 1 : g.copulas.has(key(ctx.first)) && ctx.first < ctx.last ? ctx.first : -1;
  if (verbAt === ctx.first) k = ctx.first;
  const subjectIsNoun = k - c.first > 1 || (k - c.first === 1 && !g.pronouns.has(key(c.first)));
  const prep = g.withPreposition.exec(s.t);
  const bare = (plural && s.p ? s.p : s.t).replace(g.withPreposition, '');

  const start = tokens[b]!.start;
  const end = tokens[ctx.last]!.end;
  const original = text.slice(start, end);
  // After a verb, "avec besoin…" becomes "a besoin…"; a bare noun phrase "La cliente : difficultés de paiement".
  if (verbAt >= 0 && (det < 0 || prep) && !adjectival && (prep || !g.fillers.has(words[0]!))) {
    const verb = tokens[verbAt]!;
    const have = g.haveFor[key(verbAt)];
    if (prep && have) return { start: verb.start, end, replacement: matchCase(have, text.slice(verb.start, verb.end)) + ' ' + bare };
    if (subjectIsNoun) return { start: tokens[k - 1]!.end, end, replacement: `${g.colon} ${bare}` };
  }
  if (prep && det >= 0) {
    // "the disabled customer" → "the customer with accessibility requirements": "with" needs a noun before it.
    const nounAfter = !endsPhrase(g, next);
    const noun = nounAfter ? text.slice(tokens[ctx.last + 1]!.start, tokens[ctx.last + 1]!.end) : g.headNoun(ctx.category, gender, plural);
    const to = nounAfter ? tokens[ctx.last + 1]!.end : end;
    return { start, end: to, replacement: `${matchCase(noun, original)} ${s.t}` };
  }
  let replacement: string;
  if (nounPosition) {
    replacement = g.nounPhrase(g.inflect(s.t, gender, plural && french), g.headNoun(ctx.category, gender, plural));
  } else if (adjectival) {
    replacement = g.inflect(s.t, gender, plural);
  } else if (prep && det < 0 && b === c.first && c.sepL !== ',') {
    // "Handicapé, prévoir…" → "Besoin d'accessibilité, prévoir…" (no noun for "avec" to hang on).
    replacement = bare;
  } else if (french && gender === 'f' && /^(?:client|interlocuteur)\b/.test(s.t)) {
    replacement = inflectPerson(s.t, gender, plural, g);
  } else {
    replacement = plural && s.p ? s.p : s.t;
  }
  replacement = matchCase(replacement, original);
  // The article before agrees with the new first word: "a upset" → "an upset", "l'" + consonant → "le".
  if (det >= 0) {
    const article = articleFor(detWord, replacement, gender, french);
    if (article !== null) return { start: tokens[det]!.start, end, replacement: matchCase(article, text.slice(tokens[det]!.start, tokens[det]!.end)) + replacement };
  }
  return { start, end, replacement };
}

function sentenceBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const sep = separatorAt(text, i);
    if (sep === '.' || sep === '\n') return true;
  }
  return false;
}

const VOWEL_START = /^[aeiouyàâéèêëîïôûüh]/iu;

/** The article (with its space) to write before `word`, or null when the one in the text is right. */
function articleFor(det: string, word: string, gender: Gender, french: boolean): string | null {
  if (!french) {
    if (det !== 'a' && det !== 'an') return null;
    const an = /^[aeiou]/i.test(word) && !/^(?:uni|use|usu|one|eu)/i.test(word);
    const want = an || /^(?:hour|honest|honou?r)/i.test(word) ? 'an' : 'a';
    return want === det ? null : `${want} `;
  }
  const vowel = VOWEL_START.test(word);
  if (det === "l'" && !vowel) return gender === 'f' ? 'la ' : 'le ';
  if (det === "d'" && !vowel) return 'de ';
  if ((det === 'le' || det === 'la') && vowel) return "l'";
  if (det === 'de' && vowel) return "d'";
  if ((det === 'un' || det === 'une') && (det === 'une') !== (gender === 'f')) return gender === 'f' ? 'une ' : 'un ';
  return null;
}
