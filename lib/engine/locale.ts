/**
 * Cheap language guess for a note: count frequent function words of each
 * language over the first few hundred words. No model, no allocation per word
 * beyond the tokenizer's.
 */
import type { Locale } from '../categories.ts';
import type { Token } from './tokenize.ts';

const FR = new Set(['le', 'la', 'les', 'des', 'du', 'de', 'un', 'une', 'et', 'est', 'pour', 'avec', 'dans', 'pas', 'sur', 'au', 'aux', 'il', 'elle', 'nous', 'vous', 'que', 'qui', 'ne', 'ce', 'cette', 'mais', 'tres', 'client', 'cliente', 'rdv', 'prevoir', "l'", "d'", "qu'", "n'", "c'", "j'", "s'", 'son', 'sa', 'ses', 'en', 'par', 'chez', 'demain', 'semaine', 'rappeler']);
const EN = new Set(['the', 'a', 'an', 'and', 'is', 'are', 'was', 'for', 'with', 'in', 'on', 'to', 'of', 'not', 'he', 'she', 'we', 'you', 'they', 'that', 'this', 'but', 'very', 'customer', 'call', 'meeting', 'his', 'her', 'their', 'has', 'have', 'will', 'at', 'from', 'next', 'week', "'s", 'it', 'be', 'by', 'guy']);

export interface LocaleGuess {
  locale: Locale | undefined;
  fr: number;
  en: number;
}

/** Each function word once, with the languages it counts for (1 French, 2 English): one lookup per token. */
const LANGS = new Map<string, number>();
for (const w of FR) LANGS.set(w, 1);
for (const w of EN) LANGS.set(w, (LANGS.get(w) ?? 0) | 2);

/** No function word is longer: longer tokens skip the lookup. */
const LONGEST = Math.max(...[...LANGS.keys()].map((w) => w.length));

export function guessLocale(tokens: readonly Token[], limit = 400): LocaleGuess {
  let fr = 0;
  let en = 0;
  const n = Math.min(tokens.length, limit);
  for (let i = 0; i < n; i++) {
    const norm = tokens[i]!.norm;
    if (norm.length > LONGEST) continue;
    const langs = LANGS.get(norm);
    if (langs === undefined) continue;
    fr += langs & 1;
    en += langs >> 1;
  }
  return { locale: fr > en ? 'fr' : en > fr ? 'en' : undefined, fr, en };
}
