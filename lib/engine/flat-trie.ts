/**
 * The matcher's phrase trie in flat typed arrays: tokens get integer ids, and no
 * object exists per node, so the package ships the built-in pack's tries prebuilt
 * (lib/cli/compact-pack.ts) and a start only wraps them.
 *
 * Two forms. `FlatTrieBuilder` grows a trie (an open-addressing table keyed by
 * (node, token), kept half full so inserts stay cheap). `freeze()` turns it into the
 * read-only `FlatTrie`, laid out densely because a start pays for every byte it
 * touches (about 5 ms CPU per MB on this project's VM):
 *  - nodes are renumbered breadth-first, children of a node in token order, so the
 *    children of a node are consecutive and edge `e` leads to node `e + 1`: a node's
 *    edges are a range of `edgeToken`, searched directly (no slot table, no child array);
 *  - only nodes that have children, hits or cancels get an entry in the tables that
 *    point into those ranges, found by a rank over a bit set (one bit per node);
 *  - a node's hits (and cancels) are consecutive, in insertion order (the first rule
 *    of a category wins a phrase), each flagged when it is the node's last.
 * The French trie went from 10.3 MB (hash slots, per-node heads, chained hits) to 3 MB.
 */

/** A serialised frozen trie (what `FlatTrie.toData` gives and the constructor wraps without copying). */
export interface FlatTrieData {
  /** Distinct phrase tokens in id order, joined by one space (tokens hold no space). */
  tokens: string;
  nodes: number;
  /** Accent-strict hits: their tokens as written, lower-cased, accents kept, joined by one space. */
  exact: string[];
  arrays: Record<FlatTrieArray, Int32Array>;
}

export const FLAT_TRIE_ARRAYS = [
  'rootChildren', 'edgeToken', 'kidBits', 'kidRank', 'kidFirst', 'hitBits', 'hitRank', 'hitFirst', 'hitData',
  'unlessBits', 'unlessRank', 'unlessFirst', 'unlessData', 'exactHit', 'exactOf',
] as const;
export type FlatTrieArray = (typeof FLAT_TRIE_ARRAYS)[number];

const NONE = -1;

/** Set bits in a 32-bit word (SWAR). */
function popcount(x: number): number {
  x = (x - ((x >>> 1) & 0x55555555)) | 0;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** A bit set over nodes with, per 32-bit word, the number of set bits before it. */
interface Ranked {
  bits: Int32Array;
  rank: Int32Array;
}

/** The rank of `node` among the set bits (-1 when its bit is clear). */
function rankOf(bits: Int32Array, rank: Int32Array, node: number): number {
  const w = node >>> 5;
  const word = bits[w]!;
  const b = node & 31;
  if (((word >>> b) & 1) === 0) return NONE;
  return rank[w]! + popcount(word & ~(-1 << b));
}

/** Below this many children a node's edges are scanned one by one; above, halved. */
const LINEAR_SEARCH = 8;

/** The read-only trie the matcher walks. */
export class FlatTrie {
  private readonly data: FlatTrieData;
  private readonly tokenList: string[];
  private tokenIds: Map<string, number> | undefined;
  private readonly exactSplit: string[][] = [];
  /** The root's children by token id (-1: none): every token of a note asks the root. */
  private readonly rootChildren: Int32Array;
  private readonly edgeToken: Int32Array;
  private readonly kidBits: Int32Array;
  private readonly kidRank: Int32Array;
  /** Per node with children (in rank order, one more at the end): its first edge. */
  private readonly kidFirst: Int32Array;
  private readonly hitBits: Int32Array;
  private readonly hitRank: Int32Array;
  private readonly hitFirst: Int32Array;
  /** Per hit: rule << 2 | 2 when it is its node's last hit | 1 for the plural form. */
  private readonly hitData: Int32Array;
  private readonly unlessBits: Int32Array;
  private readonly unlessRank: Int32Array;
  private readonly unlessFirst: Int32Array;
  /** Per cancel: rule << 1 | 1 when it is its node's last cancel. */
  private readonly unlessData: Int32Array;
  /** Accent-strict hits in increasing order, and the index of their tokens in `exact`. */
  private readonly exactHit: Int32Array;
  private readonly exactOf: Int32Array;

  constructor(data: FlatTrieData) {
    this.data = data;
    this.tokenList = data.tokens ? data.tokens.split(' ') : [];
    const a = data.arrays;
    this.rootChildren = a.rootChildren;
    this.edgeToken = a.edgeToken;
    this.kidBits = a.kidBits;
    this.kidRank = a.kidRank;
    this.kidFirst = a.kidFirst;
    this.hitBits = a.hitBits;
    this.hitRank = a.hitRank;
    this.hitFirst = a.hitFirst;
    this.hitData = a.hitData;
    this.unlessBits = a.unlessBits;
    this.unlessRank = a.unlessRank;
    this.unlessFirst = a.unlessFirst;
    this.unlessData = a.unlessData;
    this.exactHit = a.exactHit;
    this.exactOf = a.exactOf;
  }

  /** Token id of a folded token, -1 when no phrase holds it. */
  tokenId(norm: string): number {
    if (!this.tokenIds) {
      // The string → id table is built on the first lookup.
      const ids = new Map<string, number>();
      for (let i = 0; i < this.tokenList.length; i++) ids.set(this.tokenList[i]!, i);
      this.tokenIds = ids;
    }
    return this.tokenIds.get(norm) ?? NONE;
  }

  /** The root's child through `token` (-1 when none): one array read, as every token of a note asks. */
  rootChild(token: number): number {
    return token < 0 || token >= this.rootChildren.length ? NONE : this.rootChildren[token]!;
  }

  /** The child of `node` through token `token`, -1 when none. */
  child(node: number, token: number): number {
    if (token < 0) return NONE;
    const k = rankOf(this.kidBits, this.kidRank, node);
    if (k === NONE) return NONE;
    const edges = this.edgeToken;
    let lo = this.kidFirst[k]!;
    const end = this.kidFirst[k + 1]!;
    // Halve while many edges are left (the first edge ≥ token stays in [lo, hi]), then scan.
    for (let hi = end; hi - lo > LINEAR_SEARCH;) {
      const mid = (lo + hi) >>> 1;
      if (edges[mid]! < token) lo = mid + 1;
      else hi = mid;
    }
    for (; lo < end; lo++) {
      const t = edges[lo]!;
      if (t === token) return lo + 1;
      if (t > token) return NONE;
    }
    return NONE;
  }

  /** First hit of `node` (-1 when none); walk on with `nextHit`. */
  firstHit(node: number): number {
    const k = rankOf(this.hitBits, this.hitRank, node);
    return k === NONE ? NONE : this.hitFirst[k]!;
  }

  nextHit(h: number): number {
    return (this.hitData[h]! & 2) !== 0 ? NONE : h + 1;
  }

  hitRuleOf(h: number): number {
    return this.hitData[h]! >> 2;
  }

  hitIsPlural(h: number): boolean {
    return (this.hitData[h]! & 1) === 1;
  }

  /** The accent-strict tokens of hit `h`, or undefined for an ordinary hit. */
  hitExactTokens(h: number): readonly string[] | undefined {
    const list = this.exactHit;
    if (!list.length) return undefined;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid]! < h) lo = mid + 1;
      else hi = mid;
    }
    if (list[lo] !== h) return undefined;
    const e = this.exactOf[lo]!;
    return (this.exactSplit[e] ??= this.data.exact[e]!.split(' '));
  }

  firstUnless(node: number): number {
    const k = rankOf(this.unlessBits, this.unlessRank, node);
    return k === NONE ? NONE : this.unlessFirst[k]!;
  }

  nextUnless(u: number): number {
    return (this.unlessData[u]! & 1) !== 0 ? NONE : u + 1;
  }

  unlessRuleOf(u: number): number {
    return this.unlessData[u]! >> 1;
  }

  /** The trie as plain data, for the package build. */
  toData(): FlatTrieData {
    return this.data;
  }
}

function grown(a: Int32Array, size: number, fill = NONE): Int32Array {
  if (size <= a.length) return a;
  let n = Math.max(16, a.length * 2);
  while (n < size) n *= 2;
  const b = new Int32Array(n).fill(fill);
  b.set(a);
  return b;
}

const slotOf = (parent: number, token: number, mask: number) => (Math.imul(parent ^ Math.imul(token, 0x85ebca6b), 0x9e3779b1) >>> 7) & mask;

/** A trie being built: phrases and cancels are added in precedence order, then `freeze()` gives the FlatTrie. */
export class FlatTrieBuilder {
  private readonly tokenList: string[] = [];
  private readonly tokenIds = new Map<string, number>();
  private nodeCount = 1; // the root
  private edgeCount = 0;
  private hitCount = 0;
  private unlessCount = 0;
  private readonly exactList: string[] = [];
  private hitTail: Int32Array = new Int32Array(16).fill(NONE);
  private unlessTail: Int32Array = new Int32Array(16).fill(NONE);
  private slotParent: Int32Array = new Int32Array(64).fill(NONE);
  private slotToken: Int32Array = new Int32Array(64);
  private slotChild: Int32Array = new Int32Array(64);
  private hitHead: Int32Array = new Int32Array(16).fill(NONE);
  private hitRule: Int32Array = new Int32Array(16);
  /** Per hit: bit 0 the plural flag, the rest 1 + the index of its accent-strict tokens (0: none). */
  private hitForm: Int32Array = new Int32Array(16);
  private hitNext: Int32Array = new Int32Array(16);
  private unlessHead: Int32Array = new Int32Array(16).fill(NONE);
  private unlessRule: Int32Array = new Int32Array(16);
  private unlessNext: Int32Array = new Int32Array(16);

  private child(node: number, token: number): number {
    const mask = this.slotParent.length - 1;
    for (let s = slotOf(node, token, mask); ; s = (s + 1) & mask) {
      const p = this.slotParent[s]!;
      if (p === NONE) return NONE;
      if (p === node && this.slotToken[s] === token) return this.slotChild[s]!;
    }
  }

  /** The node of a phrase key (tokens joined by one space), created as needed. */
  insert(key: string): number {
    let node = 0;
    for (const part of key.split(' ')) {
      let id = this.tokenIds.get(part);
      if (id === undefined) {
        id = this.tokenList.length;
        this.tokenList.push(part);
        this.tokenIds.set(part, id);
      }
      let next = this.child(node, id);
      if (next === NONE) next = this.addEdge(node, id);
      node = next;
    }
    return node;
  }

  addHit(node: number, rule: number, plural: boolean, exact: string | undefined): void {
    const h = this.hitCount++;
    this.hitRule = grown(this.hitRule, h + 1, 0);
    this.hitForm = grown(this.hitForm, h + 1, 0);
    this.hitNext = grown(this.hitNext, h + 1, 0);
    this.hitRule[h] = rule;
    this.hitNext[h] = NONE;
    let form = plural ? 1 : 0;
    if (exact !== undefined) {
      form |= (this.exactList.length + 1) << 1;
      this.exactList.push(exact);
    }
    this.hitForm[h] = form;
    const tail = this.hitTail[node]!;
    if (tail === NONE) this.hitHead[node] = h;
    else this.hitNext[tail] = h;
    this.hitTail[node] = h;
  }

  addUnless(node: number, rule: number): void {
    const u = this.unlessCount++;
    this.unlessRule = grown(this.unlessRule, u + 1, 0);
    this.unlessNext = grown(this.unlessNext, u + 1, 0);
    this.unlessRule[u] = rule;
    this.unlessNext[u] = NONE;
    const tail = this.unlessTail[node]!;
    if (tail === NONE) this.unlessHead[node] = u;
    else this.unlessNext[tail] = u;
    this.unlessTail[node] = u;
  }

  private addEdge(parent: number, token: number): number {
    const node = this.nodeCount++;
    this.hitHead = grown(this.hitHead, this.nodeCount);
    this.unlessHead = grown(this.unlessHead, this.nodeCount);
    this.hitTail = grown(this.hitTail, this.nodeCount);
    this.unlessTail = grown(this.unlessTail, this.nodeCount);
    // Kept at most half full, so a miss ends after a probe or two.
    if ((this.edgeCount + 1) * 2 > this.slotParent.length) this.rehash(this.slotParent.length * 2);
    this.place(parent, token, node);
    this.edgeCount++;
    return node;
  }

  private place(parent: number, token: number, child: number): void {
    const mask = this.slotParent.length - 1;
    let s = slotOf(parent, token, mask);
    while (this.slotParent[s] !== NONE) s = (s + 1) & mask;
    this.slotParent[s] = parent;
    this.slotToken[s] = token;
    this.slotChild[s] = child;
  }

  private rehash(size: number): void {
    const [parents, tokens, children] = [this.slotParent, this.slotToken, this.slotChild];
    this.slotParent = new Int32Array(size).fill(NONE);
    this.slotToken = new Int32Array(size);
    this.slotChild = new Int32Array(size);
    for (let s = 0; s < parents.length; s++) if (parents[s] !== NONE) this.place(parents[s]!, tokens[s]!, children[s]!);
  }

  /** The dense read-only trie (see the file comment); the builder is not used afterwards. */
  freeze(): FlatTrie {
    const n = this.nodeCount;
    const edges = this.edgeCount;
    const { slotParent, slotToken, slotChild } = this;
    // The edges grouped by parent (counting sort), each group in token order.
    const kidStart = new Int32Array(n + 1);
    for (let s = 0; s < slotParent.length; s++) if (slotParent[s] !== NONE) kidStart[slotParent[s]! + 1]++;
    for (let i = 0; i < n; i++) kidStart[i + 1]! += kidStart[i]!;
    const fill = kidStart.slice(0, n);
    const byParent = new Int32Array(edges);
    for (let s = 0; s < slotParent.length; s++) if (slotParent[s] !== NONE) byParent[fill[slotParent[s]!]!++] = s;
    for (let p = 0; p < n; p++) {
      const from = kidStart[p]!;
      const to = kidStart[p + 1]!;
      if (to - from > 16) byParent.subarray(from, to).sort((x, y) => slotToken[x]! - slotToken[y]!);
      else {
        // Most nodes have a few children: insertion sort, no comparator calls.
        for (let i = from + 1; i < to; i++) {
          const s = byParent[i]!;
          const t = slotToken[s]!;
          let j = i - 1;
          while (j >= from && slotToken[byParent[j]!]! > t) { byParent[j + 1] = byParent[j]!; j--; }
          byParent[j + 1] = s;
        }
      }
    }
    // Breadth-first numbering: the queue of old ids is the order of the new ids.
    const order = new Int32Array(n);
    const edgeToken = new Int32Array(edges);
    const rootChildren = new Int32Array(this.tokenList.length).fill(NONE);
    let queued = 1;
    for (let v = 0; v < n; v++) {
      const old = order[v]!;
      for (let e = kidStart[old]!; e < kidStart[old + 1]!; e++) {
        const s = byParent[e]!;
        edgeToken[queued - 1] = slotToken[s]!;
        if (v === 0) rootChildren[slotToken[s]!] = queued;
        order[queued++] = slotChild[s]!;
      }
    }
    const words = (n + 31) >>> 5;
    const kids: Ranked = { bits: new Int32Array(words), rank: new Int32Array(words) };
    const hits: Ranked = { bits: new Int32Array(words), rank: new Int32Array(words) };
    const unless: Ranked = { bits: new Int32Array(words), rank: new Int32Array(words) };
    let kidCount = 0;
    let hitOwners = 0;
    let unlessOwners = 0;
    for (let v = 0; v < n; v++) {
      const old = order[v]!;
      const bit = 1 << (v & 31);
      if (kidStart[old + 1]! > kidStart[old]!) { kids.bits[v >>> 5]! |= bit; kidCount++; }
      if (this.hitHead[old] !== NONE) { hits.bits[v >>> 5]! |= bit; hitOwners++; }
      if (this.unlessHead[old] !== NONE) { unless.bits[v >>> 5]! |= bit; unlessOwners++; }
    }
    for (const r of [kids, hits, unless]) for (let w = 0, count = 0; w < words; w++) { r.rank[w] = count; count += popcount(r.bits[w]!); }
    const kidFirst = new Int32Array(kidCount + 1);
    const hitFirst = new Int32Array(hitOwners);
    const hitData = new Int32Array(this.hitCount);
    const unlessFirst = new Int32Array(unlessOwners);
    const unlessData = new Int32Array(this.unlessCount);
    const exactHit: number[] = [];
    const exactOf: number[] = [];
    let k = 0;
    let nextEdge = 0;
    let ho = 0;
    let hd = 0;
    let uo = 0;
    let ud = 0;
    // Children ranges, hits and cancels, node by node in the new order, each chain in insertion order.
    for (let v = 0; v < n; v++) {
      const old = order[v]!;
      const count = kidStart[old + 1]! - kidStart[old]!;
      if (count) { kidFirst[k++] = nextEdge; nextEdge += count; }
      if (this.hitHead[old] !== NONE) hitFirst[ho++] = hd;
      for (let h = this.hitHead[old]!; h !== NONE; h = this.hitNext[h]!) {
        const form = this.hitForm[h]!;
        if (form >> 1) { exactHit.push(hd); exactOf.push((form >> 1) - 1); }
        hitData[hd++] = (this.hitRule[h]! << 2) | (this.hitNext[h] === NONE ? 2 : 0) | (form & 1);
      }
      if (this.unlessHead[old] !== NONE) unlessFirst[uo++] = ud;
      for (let u = this.unlessHead[old]!; u !== NONE; u = this.unlessNext[u]!) unlessData[ud++] = (this.unlessRule[u]! << 1) | (this.unlessNext[u] === NONE ? 1 : 0);
    }
    kidFirst[k] = nextEdge;
    const arrays: Record<FlatTrieArray, Int32Array> = {
      rootChildren, edgeToken, kidBits: kids.bits, kidRank: kids.rank, kidFirst,
      hitBits: hits.bits, hitRank: hits.rank, hitFirst, hitData,
      unlessBits: unless.bits, unlessRank: unless.rank, unlessFirst, unlessData,
      exactHit: Int32Array.from(exactHit), exactOf: Int32Array.from(exactOf),
    };
    return new FlatTrie({ tokens: this.tokenList.join(' '), nodes: n, exact: [...this.exactList], arrays });
  }
}
