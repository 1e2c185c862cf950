/**
 * Rewrites a note so that none of its findings is left: each flagged span is
 * replaced by the rule's first suggestion (`suggest`), removed by grammatical
 * unit (`remove`: with its clause, label, commas or parentheses when they would
 * be left broken), or replaced by a fixed mask (`mask`). Used by
 * `audit --redact` and by the `lint` action of `anonymize`.
 */
import type { Linter } from '../engine/lint.ts';
import { applyFixes } from '../engine/apply.ts';
import { removalRange } from '../engine/suggest.ts';
import type { Finding, Fix, LocaleOption } from '../engine/types.ts';

export type RedactMode = 'suggest' | 'remove' | 'mask';
export const REDACT_MODES: readonly RedactMode[] = ['suggest', 'remove', 'mask'];
export const DEFAULT_MASK = '[…]';

export interface RedactOptions {
  mode: RedactMode;
  mask?: string;
  locale?: LocaleOption;
}

export function fixFor(text: string, f: Finding, opts: RedactOptions): Fix {
  if (opts.mode === 'mask') return { start: f.start, end: f.end, replacement: opts.mask ?? DEFAULT_MASK };
  // Removal by grammatical unit, as the card's "remove" (clause, label, commas, parentheses).
  if (opts.mode === 'remove') return f.fixes[f.suggestions.indexOf('')] ?? removalRange(text, f.start, f.end, { locale: f.locale });
  return f.fixes[0] ?? removalRange(text, f.start, f.end, { locale: f.locale });
}

/** Applies the findings of one lint pass. */
export function redactFindings(text: string, findings: readonly Finding[], opts: RedactOptions): string {
  if (!findings.length) return text;
  // Wording right after other wording ("devout Catholic") waits for the next pass: each
  // removal is computed as if it stood alone, and both together would strand "is a".
  const alone = findings.filter((f, i) => i === 0 || opts.mode === 'mask' || !/^[\s-]*$/.test(text.slice(findings[i - 1]!.end, f.start)));
  const out = applyFixes(text, alone.map((f) => fixFor(text, f, opts)));
  // Two removals side by side can leave a new first word ("Trump supporter, MAGA hat…" → "hat…").
  const i = out.search(/\p{L}/u);
  const j = text.search(/\p{L}/u);
  return i >= 0 && j >= 0 && /\p{Lu}/u.test(text[j]!) && /\p{Ll}/u.test(out[i]!) ? out.slice(0, i) + out[i]!.toUpperCase() + out.slice(i + 1) : out;
}

/**
 * Lints and rewrites until nothing is left (an edit can expose a new match, and
 * overlapping fixes are applied one pass at a time), at most `maxPasses` times.
 * `findings` are those of the original text.
 */
export function redactText(linter: Linter, text: string, opts: RedactOptions, first?: Finding[], maxPasses = 4): { text: string; findings: Finding[] } {
  const findings = first ?? linter.lint(text, { locale: opts.locale });
  let out = redactFindings(text, findings, opts);
  if (out === text) return { text, findings };
  for (let pass = 1; pass < maxPasses; pass++) {
    const again = linter.lint(out, { locale: opts.locale });
    if (!again.length) break;
    const next = redactFindings(out, again, opts);
    if (next === out) break;
    out = next;
  }
  return { text: out, findings };
}
