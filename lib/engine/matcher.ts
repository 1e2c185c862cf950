/**
 * One pass over the token stream for all rules: a trie keyed by folded tokens,
 * walked from each token while the next token continues the phrase. Longest
 * match wins, `unless` phrases cancel, overlaps are resolved deterministically.
 */
import type { Locale } from '../categories.ts';
import type { CompiledRule } from '../schema/dictionary.ts';
import { accentKey, Gap, type Token } from './tokenize.ts';

interface Hit {
  rule: number;
  plural: boolean;
  /** Accent-strict entries: the tokens as written, lower-cased, accents kept. */
  exact?: string[];
}

export interface TrieNode {
  next: Map<string, TrieNode> | undefined;
  hits: Hit[] | undefined;
  /** Rules whose matches inside this phrase are cancelled. */
  unless: number[] | undefined;
}

export interface Candidate {
  /** Token indices, end exclusive. */
  first: number;
  last: number;
  rule: number;
  plural: boolean;
}

const node = (): TrieNode => ({ next: undefined, hits: undefined, unless: undefined });

export function insert(root: TrieNode, key: string): TrieNode {
  let n = root;
  for (const part of key.split(' ')) {
    n.next ??= new Map();
    let child = n.next.get(part);
    if (!child) n.next.set(part, (child = node()));
    n = child;
  }
  return n;
}

export function newTrie(): TrieNode {
  return node();
}

/** Context words of a rule, prepared once: phrases by their first token for a Set lookup. */
export interface PreparedContext {
  require?: Map<string, string[][]>;
  exclude?: Map<string, string[][]>;
  window: number;
}

export function prepareContext(rule: CompiledRule): PreparedContext | undefined {
  const ctx = rule.context;
  if (!ctx) return undefined;
  const index = (words: readonly string[] | undefined) => {
    if (!words) return undefined;
    const m = new Map<string, string[][]>();
    for (const w of words) {
      const parts = w.split(' ');
      const list = m.get(parts[0]!) ?? [];
      list.push(parts);
      m.set(parts[0]!, list);
    }
    return m;
  };
  return { require: index(ctx.require), exclude: index(ctx.exclude), window: ctx.window };
}

/** Does any phrase of `words` start in tokens [from, to) (and fit before `limit`)? */
function windowHas(tokens: readonly Token[], from: number, to: number, words: Map<string, string[][]>): boolean {
  const start = Math.max(0, from);
  const end = Math.min(tokens.length, to);
  for (let i = start; i < end; i++) {
    const candidates = words.get(tokens[i]!.norm);
    if (!candidates) continue;
    for (const parts of candidates) {
      if (i + parts.length > end) continue;
      let ok = true;
      for (let k = 1; k < parts.length && ok; k++) ok = tokens[i + k]!.norm === parts[k];
      if (ok) return true;
    }
  }
  return false;
}

export function contextAllows(ctx: PreparedContext | undefined, tokens: readonly Token[], first: number, last: number): boolean {
  if (!ctx) return true;
  const from = first - ctx.window;
  const to = last + ctx.window;
  const inWindow = (words: Map<string, string[][]>) => windowHas(tokens, from, first, words) || windowHas(tokens, last, to, words);
  if (ctx.require && !inWindow(ctx.require)) return false;
  if (ctx.exclude && inWindow(ctx.exclude)) return false;
  return true;
}

/**
 * Scans tokens with one locale's trie. `enabled(rule)` filters rules switched off
 * by policy. Returns the surviving, non-overlapping candidates in text order.
 */
function exactMatches(text: string, tokens: readonly Token[], first: number, exact: readonly string[]): boolean {
  for (let k = 0; k < exact.length; k++) {
    const t = tokens[first + k]!;
    if (accentKey(text.slice(t.start, t.end)) !== exact[k]) return false;
  }
  return true;
}

export function scan(
  root: TrieNode,
  text: string,
  tokens: readonly Token[],
  contexts: ReadonlyArray<PreparedContext | undefined>,
  enabled: (rule: number) => boolean,
  into: Candidate[],
): void {
  const n = tokens.length;
  const top = root.next;
  if (!top) return;
  let cancels: Array<[number, number, number]> | undefined;
  const found: Candidate[] = [];
  for (let i = 0; i < n; i++) {
    let cur = top.get(tokens[i]!.norm);
    let j = i;
    while (cur) {
      if (cur.unless) for (const r of cur.unless) (cancels ??= []).push([i, j + 1, r]);
      if (cur.hits) {
        for (const h of cur.hits) {
          if (!enabled(h.rule)) continue;
          if (h.exact && !exactMatches(text, tokens, i, h.exact)) continue;
          if (!contextAllows(contexts[h.rule], tokens, i, j + 1)) continue;
          found.push({ first: i, last: j + 1, rule: h.rule, plural: h.plural });
          break; // first rule of a phrase wins (the compiler reports such conflicts)
        }
      }
      j++;
      if (j >= n || !cur.next || tokens[j]!.gap === Gap.Hard) break;
      cur = cur.next.get(tokens[j]!.norm);
    }
  }
  for (const c of found) {
    if (cancels && cancels.some(([a, b, r]) => r === c.rule && a <= c.first && b >= c.last)) continue;
    into.push(c);
  }
}

/** Longest first (in characters), then earliest, then rule order; keeps non-overlapping ones. */
export function resolveOverlaps(cands: Candidate[], tokens: readonly Token[]): Candidate[] {
  if (cands.length < 2) return cands;
  const len = (c: Candidate) => tokens[c.last - 1]!.end - tokens[c.first]!.start;
  const sorted = [...cands].sort((a, b) => len(b) - len(a) || a.first - b.first || a.rule - b.rule);
  const kept: Candidate[] = [];
  for (const c of sorted) if (!kept.some((k) => c.first < k.last && k.first < c.last)) kept.push(c);
  return kept.sort((a, b) => a.first - b.first);
}

export type Tries = Partial<Record<Locale, TrieNode>>;
