/**
 * Small per-locale word tables the rewrite engine needs to remove or replace
 * wording by grammatical unit (lib/engine/clause.ts, lib/engine/agree.ts).
 * Words are lower case with their accents (accentKey), so French "a" (has)
 * and "à" (to) stay apart. No NLP library: these run on the keystroke path.
 */
import type { Locale } from '../categories.ts';
import { EN } from './grammar-en.ts';
import { FR } from './grammar-fr.ts';

export type Gender = 'm' | 'f';

export interface Grammar {
  /** Verbs whose complement is the wording: "est", "a", "sort (de)", "is", "has", "wears"… (and their auxiliaries). */
  copulas: ReadonlySet<string>;
  /** Words that go with a removed noun phrase: determiners, possessives, prepositions, intensifiers, negation. */
  fillers: ReadonlySet<string>;
  /** Words before a noun: a suggestion after them must be a noun phrase ("une vraie casse-pieds" → "une cliente exigeante"). */
  determiners: ReadonlySet<string>;
  /** Intensifiers that qualify the wording and go with it ("vraie", "real", "total"). */
  intensifiers: ReadonlySet<string>;
  conjunctions: ReadonlySet<string>;
  /** Relative pronouns: the wording before one ends its noun phrase ("un gros lard qui négocie"). */
  relatives: ReadonlySet<string>;
  /** Subject pronouns: a clause left with only one of them is removed whole. */
  pronouns: ReadonlySet<string>;
  /** Spelled-out numerals of 2 or more. */
  numbers: ReadonlySet<string>;
  /** Words that mark the feminine (determiners, pronouns, nouns) and the plural. */
  feminine: ReadonlySet<string>;
  masculine: ReadonlySet<string>;
  plural: ReadonlySet<string>;
  /** First words of suggestions that are adjectives (they need a noun in noun position). */
  adjectives: ReadonlySet<string>;
  /** The noun an adjectival suggestion leans on in noun position, by category (default: the person). */
  headNoun(category: string, gender: Gender, plural: boolean): string;
  /** Puts the adjectival suggestion and its head noun in this language's order, agreed. */
  nounPhrase(adjectival: string, noun: string): string;
  /** Inflects an adjectival suggestion for gender and number (French only does gender). */
  inflect(suggestion: string, gender: Gender, plural: boolean): string;
  /** "avec"/"with": a suggestion starting with it loses it where no noun precedes. */
  withPreposition: RegExp;
  /** The verb that replaces a copula before a "with" suggestion: "est avec besoin" → "a besoin". */
  haveFor: Readonly<Record<string, string>>;
  /** What replaces an identifier given after a label ("IBAN : …"). */
  protectedValue: string;
  /** Spacing before a colon: French typography puts a (narrow) space. */
  colon: string;
}

export function grammarFor(locale: Locale): Grammar {
  return locale === 'en' ? EN : FR;
}
