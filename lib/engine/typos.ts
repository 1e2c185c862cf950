/**
 * Typo tolerance. A token that is no known word and is one edit away (a letter
 * dropped, doubled or extra, replaced, or two neighbours swapped) from a dictionary
 * word of MIN_TYPO_WORD+ letters stands for that word, with a lower confidence.
 *
 * SymSpell's symmetric-delete idea: the index holds each word and its one-letter
 * deletions; a token is looked up with its own deletions, so the keystroke path is a
 * few integer hash lookups (hashes of deletions come from prefix/suffix sums, no
 * string is built). Every candidate is then checked for one edit exactly.
 *
 * The guard against real words ("salade" is not a typo of "malade") is computed by
 * the compiler from full word lists and shipped as the `known` list: the word lists
 * never reach the browser.
 */
import type { Token } from './tokenize.ts';
import { Gap } from './tokenize.ts';

/** Shortest dictionary word that may be matched through a typo: below it, one edit lands on too many real words. */
export const MIN_TYPO_WORD = 6;
/** A dropped letter makes the token one shorter than the word. */
const MIN_TOKEN = MIN_TYPO_WORD - 1;
const MAX_TOKEN = 40;
const BASE = 0x01000193;
/** Hashes are kept to 30 bits so V8 keeps them as small integers (fast Map keys). */
const MASK = 0x3fffffff;
const POW: number[] = [1];
for (let i = 1; i <= MAX_TOKEN + 1; i++) POW.push(Math.imul(POW[i - 1]!, BASE));

/** The shipped form of one locale's typo data (compiled pack): space-separated words. */
export interface TypoSection {
  /** Dictionary words that may be matched through a typo, as written (accents kept). */
  words: string;
  /** Real words (folded) one edit away from one of `words`: never taken for a typo. */
  known: string;
}

const pre = new Int32Array(MAX_TOKEN + 1);
const suf = new Int32Array(MAX_TOKEN + 2);
const codes = new Uint8Array(MAX_TOKEN);

/**
 * Writes into `out` the hash of the word held in `letters[0..n)` (a–z as 1–26), then
 * the hashes of its n one-letter deletions: n + 1 hashes, from prefix and suffix sums.
 */
export function deleteHashesOfLetters(letters: Uint8Array, n: number, out: Int32Array): void {
  pre[0] = 0;
  for (let i = 0; i < n; i++) pre[i + 1] = Math.imul(pre[i]!, BASE) + letters[i]!;
  suf[n] = 0;
  for (let i = n - 1; i >= 0; i--) suf[i] = Math.imul(letters[i]!, POW[n - 1 - i]!) + suf[i + 1]!;
  out[0] = pre[n]! & MASK;
  for (let i = 0; i < n; i++) out[i + 1] = (Math.imul(pre[i]!, POW[n - 1 - i]!) + suf[i + 1]!) & MASK;
}

/** Room for the hashes of any word `deleteHashes` accepts. */
export const newHashBuffer = (): Int32Array => new Int32Array(MAX_TOKEN + 1);

/** The hashes of `w` and of its deletions into `out`; returns their count, or 0 when `w` is not plain a–z (or too long). */
export function deleteHashes(w: string, out: Int32Array): number {
  const n = w.length;
  if (n > MAX_TOKEN) return 0;
  for (let i = 0; i < n; i++) {
    const c = w.charCodeAt(i);
    if (c < 97 || c > 122) return 0;
    codes[i] = c - 96;
  }
  deleteHashesOfLetters(codes, n, out);
  return n + 1;
}

/** Exactly one insertion, deletion, substitution or swap of two neighbours turns `a` into `b`. */
export function oneEditApart(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (la === lb) {
    let i = 0;
    while (i < la && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (i === la) return false;
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  if (Math.abs(la - lb) !== 1) return false;
  const [s, l] = la < lb ? [a, b] : [b, a];
  let i = 0;
  while (i < s.length && s.charCodeAt(i) === l.charCodeAt(i)) i++;
  return s.slice(i) === l.slice(i + 1);
}

const NONE: readonly string[] = [];
const CACHE_LIMIT = 20_000;

/** One locale's typo index, merged from the packs that carry typo data. */
export class TypoIndex {
  private readonly words: string[] = [];
  private readonly display = new Map<string, string>();
  private readonly index = new Map<number, number[]>();
  private readonly known = new Set<string>();
  /** Every word of every phrase of the locale: an exact dictionary word is never a typo of another. */
  private readonly dictionary = new Set<string>();
  private readonly cache = new Map<string, readonly string[]>();
  private readonly hashes = newHashBuffer();

  add(section: TypoSection, fold: (w: string) => string): void {
    for (const k of section.known.split(' ')) if (k) this.known.add(k);
    for (const shown of section.words.split(' ')) {
      const w = fold(shown);
      if (!w || w.length < MIN_TYPO_WORD || this.display.has(w)) continue;
      const id = this.words.length;
      const count = deleteHashes(w, this.hashes);
      if (!count) continue;
      for (let k = 0; k < count; k++) {
        const h = this.hashes[k]!;
        const list = this.index.get(h);
        if (!list) this.index.set(h, [id]);
        else if (list[list.length - 1] !== id) list.push(id);
      }
      this.words.push(w);
      this.display.set(w, shown);
    }
    this.cache.clear();
  }

  addDictionaryWords(phraseKey: string): void {
    for (const w of phraseKey.split(' ')) this.dictionary.add(w);
  }

  get size(): number {
    return this.words.length;
  }

  /** The dictionary words (folded) `norm` is probably a typo of; [] for most tokens. */
  correct(norm: string): readonly string[] {
    const n = norm.length;
    if (n < MIN_TOKEN || n > MAX_TOKEN) return NONE;
    const cached = this.cache.get(norm);
    if (cached) return cached;
    let found: string[] | undefined;
    const count = deleteHashes(norm, this.hashes);
    for (let k = 0; k < count; k++) {
      const ids = this.index.get(this.hashes[k]!);
      if (!ids) continue;
      for (const id of ids) {
        const w = this.words[id]!;
        if ((found === undefined || !found.includes(w)) && oneEditApart(norm, w)) (found ??= []).push(w);
      }
    }
    // A real word, or a word of the dictionaries (phrases, unless, context), is never a typo.
    const out = found && !this.known.has(norm) && !this.dictionary.has(norm) && !this.display.has(norm) ? found : NONE;
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(norm, out);
    return out;
  }

  /** The dictionary word as authors wrote it (accents kept), for "probable typo of …". */
  shown(word: string): string {
    return this.display.get(word) ?? word;
  }
}

// Civility titles: the capitalised word after one is a surname, never a typo.
const TITLES = new Set(['m', 'mr', 'mrs', 'ms', 'mme', 'mlle', 'me', 'dr', 'pr', 'monsieur', 'madame', 'mademoiselle', 'docteur', 'maitre', 'professeur', 'mister', 'miss', 'sir', 'madam', 'doctor']);

/**
 * May token `i` be read as a typo? A capitalised word inside a sentence, or after a
 * civility title, is taken for a proper name (a surname one letter from a condition
 * is still a surname).
 */
export function mayBeTypo(text: string, tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  if (t.end - t.start < MIN_TOKEN) return false;
  const c = text.charCodeAt(t.start);
  const upper = (c >= 65 && c <= 90) || (c > 127 && text[t.start] !== text[t.start]!.toLowerCase());
  if (!upper) return true;
  if (t.gap !== Gap.Sentence) return false;
  return i === 0 || !TITLES.has(tokens[i - 1]!.norm);
}
