/**
 * `phraseKeys` (lib/engine/tokenize.ts) for the compiler's 200,000-odd forms. Nearly all
 * of them are plain words one space apart, which the tokenizer would cut at the spaces
 * anyway: those are split on their spaces and folded word by word with the engine's own
 * `fold` and `accentKey`, and only the rest (capitals, apostrophes, hyphens, dots, any
 * other script) go through the tokenizer. Same keys either way
 * (test/compiler/form-keys.test.ts); it only saves build time.
 */
import { fold } from '../engine/fold.ts';
import { accentKey, phraseKeys } from '../engine/tokenize.ts';

/** Lower-case Latin letters (accented ones precomposed, as NFC writes them) and digits, one space apart. */
const PLAIN_WORDS = /^[a-z0-9\u00df-\u00f6\u00f8-\u00ffœ]+(?: [a-z0-9\u00df-\u00f6\u00f8-\u00ffœ]+)*$/;

/** Lower-case a–z and digits, one space apart: already their own key and accent key. */
const ASCII_WORDS = /^[a-z0-9]+(?: [a-z0-9]+)*$/;

export function formKeys(form: string): { key: string; accent: string; cased: string } {
  if (ASCII_WORDS.test(form)) return { key: form, accent: form, cased: form };
  if (!PLAIN_WORDS.test(form)) return phraseKeys(form);
  if (!form.includes(' ')) return { key: fold(form), accent: accentKey(form), cased: form };
  const words = form.split(' ');
  return { key: words.map(fold).join(' '), accent: words.map(accentKey).join(' '), cased: form };
}
