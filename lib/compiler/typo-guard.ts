/**
 * Compile-time half of typo tolerance (the engine half is lib/engine/typos.ts):
 * which dictionary words a typo may stand for, and which real words lie one edit
 * away from them. The second list is what lets the content script tell a typo from
 * a word without shipping any word list.
 */
import type { Locale } from '../categories.ts';
import { deleteHashes, deleteHashesOfLetters, isTypoOf, MIN_SHORT_TYPO_WORD, MIN_TYPO_WORD, newHashBuffer, type TypoSection } from '../engine/typos.ts';

/** Real words of the languages notes are written in, lower case, accents as spelt. */
export interface Lexicon {
  /** Package names, for the record. */
  sources: readonly string[];
  forEach(visit: (word: string) => void): void;
  /**
   * The same words, faster (optional): most of them already folded by `packWords`
   * (a build cache), the rest given one by one to `visit`.
   */
  forEachPacked?(visitPacked: (packed: Uint8Array) => void, visit: (word: string) => void): void;
}

const PLAIN = /^[a-z]+$/;
/** A proper noun as authors write it: a capital, then lower case (not an acronym). */
const PROPER = /^\p{Lu}\p{Ll}+$/u;

/** Lexicon words are already lower case: strip the accents only, without touching the engine's fold cache. */
function foldWord(w: string): string {
  return w.normalize('NFD').replace(/\p{M}+/gu, '').replace(/œ/g, 'oe').replace(/æ/g, 'ae');
}

// Accented lower-case letters of French and English words → their base letter (1–26).
const BASE_LETTER = new Map<number, number>();
for (const [base, accented] of [['a', 'àáâãäå'], ['c', 'ç'], ['e', 'èéêë'], ['i', 'ìíîï'], ['n', 'ñ'], ['o', 'òóôõö'], ['u', 'ùúûü'], ['y', 'ýÿ']] as const) {
  for (const ch of accented) BASE_LETTER.set(ch.charCodeAt(0), base.charCodeAt(0) - 96);
}

/**
 * Folds `w` into `letters` (a–z as 1–26) and returns its length: 0 when a character
 * is outside a–z after folding, -1 when only the slow Unicode fold can tell.
 */
function foldLetters(w: string, letters: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < w.length; i++) {
    if (n >= letters.length - 1) return 0;
    const c = w.charCodeAt(i);
    if (c >= 97 && c <= 122) letters[n++] = c - 96;
    else if (c < 128) return 0;
    else if (c === 0x153 || c === 0xe6) { letters[n++] = c === 0x153 ? 15 : 1; letters[n++] = 5; } // œ, æ
    else {
      const b = BASE_LETTER.get(c);
      if (b === undefined) return -1;
      letters[n++] = b;
    }
  }
  return n;
}

/** Longest word (raw and folded) `packWords` keeps: far above any dictionary word. */
const PACK_MAX = 200;

/**
 * Folds words once for the guard, as `typoSections` folds them, into one buffer:
 * per word its length as written, its folded length, then its letters (a–z as 1–26).
 * Words that can never be a real neighbour (outside a–z once folded, too short) are
 * left out, and repeats kept once. The lexicon caches this (lib/compiler/lexicon.ts).
 */
export function packWords(words: Iterable<string>): Uint8Array {
  const letters = new Uint8Array(2 * PACK_MAX + 2);
  const seen = new Set<string>();
  // One growing buffer, not an array per word: 600,000 small arrays kept the collector busy.
  let out = new Uint8Array(1 << 20);
  let size = 0;
  for (const raw of words) {
    if (raw.length < MIN_TYPO_WORD - 1 || raw.length > PACK_MAX) continue;
    let n = foldLetters(raw, letters);
    if (n < 0) {
      const folded = foldWord(raw);
      n = PLAIN.test(folded) && folded.length <= PACK_MAX ? foldLetters(folded, letters) : 0;
    }
    if (n < MIN_TYPO_WORD - 1 || n > PACK_MAX) continue;
    // Kept once per (length as written, folded letters); a word already plain a–z is its own folded form.
    const folded = n === raw.length && isFoldedAs(raw, letters) ? raw : lettersToString(letters, n);
    const key = n === raw.length ? folded : `${raw.length} ${folded}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (size + n + 2 > out.length) {
      const grown = new Uint8Array(out.length * 2);
      grown.set(out.subarray(0, size));
      out = grown;
    }
    out[size] = raw.length;
    out[size + 1] = n;
    for (let i = 0; i < n; i++) out[size + 2 + i] = letters[i]!;
    size += n + 2;
  }
  return out.slice(0, size);
}

/** Is `w` spelt exactly as its folded `letters` (plain a–z, same length)? */
function isFoldedAs(w: string, letters: Uint8Array): boolean {
  for (let i = 0; i < w.length; i++) if (w.charCodeAt(i) !== letters[i]! + 96) return false;
  return true;
}

/** The code `packWords` output depends on: part of the cache key, so a change to the folding is never read from a stale cache. */
export const PACKED_FORMAT = [packWords, isFoldedAs, foldLetters, foldWord].map(String).join('\n') + JSON.stringify([...BASE_LETTER]) + PLAIN.source + MIN_TYPO_WORD;

const lettersToString = (letters: Uint8Array, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(letters[i]! + 96);
  return s;
};

/** Collects, per locale, the dictionary words eligible for typo matching (folded → as written). */
export class TypoWords {
  private readonly byLocale = new Map<Locale, Map<string, string>>();
  /** Every word of every phrase: a dictionary word near an eligible one is not a typo either. */
  readonly all = new Set<string>();

  /** Records the words of a phrase that is matched exactly only (accent-strict, `typos: false`). */
  noteWords(folded: string): void {
    for (const w of folded.split(' ')) this.all.add(w);
  }

  /**
   * `folded` and `shown` are the same phrase's keys (phraseKeys: key, accent);
   * `cased`, when given, is `shown` with the author's capitals, so a word the dictionary
   * writes capitalised ("Alzheimer", a brand) is shown so, and the engine may read a
   * capitalised word inside a sentence as its typo.
   */
  add(locale: Locale, folded: string, shown: string, cased?: string): void {
    let words = this.byLocale.get(locale);
    if (!words) this.byLocale.set(locale, (words = new Map()));
    // Called for every form of the pack, most of them one word: those are not split at all.
    if (!folded.includes(' ') && !shown.includes(' ')) {
      this.addWord(words, folded, cased && cased !== shown && !cased.includes(' ') && PROPER.test(cased) ? cased : shown);
      return;
    }
    // The keys are split once each, and not at all when equal.
    const f = folded.split(' ');
    let s = shown === folded ? f : shown.split(' ');
    if (f.length !== s.length) return;
    if (cased && cased !== shown) {
      const c = cased.split(' ');
      if (c.length === s.length) s = s.map((w, i) => (PROPER.test(c[i]!) ? c[i]! : w));
    }
    for (let i = 0; i < f.length; i++) this.addWord(words, f[i]!, s[i]!);
  }

  /** One word `w` (folded) as the dictionary shows it. */
  private addWord(words: Map<string, string>, w: string, shown: string): void {
    this.all.add(w);
    if (w.length < MIN_SHORT_TYPO_WORD || !PLAIN.test(w)) return;
    const prev = words.get(w);
    if (prev === shown) return;
    // Show the accented spelling when one form has it ("hospitalisé", not "hospitalise").
    if (prev === undefined || (prev === w && shown !== w) || (PROPER.test(shown) && !PROPER.test(prev))) words.set(w, shown);
  }

  get locales(): Locale[] {
    return [...this.byLocale.keys()].sort();
  }

  words(locale: Locale): Map<string, string> {
    return this.byLocale.get(locale) ?? new Map();
  }
}

/**
 * For each locale: its eligible words, and every lexicon word (folded) one edit away
 * from one of them. One pass over the lexicon with the same symmetric-delete hashes
 * as the engine; each hash hit is confirmed by an exact one-edit check.
 */
export function typoSections(words: TypoWords, lexicon: Lexicon): Partial<Record<Locale, TypoSection>> {
  const locales = words.locales;
  const eligible = locales.map((l) => [...words.words(l).keys()].sort());
  const index = new Map<number, number[]>(); // hash → eligible word ids, id = locale * 1e7 + i
  const hashes = newHashBuffer();
  eligible.forEach((list, li) => list.forEach((w, i) => {
    const id = li * 1e7 + i;
    const count = deleteHashes(w, hashes);
    for (let k = 0; k < count; k++) {
      const ids = index.get(hashes[k]!);
      if (!ids) index.set(hashes[k]!, [id]);
      else if (ids[ids.length - 1] !== id) ids.push(id);
    }
  }));
  // One bit per hash (4 Mi bits): most lexicon words are rejected without a Map lookup.
  const BITS = 22;
  const seen = new Uint32Array(1 << (BITS - 5));
  for (const h of index.keys()) seen[(h & ((1 << BITS) - 1)) >>> 5]! |= 1 << (h & 31);
  const known = locales.map(() => new Set<string>());
  const maxLen = Math.max(0, ...eligible.flat().map((w) => w.length)) + 1;
  const letters = new Uint8Array(maxLen + 2);
  /** The lexicon word whose folded form is `letters[0..n)`, `folded` when already built. */
  const check = (n: number, folded: string | undefined) => {
    deleteHashesOfLetters(letters, n, hashes);
    for (let k = 0; k <= n; k++) {
      const h = hashes[k]!;
      if (!(seen[(h & ((1 << BITS) - 1)) >>> 5]! & (1 << (h & 31)))) continue;
      const ids = index.get(h);
      if (!ids) continue;
      folded ??= lettersToString(letters, n);
      for (const id of ids) {
        const li = Math.floor(id / 1e7);
        if (isTypoOf(folded, eligible[li]![id % 1e7]!)) known[li]!.add(folded);
      }
    }
  };
  // The same filters as `visit`, on words `packWords` folded ahead.
  const visitPacked = (packed: Uint8Array) => {
    for (let at = 0; at < packed.length; at += packed[at + 1]! + 2) {
      const rawLength = packed[at]!;
      const n = packed[at + 1]!;
      if (rawLength > maxLen + 1 || n > maxLen) continue;
      // Copied byte by byte: a subarray view per word (600,000 of them) kept the collector busy.
      for (let j = 0; j < n; j++) letters[j] = packed[at + 2 + j]!;
      check(n, undefined);
    }
  };
  const visit = (raw: string) => {
    if (raw.length < MIN_TYPO_WORD - 1 || raw.length > maxLen + 1) return;
    let n = foldLetters(raw, letters);
    let folded: string | undefined;
    if (n < 0) {
      folded = foldWord(raw);
      n = PLAIN.test(folded) && folded.length <= maxLen ? foldLetters(folded, letters) : 0;
    }
    if (n < MIN_TYPO_WORD - 1 || n > maxLen) return;
    check(n, folded);
  };
  if (lexicon.forEachPacked && maxLen < PACK_MAX) lexicon.forEachPacked(visitPacked, visit);
  else lexicon.forEach(visit);
  words.all.forEach(visit);
  const out: Partial<Record<Locale, TypoSection>> = {};
  locales.forEach((l, li) => {
    const shown = words.words(l);
    // A dictionary word is matched exactly (the engine knows them all): keep the list short.
    const k = [...known[li]!].filter((w) => !shown.has(w)).sort();
    out[l] = { words: eligible[li]!.map((w) => shown.get(w)!).join(' '), known: k.join(' ') };
  });
  return out;
}
