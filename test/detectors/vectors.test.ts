import { describe, expect, it } from 'vitest';
import { VECTOR_TYPES, agreement, formatMismatch, loadVectors } from './vectors/agreement.ts';

describe('public validator vectors', () => {
  for (const type of VECTOR_TYPES) {
    it(`${type}: the detector decides as the validators do (≥ 0.99)`, () => {
      const a = agreement(type);
      if (a.mismatches.length) console.log(`${type}: ${a.agreed}/${a.decisions}\n${a.mismatches.map(formatMismatch).join('\n')}`);
      expect(a.decisions).toBeGreaterThan(20);
      expect(a.ratio).toBeGreaterThanOrEqual(0.99);
    });
  }

  it('every vector names a source described in its file', () => {
    for (const type of VECTOR_TYPES) {
      const file = loadVectors(type);
      expect(file.type).toBe(type);
      for (const v of file.vectors) expect(Object.keys(file.sources)).toContain(v.source);
    }
  });
});
