import { describe, expect, it } from 'vitest';
import { integerScale } from '../../../lib/pages/dashboard/chart-scale.ts';

describe('weekly chart scale', () => {
  it('whole-number ticks, at most five intervals, top at or above the largest bar', () => {
    expect(integerScale(0).ticks).toEqual([0, 1]);
    expect(integerScale(3).ticks).toEqual([0, 1, 2, 3]);
    expect(integerScale(10).ticks).toEqual([0, 2, 4, 6, 8, 10]);
    expect(integerScale(12.5).ticks).toEqual([0, 5, 10, 15]);
    for (const n of [1, 7, 13, 49, 51, 99, 101, 999, 12_345]) {
      const s = integerScale(n);
      expect(s.ticks.every(Number.isInteger)).toBe(true);
      expect(s.max).toBeGreaterThanOrEqual(n);
      expect(s.ticks.length - 1).toBeLessThanOrEqual(5);
    }
  });
});
