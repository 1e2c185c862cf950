import type { Fix } from './types.ts';

/** Applies one fix to a text (what the CLI's redaction and the tests use). */
export function applyFix(text: string, fix: Fix): string {
  return text.slice(0, fix.start) + fix.replacement + text.slice(fix.end);
}

/** Applies non-overlapping fixes, right to left so earlier offsets stay valid. */
export function applyFixes(text: string, fixes: readonly Fix[]): string {
  const sorted = [...fixes].sort((a, b) => b.start - a.start);
  let out = text;
  let limit = Infinity;
  for (const f of sorted) {
    if (f.end > limit) continue; // overlaps a fix already applied
    out = applyFix(out, f);
    limit = f.start;
  }
  return out;
}
