/**
 * Fits the context judge (lib/engine/judge.ts): L2-regularised logistic regression by
 * stochastic gradient descent over hashed features, in a fixed pseudo-random order, then
 * quantized to one signed byte per weight. Same candidates, same bytes: no clock, no
 * Math.random, no map iteration order that depends on anything but the input.
 */
import { encodeBase64, type JudgeSection } from '../engine/judge.ts';
import type { JudgeCandidate } from './candidates.ts';

export interface TrainOptions {
  bits: number;
  window: number;
  threshold: number;
  epochs: number;
  learningRate: number;
  l2: number;
  /** A rule is ambiguous (judged) when it produced at least this many negatives in training. */
  minNegatives: number;
  /** Weight of a negative example's gradient (negatives are the rarer class). */
  negativeWeight: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  bits: 14, window: 3, threshold: 0.1, epochs: 12, learningRate: 0.1, l2: 1e-5, minNegatives: 2, negativeWeight: 1,
};

/** mulberry32: a seeded generator, for a shuffle that is the same on every machine. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rules that produced at least `min` false candidates: the ones the judge decides on. */
function ambiguousRules(cands: readonly JudgeCandidate[], min: number): string[] {
  const negatives = new Map<string, number>();
  for (const c of cands) if (!c.positive) negatives.set(c.rule, (negatives.get(c.rule) ?? 0) + 1);
  return [...negatives].filter(([, n]) => n >= min).map(([r]) => r).sort();
}

export function trainJudge(cands: readonly JudgeCandidate[], options: Partial<TrainOptions> = {}): JudgeSection {
  const o = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const size = 1 << o.bits;
  const mask = size - 1;
  const rules = ambiguousRules(cands, o.minNegatives);
  const judged = new Set(rules);
  // Only the rules it will decide on: the others' findings say nothing about look-alikes.
  const examples = cands.filter((c) => judged.has(c.rule));
  const w = new Float64Array(size);
  let bias = 0;
  const order = examples.map((_, i) => i);
  const random = seeded(0x5eed);
  let step = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const k of order) {
      const c = examples[k]!;
      let z = bias;
      for (const h of c.hashes) z += w[h & mask]!;
      const p = 1 / (1 + Math.exp(-z));
      const g = c.positive ? p - 1 : o.negativeWeight * p;
      const lr = o.learningRate / (1 + step++ / Math.max(1, examples.length));
      bias -= lr * g;
      for (const h of c.hashes) w[h & mask]! -= lr * (g + o.l2 * w[h & mask]!);
    }
  }
  let max = 0;
  for (const x of w) max = Math.max(max, Math.abs(x));
  const scale = max > 0 ? max / 127 : 1;
  const codes = new Int8Array(size);
  for (let i = 0; i < size; i++) codes[i] = Math.round(w[i]! / scale);
  return {
    bits: o.bits, window: o.window, threshold: o.threshold,
    bias: Math.round(bias * 1e6) / 1e6,
    scale: Number(scale.toPrecision(8)),
    weights: encodeBase64(new Uint8Array(codes.buffer)),
    rules,
  };
}
