import type { Locale } from '../categories.ts';

/** A checksum- or pattern-based finding; always category "identifier", severity error. */
export interface DetectorHit {
  start: number;
  end: number;
  rule: string;
  message: Record<Locale, string>;
  source: Record<Locale, string>;
}

/** Unicode-aware "not inside a word" guards (JS \b is ASCII-only). */
export const NOT_AFTER_WORD = '(?<![\\p{L}\\p{N}])';
export const NOT_BEFORE_WORD = '(?![\\p{L}\\p{N}])';
/** One optional separator between digit groups: space, no-break space, dot or dash. */
export const SEP = '[ \\u00a0\\u202f.\\-]?';
