/**
 * The context judge: a second stage that looks again at a dictionary finding in its
 * context and may veto it. A linear model (logistic regression, trained at build time
 * from the DEV corpus: lib/learn/train-judge.ts) over hashed features of the words
 * around the match, the rule and the matched form. Only findings of the rules it learnt
 * are ambiguous (rules that produced false candidates in training) are judged; the
 * others are left as they are. Pure: no I/O, browser-safe.
 */
import type { Locale } from '../categories.ts';
import { Gap, type Token } from './tokenize.ts';

/** The judge of one locale as a pack carries it (schema: `judge` in lib/schema/dictionary.ts). */
export interface JudgeSection {
  /** Feature-hashing space: 2^bits weights. */
  bits: number;
  /** Words on each side of the match that count as its context. */
  window: number;
  /** A finding of an ambiguous rule is vetoed when p(sensitive) is below this. */
  threshold: number;
  bias: number;
  /** weight = code × scale, one signed byte per weight. */
  scale: number;
  /** The 2^bits weights, signed bytes, base64. */
  weights: string;
  /** Ids of the rules the judge decides on, sorted. */
  rules: string[];
}

export type JudgeSections = Partial<Record<Locale, JudgeSection>>;

export class JudgeError extends Error {}

/** What the judge sees of a finding: the note's tokens, the match's token range and its rule. */
export interface JudgedMatch {
  tokens: readonly Token[];
  first: number;
  last: number;
  rule: string;
  category: string;
  /** Matched through a typo. */
  typo: boolean;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units: cheap, and the same in the build and the browser. */
export function hashFeature(feature: string): number {
  return fnv(FNV_OFFSET, feature) >>> 0;
}

/** FNV-1a state after `text`, from `h`: hashing "prefix" then "word" is hashing "prefixword". */
function fnv(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

const CARET = 94, DOLLAR = 36;
const PREFIX = {
  L: fnv(FNV_OFFSET, 'L:'), R: fnv(FNV_OFFSET, 'R:'), near: fnv(FNV_OFFSET, 'near:'),
  L1: fnv(FNV_OFFSET, 'L1:'), R1: fnv(FNV_OFFSET, 'R1:'), gram: fnv(FNV_OFFSET, 'g:'), form: fnv(FNV_OFFSET, 'form:'),
};

/**
 * The features of a match, as readable strings (hashed to weights; kept as strings so a
 * veto can be explained). Context stops at the sentence's ends, as the dictionary's own
 * context words do.
 */
export function judgeFeatures(m: JudgedMatch, window: number): string[] {
  const { tokens, first, last, rule } = m;
  const form = tokens.slice(first, last).map((t) => t.norm).join(' ');
  const out = [`rule:${rule}`, `form:${form}`, `cat:${m.category}`];
  if (m.typo) out.push(`typo:${rule}`);
  const opens = tokens[first]!.gap === Gap.Sentence;
  const closes = last === tokens.length || tokens[last]!.gap >= Gap.Hard;
  if (opens) out.push('opens-sentence');
  if (closes) out.push('ends-segment');
  if (opens && closes) out.push(`alone:${rule}`);
  const word = (side: string, k: number, w: string) => {
    out.push(`${side}:${w}`, `near:${w}`, `${rule}~${w}`);
    if (k === 1) out.push(`${side}1:${w}`, `${form}${side === 'L' ? '<' : '>'}${w}`);
    if (k <= 3 && w.length >= 4) {
      const padded = `^${w}$`;
      for (let i = 0; i + 4 <= padded.length; i++) out.push(`g:${padded.slice(i, i + 4)}`);
    }
  };
  for (let i = first - 1, k = 1; i >= 0 && k <= window; i--, k++) {
    word('L', k, tokens[i]!.norm);
    if (tokens[i]!.gap === Gap.Sentence) break;
  }
  for (let i = last, k = 1; i < tokens.length && k <= window; i++, k++) {
    if (tokens[i]!.gap === Gap.Sentence) break;
    word('R', k, tokens[i]!.norm);
  }
  return out;
}

/** The judge's view of one match: p(sensitive), whether it judges and vetoes it, and the strongest features each way. */
export interface JudgeVerdict {
  probability: number;
  judged: boolean;
  vetoed: boolean;
  against: Array<[feature: string, weight: number]>;
  for: Array<[feature: string, weight: number]>;
}

/**
 * Whether a Linter lets the packs' judges veto findings when its options do not say
 * (LinterOptions.secondStage). On: the cross-validation of bench/second-stage.ts on DEV passes the gate (README, "The context judge").
 */
export const SECOND_STAGE_BY_DEFAULT = true;

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** A judge section decoded for use: weights as numbers, rules as a set. */
export class ContextJudge {
  private readonly weights: Int8Array;
  private readonly mask: number;
  private readonly ruleSet: ReadonlySet<string>;
  private readonly opensWeight: number;
  private readonly endsWeight: number;

  constructor(readonly section: JudgeSection, where = 'judge') {
    const { bits, window, threshold, bias, scale, weights, rules } = section;
    if (!Number.isInteger(bits) || bits < 8 || bits > 20) throw new JudgeError(`${where}.bits: must be an integer from 8 to 20, not ${String(bits)}`);
    if (!Number.isInteger(window) || window < 0 || window > 20) throw new JudgeError(`${where}.window: must be an integer from 0 to 20, not ${String(window)}`);
    if (!(threshold >= 0 && threshold <= 1)) throw new JudgeError(`${where}.threshold: must be a probability (0 to 1), not ${String(threshold)}`);
    if (!Number.isFinite(bias) || !(scale > 0) || !Number.isFinite(scale)) throw new JudgeError(`${where}: bias and scale must be finite numbers, scale above 0`);
    const bytes = decodeBase64(weights, `${where}.weights`);
    if (bytes.length !== 1 << bits) throw new JudgeError(`${where}.weights: holds ${bytes.length} weights where bits ${bits} needs ${1 << bits}`);
    this.weights = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    this.mask = (1 << bits) - 1;
    this.ruleSet = new Set(rules);
    this.opensWeight = this.weights[hashFeature('opens-sentence') & this.mask]!;
    this.endsWeight = this.weights[hashFeature('ends-segment') & this.mask]!;
  }

  /** Does the judge decide on this rule's findings? */
  judges(rule: string): boolean {
    return this.ruleSet.has(rule);
  }

  private weightOf(feature: string): number {
    return this.weights[hashFeature(feature) & this.mask]! * this.section.scale;
  }

  /** Per rule, the FNV states its features start from (rule-only features already summed). */
  private readonly ruleStates = new Map<string, { sum: number; typo: number; alone: number; word: number }>();

  private statesOf(rule: string, category: string) {
    let st = this.ruleStates.get(rule);
    if (!st) {
      const w = (f: string) => this.weights[hashFeature(f) & this.mask]!;
      st = { sum: w(`rule:${rule}`) + w(`cat:${category}`), typo: w(`typo:${rule}`), alone: w(`alone:${rule}`), word: fnv(FNV_OFFSET, `${rule}~`) };
      this.ruleStates.set(rule, st);
    }
    return st;
  }

  /**
   * p(sensitive) of the match in its context: the weights of judgeFeatures(m), each hash
   * chained from its prefix's FNV state instead of built as a string (the keystroke path).
   */
  probability(m: JudgedMatch): number {
    const { tokens, first, last } = m;
    const { weights, mask } = this;
    const window = this.section.window;
    const st = this.statesOf(m.rule, m.category);
    let sum = st.sum;
    // "form:" + the matched words, and the form's own state for "form<word" / "form>word".
    let formHash = PREFIX.form, formState = FNV_OFFSET;
    for (let i = first; i < last; i++) {
      if (i > first) { formHash = Math.imul(formHash ^ 32, FNV_PRIME); formState = Math.imul(formState ^ 32, FNV_PRIME); }
      formHash = fnv(formHash, tokens[i]!.norm);
      formState = fnv(formState, tokens[i]!.norm);
    }
    sum += weights[(formHash >>> 0) & mask]!;
    if (m.typo) sum += st.typo;
    const opens = tokens[first]!.gap === Gap.Sentence;
    const closes = last === tokens.length || tokens[last]!.gap >= Gap.Hard;
    if (opens) sum += this.opensWeight;
    if (closes) sum += this.endsWeight;
    if (opens && closes) sum += st.alone;
    const formLeft = Math.imul(formState ^ 60, FNV_PRIME), formRight = Math.imul(formState ^ 62, FNV_PRIME);
    for (let i = first - 1, k = 1; i >= 0 && k <= window; i--, k++) {
      sum += this.wordSum(tokens[i]!.norm, k, PREFIX.L, PREFIX.L1, formLeft, st.word);
      if (tokens[i]!.gap === Gap.Sentence) break;
    }
    for (let i = last, k = 1; i < tokens.length && k <= window; i++, k++) {
      if (tokens[i]!.gap === Gap.Sentence) break;
      sum += this.wordSum(tokens[i]!.norm, k, PREFIX.R, PREFIX.R1, formRight, st.word);
    }
    return sigmoid(this.section.bias + sum * this.section.scale);
  }

  /** The weights of one context word's features (the word part of judgeFeatures). */
  private wordSum(w: string, k: number, side: number, side1: number, formSide: number, ruleWord: number): number {
    const { weights, mask } = this;
    let sum = weights[(fnv(side, w) >>> 0) & mask]! + weights[(fnv(PREFIX.near, w) >>> 0) & mask]! + weights[(fnv(ruleWord, w) >>> 0) & mask]!;
    if (k === 1) sum += weights[(fnv(side1, w) >>> 0) & mask]! + weights[(fnv(formSide, w) >>> 0) & mask]!;
    if (k <= 3 && w.length >= 4) {
      for (let i = -1; i + 4 <= w.length + 1; i++) {
        let h = PREFIX.gram;
        for (let j = i; j < i + 4; j++) h = Math.imul(h ^ (j < 0 ? CARET : j === w.length ? DOLLAR : w.charCodeAt(j)), FNV_PRIME);
        sum += weights[(h >>> 0) & mask]!;
      }
    }
    return sum;
  }

  /** p(sensitive) from features as strings: what probability() computes, the slow way (explanations, tests). */
  probabilityOf(features: readonly string[]): number {
    let z = this.section.bias;
    for (const f of features) z += this.weightOf(f);
    return sigmoid(z);
  }

  /** True when the match is of a judged rule and its probability is below the threshold. */
  vetoes(m: JudgedMatch): boolean {
    return this.judges(m.rule) && this.probability(m) < this.section.threshold;
  }

  /** The probability and the features that pushed it down most (for debugging a veto, never for reps). */
  explain(m: JudgedMatch, top = 5): JudgeVerdict {
    const contributions = new Map<string, number>();
    for (const f of judgeFeatures(m, this.section.window)) contributions.set(f, (contributions.get(f) ?? 0) + this.weightOf(f));
    const sorted = [...contributions].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
    const round = ([f, w]: [string, number]): [string, number] => [f, Math.round(w * 1000) / 1000];
    const probability = this.probabilityOf(judgeFeatures(m, this.section.window));
    const judged = this.judges(m.rule);
    return {
      probability, judged, vetoed: judged && probability < this.section.threshold,
      against: sorted.filter(([, w]) => w < 0).slice(0, top).map(round),
      for: sorted.filter(([, w]) => w > 0).reverse().slice(0, top).map(round),
    };
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_VALUE[B64.charCodeAt(i)] = i;

/** Standard base64 with padding; no atob/Buffer so the engine stays the same everywhere. */
export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!, b = bytes[i + 1] ?? 0, c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + (i + 1 < bytes.length ? B64[(n >> 6) & 63]! : '=') + (i + 2 < bytes.length ? B64[n & 63]! : '=');
  }
  return out;
}

export function decodeBase64(text: string, where: string): Uint8Array {
  if (typeof text !== 'string' || text.length % 4 !== 0) throw new JudgeError(`${where}: not base64 (length must be a multiple of 4)`);
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const code = text.charCodeAt(i + k);
      const v = code === 61 && i + k >= text.length - pad ? 0 : code < 128 ? B64_VALUE[code]! : -1;
      if (v < 0) throw new JudgeError(`${where}: not base64 (character ${JSON.stringify(text[i + k])} at ${i + k})`);
      n = (n << 6) | v;
    }
    out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}
