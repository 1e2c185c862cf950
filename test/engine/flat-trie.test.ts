/**
 * The dense trie (lib/engine/flat-trie.ts) answers exactly what was inserted: every
 * phrase leads to its node, its hits and cancels come back in insertion order with
 * their flags, and a token no phrase continues with gives -1 — on nodes with a few
 * children (scanned) and with hundreds (halved), across 32-node words of the rank bit sets.
 */
import { describe, expect, it } from 'vitest';
import { FlatTrie, FlatTrieBuilder } from '../../lib/engine/flat-trie.ts';

let seed = 11;
const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);

function walk(trie: FlatTrie, key: string): number {
  const [first, ...rest] = key.split(' ');
  let node = trie.rootChild(trie.tokenId(first!));
  for (const t of rest) if (node !== -1) node = trie.child(node, trie.tokenId(t));
  return node;
}

const hitsOf = (trie: FlatTrie, node: number) => {
  const out: Array<[number, boolean, string | undefined]> = [];
  for (let h = trie.firstHit(node); h !== -1; h = trie.nextHit(h)) out.push([trie.hitRuleOf(h), trie.hitIsPlural(h), trie.hitExactTokens(h)?.join(' ')]);
  return out;
};
const unlessOf = (trie: FlatTrie, node: number) => {
  const out: number[] = [];
  for (let u = trie.firstUnless(node); u !== -1; u = trie.nextUnless(u)) out.push(trie.unlessRuleOf(u));
  return out;
};

describe('dense phrase trie', () => {
  // Phrases of 1–4 tokens from 600 words: the first tokens fan out widely, deeper ones a little.
  const words = Array.from({ length: 600 }, (_, i) => `w${i}`);
  const phrases = Array.from({ length: 5000 }, () => Array.from({ length: 1 + rnd(4) }, (_, d) => words[rnd(d === 0 ? 600 : 12 + d * 40)]!).join(' '));
  const expectedHits = new Map<string, Array<[number, boolean, string | undefined]>>();
  const expectedUnless = new Map<string, number[]>();
  const builder = new FlatTrieBuilder();
  phrases.forEach((key, rule) => {
    const plural = rule % 3 === 0;
    const exact = rule % 97 === 0 ? key.toUpperCase() : undefined;
    builder.addHit(builder.insert(key), rule, plural, exact);
    (expectedHits.get(key) ?? expectedHits.set(key, []).get(key)!).push([rule, plural, exact]);
    if (rule % 7 === 0) {
      builder.addUnless(builder.insert(key), rule + 1);
      (expectedUnless.get(key) ?? expectedUnless.set(key, []).get(key)!).push(rule + 1);
    }
  });
  // A cancel on a phrase that has no hit of its own.
  builder.addUnless(builder.insert('w1 w2 w3 w4 w5'), 99_999);
  const trie = builder.freeze();

  it('finds every phrase with its hits and cancels in insertion order', () => {
    for (const [key, hits] of expectedHits) {
      const node = walk(trie, key);
      expect(node, key).not.toBe(-1);
      expect(hitsOf(trie, node), key).toEqual(hits);
      expect(unlessOf(trie, node), key).toEqual(expectedUnless.get(key) ?? []);
    }
    const lone = walk(trie, 'w1 w2 w3 w4 w5');
    expect(hitsOf(trie, lone)).toEqual([]);
    expect(unlessOf(trie, lone)).toEqual([99_999]);
  });

  it('answers -1 for what was never inserted', () => {
    expect(trie.tokenId('nowhere')).toBe(-1);
    expect(trie.rootChild(-1)).toBe(-1);
    expect(trie.child(0, -1)).toBe(-1);
    const inserted = new Set(phrases);
    for (const key of phrases.slice(0, 500)) {
      for (const w of ['w0', 'w299', 'w599']) {
        const longer = `${key} ${w}`;
        if ([...inserted].some((p) => p === longer || p.startsWith(`${longer} `))) continue;
        expect(walk(trie, longer), longer).toBe(-1);
      }
    }
  });

  it('a wrapped copy of its data (what the package ships) reads the same', () => {
    const copy = new FlatTrie(JSON.parse(JSON.stringify(trie.toData(), (_, v) => (v instanceof Int32Array ? { i32: [...v] } : v)), (_, v) => (v && v.i32 ? Int32Array.from(v.i32) : v)));
    for (const key of phrases.slice(0, 1000)) expect(hitsOf(copy, walk(copy, key))).toEqual(hitsOf(trie, walk(trie, key)));
  });
});
