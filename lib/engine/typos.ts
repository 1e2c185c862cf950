/**
 * Typo tolerance. A token that is no known word and is one edit away (a letter
 * dropped, doubled or extra, replaced, or two neighbours swapped) from a dictionary
 * word of MIN_TYPO_WORD+ letters stands for that word, with a lower confidence; for a
 * word of MIN_SHORT_TYPO_WORD letters, only a swap or a doubled letter counts.
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

/** Shortest dictionary word that may be matched through any one-edit typo: below it, one edit lands on too many real words. */
export const MIN_TYPO_WORD = 6;
/**
 * Shortest dictionary word that may be matched through a typo at all: below MIN_TYPO_WORD only
 * the slips of fast fingers count, two neighbours swapped or a letter doubled ("unoin",
 * "hallal", "chemmo"), never a letter dropped or replaced ("lourd" is no typo of "sourd").
 */
export const MIN_SHORT_TYPO_WORD = 5;
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

/** How `a` becomes `b` in one edit; the order is how common the slip is when typing fast. */
export const enum Edit {
  None = 0,
  /** Two neighbours swapped. */
  Swap = 1,
  /** A letter dropped, doubled or added. */
  Length = 2,
  /** A letter replaced. */
  Substitution = 3,
}

/** Do `a` from `i` and `b` from `j` hold the same characters to their ends? (no substring built) */
function sameTail(a: string, i: number, b: string, j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  while (i < a.length) if (a.charCodeAt(i++) !== b.charCodeAt(j++)) return false;
  return true;
}

/** The one edit (insertion, deletion, substitution or swap of neighbours) that turns `a` into `b`, or Edit.None. */
export function oneEdit(a: string, b: string): Edit {
  const la = a.length;
  const lb = b.length;
  if (la === lb) {
    let i = 0;
    while (i < la && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (i === la) return Edit.None;
    if (sameTail(a, i + 1, b, i + 1)) return Edit.Substitution;
    return i + 1 < la && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && sameTail(a, i + 2, b, i + 2) ? Edit.Swap : Edit.None;
  }
  if (Math.abs(la - lb) !== 1) return Edit.None;
  const [s, l] = la < lb ? [a, b] : [b, a];
  let i = 0;
  while (i < s.length && s.charCodeAt(i) === l.charCodeAt(i)) i++;
  return sameTail(s, i, l, i + 1) ? Edit.Length : Edit.None;
}

export const oneEditApart = (a: string, b: string): boolean => oneEdit(a, b) !== Edit.None;

/** Is `long` `short` with one letter doubled or repeated beside itself ("hallal", "halaal" for "halal")? */
function isDoubling(long: string, short: string): boolean {
  let i = 0;
  while (i < short.length && long.charCodeAt(i) === short.charCodeAt(i)) i++;
  const c = long.charCodeAt(i);
  return (i > 0 && long.charCodeAt(i - 1) === c) || (i + 1 < long.length && long.charCodeAt(i + 1) === c);
}

/** May `token` be a typo of the dictionary word `word`? Any one edit for words of MIN_TYPO_WORD letters, a swap or a doubled letter for shorter ones. */
export function isTypoOf(token: string, word: string): boolean {
  const e = oneEdit(token, word);
  if (e === Edit.None || word.length >= MIN_TYPO_WORD) return e !== Edit.None;
  if (word.length < MIN_SHORT_TYPO_WORD) return false;
  return e === Edit.Swap || (e === Edit.Length && token.length === word.length + 1 && isDoubling(token, word));
}

const NONE: readonly string[] = [];
const CACHE_LIMIT = 20_000;

/**
 * One locale's typo index in serialised form, folded and deduplicated at package time,
 * its deletion hashes sorted: a start wraps them and looks up by binary search instead
 * of filling a hash table (megabytes of fresh memory for a one-note run).
 */
export interface TypoPrebuilt {
  /** The words (folded) in id order, joined by one space. */
  words: string;
  /** The same words as authors wrote them, parallel to `words`. */
  shown: string;
  /** The `known` lists of the sections, joined by one space. */
  known: string;
  /** Every hash of a word and of its one-letter deletions, in increasing order… */
  keys: Int32Array;
  /** …and the id of the word each comes from. */
  ids: Int32Array;
}

/** hash → word ids: the first entry of a hash, the next one, the word of an entry. */
interface DeleteTable {
  first(h: number): number;
  nextOf(entry: number): number;
  idOf(entry: number): number;
}

interface HashTableData {
  keys: Int32Array;
  heads: Int32Array;
  ids: Int32Array;
  next: Int32Array;
}

/**
 * hash → word ids, in typed arrays (open addressing, chained ids): built in a few
 * milliseconds for thousands of words, no per-key allocation.
 */
class HashTable implements DeleteTable {
  private readonly mask: number;
  private count: number;

  private constructor(private readonly data: HashTableData, count: number) {
    this.mask = data.keys.length - 1;
    this.count = count;
  }

  static empty(entries: number): HashTable {
    let size = 16;
    while (size < entries * 1.5) size <<= 1;
    return new HashTable({ keys: new Int32Array(size).fill(-1), heads: new Int32Array(size).fill(-1), ids: new Int32Array(entries), next: new Int32Array(entries) }, 0);
  }

  private slot(h: number): number {
    const { keys } = this.data;
    let i = h & this.mask;
    while (keys[i] !== -1 && keys[i] !== h) i = (i + 1) & this.mask;
    return i;
  }

  add(h: number, id: number): void {
    const { keys, heads, ids, next } = this.data;
    const i = this.slot(h);
    const head = heads[i]!;
    if (head !== -1 && ids[head] === id) return; // a word whose deletions repeat ("bonne" → "bone" twice)
    keys[i] = h;
    ids[this.count] = id;
    next[this.count] = head;
    heads[i] = this.count++;
  }

  /** First entry of `h` (-1 when none); walk on with `nextOf`. */
  first(h: number): number {
    return this.data.heads[this.slot(h)]!;
  }

  idOf(entry: number): number {
    return this.data.ids[entry]!;
  }

  nextOf(entry: number): number {
    return this.data.next[entry]!;
  }
}

/** The prebuilt form: sorted hashes, found by binary search; equal hashes sit side by side. */
class SortedTable implements DeleteTable {
  constructor(private readonly keys: Int32Array, private readonly ids: Int32Array) {}

  first(h: number): number {
    const { keys } = this;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]! < h) lo = mid + 1;
      else hi = mid;
    }
    return lo < keys.length && keys[lo] === h ? lo : -1;
  }

  nextOf(entry: number): number {
    return entry + 1 < this.keys.length && this.keys[entry + 1] === this.keys[entry] ? entry + 1 : -1;
  }

  idOf(entry: number): number {
    return this.ids[entry]!;
  }
}

/** One locale's typo index, merged from the packs that carry typo data; built on first use. */
export class TypoIndex {
  private words: string[] = [];
  /** The words as authors wrote them, parallel to `words`. */
  private shownForms: string[] = [];
  /** folded → shown; for a prebuilt index, built on first use. */
  private displayMap: Map<string, string> | undefined = new Map();
  private wordsText: string | undefined;
  /** The `known` lists, searched as text (" word "): asked only when a token has a candidate, not worth a set of thousands of words. */
  private knownLists: string[] = [];
  private knownText: string | undefined;
  private readonly cache = new Map<string, readonly string[]>();
  private readonly properCache = new Map<string, readonly string[]>();
  private readonly hashes = newHashBuffer();
  private table: DeleteTable | undefined;

  /** Wraps a prebuilt index (the package's built-in pack): no folding at start. */
  static fromPrebuilt(p: TypoPrebuilt): TypoIndex {
    const index = new TypoIndex();
    index.words = p.words ? p.words.split(' ') : [];
    index.shownForms = p.shown ? p.shown.split(' ') : [];
    index.displayMap = undefined;
    index.knownLists = [p.known];
    index.table = new SortedTable(p.keys, p.ids);
    return index;
  }

  /** This index in serialised form (see fromPrebuilt). */
  toPrebuilt(): TypoPrebuilt {
    const pairs: Array<[number, number]> = [];
    this.words.forEach((w, id) => {
      const count = deleteHashes(w, this.hashes);
      for (let k = 0; k < count; k++) pairs.push([this.hashes[k]!, id]);
    });
    pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const unique = pairs.filter((p, i) => i === 0 || p[0] !== pairs[i - 1]![0] || p[1] !== pairs[i - 1]![1]);
    return {
      words: this.words.join(' '), shown: this.shownForms.join(' '), known: this.knownLists.join(' '),
      keys: Int32Array.from(unique, (p) => p[0]), ids: Int32Array.from(unique, (p) => p[1]),
    };
  }

  private get display(): Map<string, string> {
    if (!this.displayMap) {
      const map = new Map<string, string>();
      this.words.forEach((w, i) => map.set(w, this.shownForms[i]!));
      this.displayMap = map;
    }
    return this.displayMap;
  }

  /** Is `norm` (a token: no space) in one of the `known` lists? */
  private isKnown(norm: string): boolean {
    this.knownText ??= ` ${this.knownLists.join(' ')} `;
    return this.knownText.includes(` ${norm} `);
  }

  /** Is `norm` a word of the dictionaries? (searched as text until the display map exists) */
  private isWord(norm: string): boolean {
    if (this.displayMap) return this.displayMap.has(norm);
    this.wordsText ??= ` ${this.words.join(' ')} `;
    return this.wordsText.includes(` ${norm} `);
  }

  add(section: TypoSection, fold: (w: string) => string): void {
    const display = this.display;
    this.knownLists.push(section.known);
    this.knownText = undefined;
    for (const shown of section.words.split(' ')) {
      const w = fold(shown);
      if (w.length < MIN_SHORT_TYPO_WORD || w.length > MAX_TOKEN || display.has(w)) continue;
      this.words.push(w);
      this.shownForms.push(shown);
      display.set(w, shown);
    }
    this.table = undefined;
    this.cache.clear();
    this.properCache.clear();
  }

  private build(): DeleteTable {
    const table = HashTable.empty(this.words.reduce((n, w) => n + w.length + 1, 0));
    this.words.forEach((w, id) => {
      const count = deleteHashes(w, this.hashes);
      for (let k = 0; k < count; k++) table.add(this.hashes[k]!, id);
    });
    return (this.table = table);
  }

  get size(): number {
    return this.words.length;
  }

  /** The words one edit from `norm`, read from the hash table of deletions. */
  private lookUp(norm: string): string[] | undefined {
    const table = this.table ?? this.build();
    let found: string[] | undefined;
    const count = deleteHashes(norm, this.hashes);
    for (let k = 0; k < count; k++) {
      for (let e = table.first(this.hashes[k]!); e !== -1; e = table.nextOf(e)) {
        const w = this.words[table.idOf(e)]!;
        if ((found === undefined || !found.includes(w)) && isTypoOf(norm, w)) (found ??= []).push(w);
      }
    }
    return found;
  }

  /** The dictionary words (folded) `norm` is probably a typo of; [] for most tokens. */
  correct(norm: string): readonly string[] {
    const n = norm.length;
    if (n < MIN_TOKEN || n > MAX_TOKEN) return NONE;
    const cached = this.cache.get(norm);
    if (cached) return cached;
    const found = this.lookUp(norm);
    // "maladee" is one edit from "malade" and from "malades": the likelier slip first.
    if (found && found.length > 1) found.sort((x, y) => oneEdit(norm, x) - oneEdit(norm, y) || (x < y ? -1 : 1));
    // A real word, or a word of the dictionaries, is never a typo (the compiler lists
    // the real words and the pack's own words one edit away in `known`).
    const out = found && !this.isKnown(norm) && !this.isWord(norm) ? found : NONE;
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(norm, out);
    return out;
  }

  /** The corrections of `norm` that the dictionaries write capitalised (for a capitalised word inside a sentence). */
  correctProper(norm: string): readonly string[] {
    const all = this.correct(norm);
    if (!all.length) return all;
    let out = this.properCache.get(norm);
    if (!out) {
      out = all.filter((w) => startsUpper(this.shown(w)));
      if (this.properCache.size >= CACHE_LIMIT) this.properCache.clear();
      this.properCache.set(norm, out);
    }
    return out;
  }

  /** The dictionary word as authors wrote it (accents kept), for "probable typo of …". */
  shown(word: string): string {
    return this.display.get(word) ?? word;
  }
}

const startsUpper = (w: string): boolean => w.length > 0 && w[0] !== w[0]!.toLowerCase();

// Civility titles: the capitalised word after one is a surname, never a typo.
const TITLES = new Set(['m', 'mr', 'mrs', 'ms', 'mme', 'mlle', 'me', 'dr', 'pr', 'monsieur', 'madame', 'mademoiselle', 'docteur', 'maitre', 'professeur', 'mister', 'miss', 'sir', 'madam', 'doctor']);

/** What token `i` may be a typo of: nothing, any dictionary word, or only a word the dictionaries write capitalised. */
export const enum TypoScope {
  None = 0,
  Any = 1,
  /** A capitalised word inside a sentence: a name, unless it misspells a name-like word ("Nigerain", "Seroquil"). */
  Proper = 2,
}

/**
 * May token `i` be read as a typo? A word after a civility title is a surname (a surname
 * one letter from a condition is still a surname). A capitalised word inside a sentence
 * is taken for a proper name too, so it may only stand for a dictionary word written
 * capitalised: a demonym, a brand, a faith, a party ("is Nigerain", "on Seroquil").
 */
export function mayBeTypo(text: string, tokens: readonly Token[], i: number): TypoScope {
  const t = tokens[i]!;
  if (t.end - t.start < MIN_TOKEN) return TypoScope.None;
  const c = text.charCodeAt(t.start);
  const upper = (c >= 65 && c <= 90) || (c > 127 && text[t.start] !== text[t.start]!.toLowerCase());
  if (!upper) return TypoScope.Any;
  if (i > 0 && TITLES.has(tokens[i - 1]!.norm)) return TypoScope.None;
  return t.gap === Gap.Sentence ? TypoScope.Any : TypoScope.Proper;
}
