/**
 * The weekly chart's value axis: whole-number ticks (counts are whole), at most
 * five intervals, the top tick at or above the largest bar. Pure.
 */
export interface Scale { max: number; step: number; ticks: number[] }

export function integerScale(largest: number, maxIntervals = 5): Scale {
  const top = Math.max(1, Math.ceil(largest));
  let step = 1;
  // 1, 2, 5, 10, 20, 50… the smallest step that keeps the intervals within bounds.
  for (let p = 1; ; p *= 10) {
    const s = [1, 2, 5].map((m) => m * p).find((x) => Math.ceil(top / x) <= maxIntervals);
    if (s) {
      step = s;
      break;
    }
  }
  const max = Math.ceil(top / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= max; v += step) ticks.push(v);
  return { max, step, ticks };
}
