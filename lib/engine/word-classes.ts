/**
 * Small closed word classes the engine's guards share (folded, as tokens carry them),
 * and the capital-letter test they use on the text as typed.
 */
import type { Locale } from '../categories.ts';

/** Words of a list written with spaces, as a set. */
export const wordSet = (words: string): ReadonlySet<string> => new Set(words.split(/\s+/).filter(Boolean));

/**
 * Determiners that open a noun phrase, per locale. The French "du" and "des" are left
 * out: they are also the preposition "of" ("diabète du chat"), which callers read apart.
 */
export const DETERMINERS: Record<Locale, ReadonlySet<string>> = {
  fr: wordSet("le la les l' un une son sa ses leur leurs notre nos votre vos ce cet cette ces mon ma mes"),
  en: wordSet('the a an his her their its my our your this that these those'),
};

/** A capital letter (any script that has case): "É" and "A" are, "1", "-" and "a" are not. */
export const isCapitalLetter = (c: string | undefined): boolean => c !== undefined && c !== c.toLowerCase() && c === c.toUpperCase();

/**
 * Adverbs a rep slips inside a phrase ("nous a clairement pris pour des pigeons"): the
 * matcher steps over one of them when the phrase cannot go on with it. Either locale's (the trie of each holds its own phrases only).
 */
export const INNER_ADVERBS: ReadonlySet<string> = wordSet(`
  vraiment clairement carrement completement totalement franchement serieusement litteralement
  vachement grave super tres trop bien deja encore toujours souvent parfois meme
  really totally completely clearly seriously literally actually definitely absolutely
  just so very quite pretty still always often sometimes even already`);
