/**
 * The matcher's phrase trie in flat typed arrays: tokens get integer ids, a node's
 * child is found in one open-addressing table keyed by (node, token), and the hits
 * and `unless` cancels of a node are chains in parallel arrays, kept in insertion
 * order (the first rule of a category wins a phrase). No object per node: it builds
 * fast, weighs little, and serialises as a few Int32Arrays, so the package ships the
 * built-in pack's tries prebuilt (lib/engine/prebuilt.ts) and a start-up only wraps them.
 */

/** A serialised trie (what `FlatTrie.toData` writes and `FlatTrie.fromData` wraps without copying). */
export interface FlatTrieData {
  /** Distinct phrase tokens in id order, joined by one space (tokens hold no space). */
  tokens: string;
  nodes: number;
  /** Accent-strict hits: their tokens as written, lower-cased, accents kept, joined by one space. */
  exact: string[];
  arrays: Record<FlatTrieArray, Int32Array>;
}

export const FLAT_TRIE_ARRAYS = ['rootChildren', 'slotParent', 'slotToken', 'slotChild', 'hitHead', 'hitRule', 'hitForm', 'hitNext', 'unlessHead', 'unlessRule', 'unlessNext'] as const;
export type FlatTrieArray = (typeof FLAT_TRIE_ARRAYS)[number];

const NONE = -1;

function grown(a: Int32Array, size: number, fill = NONE): Int32Array {
  if (size <= a.length) return a;
  let n = Math.max(16, a.length * 2);
  while (n < size) n *= 2;
  const b = new Int32Array(n).fill(fill);
  b.set(a);
  return b;
}

const slotOf = (parent: number, token: number, mask: number) => (Math.imul(parent ^ Math.imul(token, 0x85ebca6b), 0x9e3779b1) >>> 7) & mask;

export class FlatTrie {
  private tokenList: string[];
  private tokenIds: Map<string, number> | undefined;
  private nodeCount: number;
  private edgeCount = 0;
  private hitCount: number;
  private unlessCount: number;
  private readonly exactList: string[];
  private exactSplit: string[][] = [];
  /** Set while building: the last hit / cancel of each node, to append in order. */
  private hitTail: Int32Array | undefined;
  private unlessTail: Int32Array | undefined;
  private slotParent: Int32Array;
  private slotToken: Int32Array;
  private slotChild: Int32Array;
  private hitHead: Int32Array;
  private hitRule: Int32Array;
  /** Per hit: bit 0 the plural flag, the rest 1 + the index of its accent-strict tokens (0: none). */
  private hitForm: Int32Array;
  private hitNext: Int32Array;
  private unlessHead: Int32Array;
  private unlessRule: Int32Array;
  private unlessNext: Int32Array;
  /** The root's children by token id (-1: none), beside the table: every token of a note asks the root. */
  private rootChildren: Int32Array;

  /** An empty trie to build (no argument), or a serialised one, wrapped read-only. */
  constructor(data?: FlatTrieData) {
    if (data) {
      this.tokenList = data.tokens ? data.tokens.split(' ') : [];
      this.nodeCount = data.nodes;
      this.exactList = data.exact;
      const a = data.arrays;
      ({ rootChildren: this.rootChildren, slotParent: this.slotParent, slotToken: this.slotToken, slotChild: this.slotChild, hitHead: this.hitHead, hitRule: this.hitRule,
        hitForm: this.hitForm, hitNext: this.hitNext, unlessHead: this.unlessHead, unlessRule: this.unlessRule, unlessNext: this.unlessNext } = a);
      this.hitCount = this.hitRule.length;
      this.unlessCount = this.unlessRule.length;
      return;
    }
    this.tokenList = [];
    this.tokenIds = new Map();
    this.nodeCount = 1; // the root
    this.exactList = [];
    this.hitCount = 0;
    this.unlessCount = 0;
    this.hitTail = new Int32Array(16).fill(NONE);
    this.unlessTail = new Int32Array(16).fill(NONE);
    this.rootChildren = new Int32Array(16).fill(NONE);
    this.slotParent = new Int32Array(64).fill(NONE);
    this.slotToken = new Int32Array(64);
    this.slotChild = new Int32Array(64);
    this.hitHead = new Int32Array(16).fill(NONE);
    this.unlessHead = new Int32Array(16).fill(NONE);
    this.hitRule = new Int32Array(16);
    this.hitForm = new Int32Array(16);
    this.hitNext = new Int32Array(16);
    this.unlessRule = new Int32Array(16);
    this.unlessNext = new Int32Array(16);
  }

  /** Token id of a folded token, -1 when no phrase holds it. */
  tokenId(norm: string): number {
    if (!this.tokenIds) {
      // A prebuilt trie: the string → id table is built on the first lookup.
      this.tokenIds = new Map();
      this.tokenList.forEach((t, i) => this.tokenIds!.set(t, i));
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
    const mask = this.slotParent.length - 1;
    for (let s = slotOf(node, token, mask); ; s = (s + 1) & mask) {
      const p = this.slotParent[s]!;
      if (p === NONE) return NONE;
      if (p === node && this.slotToken[s] === token) return this.slotChild[s]!;
    }
  }

  /** First hit of `node` (-1 when none); walk on with `nextHit`. */
  firstHit(node: number): number {
    return this.hitHead[node]!;
  }

  nextHit(h: number): number {
    return this.hitNext[h]!;
  }

  hitRuleOf(h: number): number {
    return this.hitRule[h]!;
  }

  hitIsPlural(h: number): boolean {
    return (this.hitForm[h]! & 1) === 1;
  }

  /** The accent-strict tokens of hit `h`, or undefined for an ordinary hit. */
  hitExactTokens(h: number): readonly string[] | undefined {
    const e = (this.hitForm[h]! >> 1) - 1;
    if (e === NONE) return undefined;
    return (this.exactSplit[e] ??= this.exactList[e]!.split(' '));
  }

  firstUnless(node: number): number {
    return this.unlessHead[node]!;
  }

  nextUnless(u: number): number {
    return this.unlessNext[u]!;
  }

  unlessRuleOf(u: number): number {
    return this.unlessRule[u]!;
  }

  /** The node of a phrase key (tokens joined by one space), created as needed. */
  insert(key: string): number {
    if (!this.hitTail) throw new Error('a prebuilt trie is read-only');
    let node = 0;
    for (const part of key.split(' ')) {
      let id = this.tokenIds!.get(part);
      if (id === undefined) {
        id = this.tokenList.length;
        this.tokenList.push(part);
        this.tokenIds!.set(part, id);
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
    const tail = this.hitTail![node]!;
    if (tail === NONE) this.hitHead[node] = h;
    else this.hitNext[tail] = h;
    this.hitTail![node] = h;
  }

  addUnless(node: number, rule: number): void {
    const u = this.unlessCount++;
    this.unlessRule = grown(this.unlessRule, u + 1, 0);
    this.unlessNext = grown(this.unlessNext, u + 1, 0);
    this.unlessRule[u] = rule;
    this.unlessNext[u] = NONE;
    const tail = this.unlessTail![node]!;
    if (tail === NONE) this.unlessHead[node] = u;
    else this.unlessNext[tail] = u;
    this.unlessTail![node] = u;
  }

  private addEdge(parent: number, token: number): number {
    const node = this.nodeCount++;
    this.hitHead = grown(this.hitHead, this.nodeCount);
    this.unlessHead = grown(this.unlessHead, this.nodeCount);
    this.hitTail = grown(this.hitTail!, this.nodeCount);
    this.unlessTail = grown(this.unlessTail!, this.nodeCount);
    // Kept at most half full, so a miss ends after a probe or two.
    if ((this.edgeCount + 1) * 2 > this.slotParent.length) this.rehash(this.slotParent.length * 2);
    this.place(parent, token, node);
    this.edgeCount++;
    if (parent === 0) {
      this.rootChildren = grown(this.rootChildren, token + 1);
      this.rootChildren[token] = node;
    }
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

  /** The trie as plain data (arrays trimmed to their use), for the package build. */
  toData(): FlatTrieData {
    const n = this.nodeCount;
    return {
      tokens: this.tokenList.join(' '),
      nodes: n,
      exact: [...this.exactList],
      arrays: {
        rootChildren: this.rootChildren.slice(0, this.tokenList.length), slotParent: this.slotParent, slotToken: this.slotToken, slotChild: this.slotChild,
        hitHead: this.hitHead.slice(0, n), hitRule: this.hitRule.slice(0, this.hitCount), hitForm: this.hitForm.slice(0, this.hitCount), hitNext: this.hitNext.slice(0, this.hitCount),
        unlessHead: this.unlessHead.slice(0, n), unlessRule: this.unlessRule.slice(0, this.unlessCount), unlessNext: this.unlessNext.slice(0, this.unlessCount),
      },
    };
  }
}
