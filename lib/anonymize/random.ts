/**
 * Randomness of the `random_index` column and of the row shuffle: the OS CSPRNG
 * (crypto.randomFillSync, batched) in production; a seeded xoshiro128** with
 * `--seed`, only so tests and demos produce a stable file.
 */
import { createHash, randomFillSync } from 'node:crypto';

export interface Rng {
  uint32(): number;
}

export class CryptoRng implements Rng {
  private readonly buf = new Uint32Array(4096);
  private i = this.buf.length;
  uint32(): number {
    if (this.i >= this.buf.length) {
      randomFillSync(this.buf);
      this.i = 0;
    }
    return this.buf[this.i++]!;
  }
}

/** xoshiro128** seeded from SHA-256 of the seed text. Not for production files. */
export class SeededRng implements Rng {
  private s: Uint32Array;
  constructor(seed: string) {
    const h = createHash('sha256').update(seed).digest();
    this.s = new Uint32Array([h.readUInt32LE(0), h.readUInt32LE(4), h.readUInt32LE(8), h.readUInt32LE(12) || 1]);
  }
  uint32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = s[1]! << 9;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** Uniform integer in [0, n), without modulo bias (n ≤ 2^32). */
export function randomBelow(rng: Rng, n: number): number {
  if (n <= 1) return 0;
  const limit = 0x100000000 - (0x100000000 % n);
  for (;;) {
    const x = rng.uint32();
    if (x < limit) return x % n;
  }
}

/** Fisher–Yates, in place. */
export function shuffle<T>(a: T[], rng: Rng): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomBelow(rng, i + 1);
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a;
}
