/**
 * Node-only: the real words of each language, used at compile time to keep typo
 * matching honest ("salade" is a word, not a typo of "malade"). Full-form lists
 * (every inflection spelled out) from an-array-of-french-words (~336,000 forms) and
 * an-array-of-english-words (~275,000), both MIT: no affix engine is needed, as it
 * would be for the Hunspell dictionaries, plus place names (place-names.ts). Both languages guard each locale, since
 * notes mix them ("call", "meeting" in French notes). Never bundled for the browser.
 */
import { createRequire } from 'node:module';
import type { Lexicon } from './typo-guard.ts';
import { placeNameWords } from './place-names.ts';

const require = createRequire(import.meta.url);
let cached: Lexicon | undefined;

export function loadLexicon(): Lexicon {
  if (cached) return cached;
  const fr = require('an-array-of-french-words') as string[];
  const en = require('an-array-of-english-words') as string[];
  const lexicon: Lexicon = {
    sources: ['an-array-of-french-words', 'an-array-of-english-words', 'world-countries'],
    forEach(visit) {
      for (const w of fr) visit(w);
      for (const w of en) visit(w);
      // Place names: "Indiana" is a state, not a typo of "Indians".
      for (const w of placeNameWords()) visit(w);
    },
  };
  return (cached = lexicon);
}
