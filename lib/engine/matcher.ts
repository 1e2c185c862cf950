/**
 * One pass over the token stream for all rules: a trie keyed by folded tokens,
 * walked from each token while the next token continues the phrase. A token that
 * matches nothing may still be a typo of a dictionary word (typos.ts): the walk
 * then goes on with that word. Longest match wins, `unless` phrases cancel, and
 * overlapping matches of other categories add their category to the winner
 * instead of being lost.
 */
import type { CategoryId } from '../categories.ts';
import { SEVERITIES } from '../categories.ts';
import type { CompiledRule } from '../schema/dictionary.ts';
import { accentKey, Gap, type Token } from './tokenize.ts';
import type { FlatTrie } from './flat-trie.ts';
import { mayBeTypo, TypoScope, type TypoIndex } from './typos.ts';
import { DETERMINERS as DETERMINERS_OF, INNER_ADVERBS } from './word-classes.ts';

/** A token read as a typo: its index and the dictionary word (folded) it stands for. */
export type Correction = readonly [token: number, word: string];

export interface Candidate {
  /** Token indices, end exclusive. */
  first: number;
  last: number;
  rule: number;
  plural: boolean;
  /** Tokens matched through a typo (absent for an exact match). */
  typos?: readonly Correction[];
}

/** Context words of a rule, prepared once: phrases by their first token for a Set lookup. */
export interface PreparedContext {
  require?: Map<string, string[][]>;
  exclude?: Map<string, string[][]>;
  window: number;
  standalone?: true;
  label?: boolean;
  modifies?: Map<string, string[][]>;
}

// The pack's shared business nouns repeat in every rule: one index per distinct list.
const indexCache = new Map<string, Map<string, string[][]>>();

/**
 * The rule's context words ready for lookups; `shared` is its pack's list of business
 * nouns for the rule's locale (pack-level `modifies`), added to the rule's own.
 */
export function prepareContext(rule: CompiledRule, shared?: readonly string[]): PreparedContext | undefined {
  const ctx = rule.context ?? (shared ? { window: 5 } : undefined);
  if (!ctx) return undefined;
  const index = (words: readonly string[] | undefined) => {
    if (!words) return undefined;
    const key = words.join('\u0000');
    const hit = indexCache.get(key);
    if (hit) return hit;
    const m = new Map<string, string[][]>();
    if (indexCache.size > 10_000) indexCache.clear(); // many packs imported over a long session
    indexCache.set(key, m);
    for (const w of words) {
      const parts = w.split(' ');
      const list = m.get(parts[0]!) ?? [];
      list.push(parts);
      m.set(parts[0]!, list);
    }
    return m;
  };
  const modifies = shared && ctx.modifies ? [...ctx.modifies, ...shared] : shared ?? ctx.modifies;
  return { require: index(ctx.require), exclude: index(ctx.exclude), window: ctx.window, ...(ctx.standalone ? { standalone: true as const } : {}), label: ctx.label, modifies: index(modifies) };
}

/** What one scan needs besides the trie. */
export interface ScanInput {
  text: string;
  tokens: readonly Token[];
  /** The prepared context words of a rule (undefined when it has none). */
  contextOf: (rule: number) => PreparedContext | undefined;
  enabled: (rule: number) => boolean;
  /** The locale's typo index, when its packs carry typo data. */
  typos?: TypoIndex;
  /** The text's last word may still be being typed: never read it as a typo. */
  openTail?: boolean;
}

const NO_WORDS: readonly string[] = [];

/** Dictionary words token `i` is probably a typo of ([] when it is none, or typos are off). */
function corrections(input: ScanInput, i: number): readonly string[] {
  if (!input.typos) return NO_WORDS;
  const scope = mayBeTypo(input.text, input.tokens, i);
  if (scope === TypoScope.None) return NO_WORDS;
  if (input.openTail && input.tokens[i]!.end === input.text.length) return NO_WORDS;
  return scope === TypoScope.Proper ? input.typos.correctProper(input.tokens[i]!.norm) : input.typos.correct(input.tokens[i]!.norm);
}

/** Token `i` is `word`, exactly or through a probable typo. */
function tokenIs(input: ScanInput, i: number, word: string): boolean {
  return input.tokens[i]!.norm === word || corrections(input, i).includes(word);
}

/** Does any phrase of `words` lie in tokens [from, to)? */
function windowHas(input: ScanInput, from: number, to: number, words: Map<string, string[][]>): boolean {
  const { tokens } = input;
  for (let i = from; i < to; i++) {
    let candidates = words.get(tokens[i]!.norm);
    if (!candidates && input.typos) for (const w of corrections(input, i)) if ((candidates = words.get(w))) break;
    if (!candidates) continue;
    for (const parts of candidates) {
      if (i + parts.length > to) continue;
      let ok = true;
      for (let k = 1; k < parts.length && ok; k++) ok = tokenIs(input, i + k, parts[k]!);
      if (ok) return true;
    }
  }
  return false;
}

/** The match opens its sentence and a comma (or the end) closes it: "Nigerian, very direct". */
function standsAlone(tokens: readonly Token[], first: number, last: number): boolean {
  return tokens[first]!.gap === Gap.Sentence && (last === tokens.length || tokens[last]!.gap >= Gap.Hard);
}

// Words that only grade the label beside them ("big big boulet", "trop lourd", "so rude").
const INTENSIFIERS = new Set(['tres', 'trop', 'super', 'vraiment', 'hyper', 'mega', 'assez', 'gros', 'grosse', 'vrai', 'vraie',
  'sacre', 'sacree', 'big', 'total', 'totalement', 'completement', 'carrement', 'grave', 'very', 'so', 'too', 'really', 'totally',
  'completely', 'utterly', 'utter', 'such', 'real', 'proper', 'right']);
const AND = new Set(['et', 'and']);

/**
 * The match is the whole segment between punctuation, give or take words that grade it
 * and one more label coordinated with it: "Big big boulet", "insistant et désagréable".
 */
function fillsSegment(tokens: readonly Token[], first: number, last: number): boolean {
  let from = first;
  while (tokens[from]!.gap < Gap.Hard && from > 0 && first - from < 2 && INTENSIFIERS.has(tokens[from - 1]!.norm)) from--;
  const opens = tokens[from]!.gap >= Gap.Hard
    || (from >= 2 && AND.has(tokens[from - 1]!.norm) && tokens[from - 1]!.gap < Gap.Hard && tokens[from - 2]!.gap >= Gap.Hard);
  if (!opens) return false;
  const closes = (at: number) => at === tokens.length || tokens[at]!.gap >= Gap.Hard;
  return closes(last) || (AND.has(tokens[last]!.norm) && last + 1 < tokens.length && tokens[last + 1]!.gap < Gap.Hard && closes(last + 2));
}

// A determiner opens a new noun phrase: "too old to learn the app" does not modify "app".
// Either locale's (a note mixes them), and the partitive "du" and "des" as well.
const DETERMINERS = new Set([...DETERMINERS_OF.fr, ...DETERMINERS_OF.en, 'des', 'du']);

/** One of `nouns` follows the match (a word or two) within two words of the same clause: the match is its modifier. */
function modifiesNoun(input: ScanInput, last: number, nouns: Map<string, string[][]>): boolean {
  if (last < input.tokens.length && DETERMINERS.has(input.tokens[last]!.norm)) return false;
  let to = last;
  while (to < input.tokens.length && to - last < 2 && input.tokens[to]!.gap < Gap.Hard) to++;
  return to > last && windowHas(input, last, to, nouns);
}

/**
 * Context words count within `window` tokens of the match and inside its sentence:
 * the word "devis" in the previous sentence says nothing about "en taule" in this one.
 */
export function contextAllows(ctx: PreparedContext | undefined, input: ScanInput, first: number, last: number): boolean {
  if (!ctx) return true;
  const { tokens } = input;
  // Standalone: the match is its whole segment, between punctuation or the ends of the note.
  if (ctx.standalone && !fillsSegment(tokens, first, last)) return false;
  // A phrase of three words or more speaks of a person ("too old to learn new software").
  if (ctx.modifies && last - first <= 2 && modifiesNoun(input, last, ctx.modifies)) return false;
  if (!ctx.require && !ctx.exclude) return !ctx.label || standsAlone(tokens, first, last);
  let from = first;
  while (from > 0 && first - from < ctx.window && tokens[from]!.gap !== Gap.Sentence) from--;
  let to = last;
  while (to < tokens.length && to - last < ctx.window && tokens[to]!.gap !== Gap.Sentence) to++;
  const inWindow = (words: Map<string, string[][]>) => windowHas(input, from, first, words) || windowHas(input, last, to, words);
  const alone = ctx.label === true && standsAlone(tokens, first, last);
  // `label` alone: the match counts only as a label; with `require`, as a label or near a word.
  if (ctx.require ? !alone && !inWindow(ctx.require) : ctx.label && !alone) return false;
  if (ctx.exclude && inWindow(ctx.exclude)) return false;
  return true;
}

function exactMatches(text: string, tokens: readonly Token[], first: number, exact: readonly string[]): boolean {
  for (let k = 0; k < exact.length; k++) {
    const t = tokens[first + k]!;
    if (accentKey(text.slice(t.start, t.end)) !== exact[k]) return false;
  }
  return true;
}

/** A locale's trie and the offset of its rule numbers in the linter's rules (a prebuilt trie counts from its pack's first rule). */
export interface LocaleTrie {
  trie: FlatTrie;
  base: number;
}

/** One scan's state, shared by the walks from each token (no closure per scan). */
interface ScanState {
  input: ScanInput;
  rules: readonly CompiledRule[];
  trie: FlatTrie;
  base: number;
  /** Token id of each token in the trie (-1: in no phrase). */
  ids: Int32Array;
  found: Candidate[];
  cancels: Array<[number, number, number]> | undefined;
}

/** Walks the trie from token `i` (already matched to `start`) while the next tokens continue a phrase. */
function walk(st: ScanState, i: number, start: number, typos: Correction[] | undefined): void {
  const { input, rules, found, trie, base, ids } = st;
  const { text, tokens, contextOf, enabled } = input;
  const n = tokens.length;
  let cur = start;
  let j = i;
  while (cur !== -1) {
    for (let u = trie.firstUnless(cur); u !== -1; u = trie.nextUnless(u)) (st.cancels ??= []).push([i, j + 1, base + trie.unlessRuleOf(u)]);
    let claimed: CategoryId[] | undefined;
    for (let h = trie.firstHit(cur); h !== -1; h = trie.nextHit(h)) {
      const rule = base + trie.hitRuleOf(h);
      if (!enabled(rule)) continue;
      const category = rules[rule]!.category;
      // The first rule of each category wins a phrase (the compiler reports such conflicts).
      if (claimed?.includes(category)) continue;
      const exact = trie.hitExactTokens(h);
      if (exact && !exactMatches(text, tokens, i, exact)) continue;
      if (!contextAllows(contextOf(rule), input, i, j + 1)) continue;
      const plural = trie.hitIsPlural(h);
      found.push(typos ? { first: i, last: j + 1, rule, plural, typos } : { first: i, last: j + 1, rule, plural });
      (claimed ??= []).push(category);
    }
    j++;
    if (j >= n || tokens[j]!.gap >= Gap.Hard) break;
    let next = trie.child(cur, ids[j]!);
    if (next === -1 && input.typos) {
      for (const w of corrections(input, j)) {
        next = trie.child(cur, trie.tokenId(w));
        if (next !== -1) { typos = [...(typos ?? []), [j, w]]; break; }
      }
    }
    // One adverb inside the phrase is stepped over when the phrase goes on after it.
    if (next === -1 && j + 1 < n && tokens[j + 1]!.gap < Gap.Hard && INNER_ADVERBS.has(tokens[j]!.norm)) {
      next = trie.child(cur, ids[j + 1]!);
      if (next !== -1) j++;
    }
    cur = next;
  }
}

let idBuffer = new Int32Array(256);

/**
 * Scans tokens with one locale's trie. Returns the surviving candidates; several
 * rules of different categories may claim the same phrase (one candidate each).
 */
export function scan({ trie, base }: LocaleTrie, input: ScanInput, rules: readonly CompiledRule[], into: Candidate[]): void {
  const { tokens } = input;
  const n = tokens.length;
  // One buffer for every scan (a scan never runs inside another): a typed array per note cost more than its lookups.
  if (idBuffer.length < n) idBuffer = new Int32Array(Math.max(n, idBuffer.length * 2));
  const ids = idBuffer;
  for (let i = 0; i < n; i++) ids[i] = trie.tokenId(tokens[i]!.norm);
  const st: ScanState = { input, rules, trie, base, ids, found: [], cancels: undefined };
  for (let i = 0; i < n; i++) {
    const start = trie.rootChild(ids[i]!);
    if (start !== -1) walk(st, i, start, undefined);
    else if (input.typos) for (const w of corrections(input, i)) { const s = trie.rootChild(trie.tokenId(w)); if (s !== -1) walk(st, i, s, [[i, w]]); }
  }
  const { found, cancels } = st;
  for (const c of found) {
    if (cancels && cancels.some(([a, b, r]) => r === c.rule && a <= c.first && b >= c.last)) continue;
    into.push(c);
  }
}

/** A resolved match: the winning candidate and every category found on its wording. */
export interface Match {
  cand: Candidate;
  /** Primary first: the winner's categories, then those of the matches it absorbed. */
  categories: CategoryId[];
  /** The highest severity among the winner and the matches it absorbed (index in SEVERITIES). */
  severity: number;
}

export const categoriesOf = (rule: CompiledRule): readonly CategoryId[] => rule.categories ?? [rule.category];

/**
 * Longest first (in characters), exact before typo, then earliest, then the more
 * severe rule, then rule order. A candidate inside a longer kept one is dropped: the
 * longer phrase is the more specific reading ("militant CGT" is union, not politics).
 * A candidate on the same wording, or straddling a kept one, is not lost: its
 * categories join the kept match (one finding, several categories).
 */
export function resolveOverlaps(cands: readonly Candidate[], tokens: readonly Token[], rules: readonly CompiledRule[]): Match[] {
  const len = (c: Candidate) => tokens[c.last - 1]!.end - tokens[c.first]!.start;
  const sev = (c: Candidate) => SEVERITIES.indexOf(rules[c.rule]!.severity);
  const sorted = cands.length < 2 ? cands : [...cands].sort((a, b) =>
    len(b) - len(a) || (a.typos?.length ?? 0) - (b.typos?.length ?? 0) || a.first - b.first || sev(b) - sev(a) || a.rule - b.rule);
  const kept: Match[] = [];
  for (const c of sorted) {
    const k = kept.find((m) => c.first < m.cand.last && m.cand.first < c.last);
    if (!k) {
      kept.push({ cand: c, categories: [...categoriesOf(rules[c.rule]!)], severity: sev(c) });
      continue;
    }
    const inside = k.cand.first <= c.first && c.last <= k.cand.last;
    const same = inside && k.cand.first === c.first && k.cand.last === c.last;
    if (inside && !same) continue;
    let added = false;
    for (const cat of categoriesOf(rules[c.rule]!)) if (!k.categories.includes(cat)) { k.categories.push(cat); added = true; }
    if (added) k.severity = Math.max(k.severity, sev(c));
  }
  return kept.sort((a, b) => a.cand.first - b.cand.first);
}

