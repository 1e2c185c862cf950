/**
 * Lookup folding: NFC/NFD, lower case, accents stripped, ’ → ', œ → oe, æ → ae.
 * Applied to one token at a time, so the folded form may differ in length from
 * the original: offsets always come from the token, never from the folded text.
 */
const cache = new Map<string, string>();
const CACHE_LIMIT = 50_000;
// Only characters that need more than toLowerCase() (non-ASCII) go through the slow path.

/** Plain ASCII, tested by code: cheaper than a regular expression on a short word. */
function isAscii(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) > 0x7f) return false;
  return true;
}

export function fold(word: string): string {
  if (isAscii(word)) return word.toLowerCase();
  let folded = cache.get(word);
  if (folded === undefined) {
    folded = word
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[’ʼ‘`´]/g, "'")
      .replace(/œ/g, 'oe')
      .replace(/æ/g, 'ae')
      .replace(/ß/g, 'ss')
      .replace(/[\u00ad\u200b-\u200d\u2060]/g, '');
    if (cache.size < CACHE_LIMIT) cache.set(word, folded);
  }
  return folded;
}
