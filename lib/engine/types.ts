import type { CategoryId, Locale, Severity } from '../categories.ts';

/**
 * One exact edit that realises a suggestion. It may be wider than the finding:
 * a removal takes its clause, label, parentheses or commas along, a rewrite
 * its article or intensifier (lib/engine/clause.ts, agree.ts).
 */
export interface Fix {
  start: number;
  end: number;
  replacement: string;
  /** The sentence as it will read once applied (what the card and the save dialog show). */
  preview?: FixPreview;
}

/** `text` is the sentence after the fix; [start, end) the part that changed (empty for a removal). */
export interface FixPreview {
  text: string;
  start: number;
  end: number;
  /** The exact words the fix takes out (trimmed): what "remove" removes. */
  removed: string;
}

/**
 * A finding. `start`/`end` are JS string (UTF-16) indices into the linted text
 * and `text === note.slice(start, end)`. `suggestions[i]` is the replacement
 * text, "" meaning "remove"; `fixes[i]` is the exact edit to apply it.
 * The first eight fields are the stable CLI/JSONL interface.
 */
export interface Finding {
  start: number;
  end: number;
  text: string;
  category: CategoryId;
  rule: string;
  severity: Severity;
  message: string;
  suggestions: string[];
  /** Legal basis of the rule. */
  source: string;
  locale: Locale;
  fixes: Fix[];
  /**
   * Every category the wording falls under, primary first (`categories[0] === category`):
   * an ageist insult is age and insult, one finding. Always set by the Linter.
   */
  categories?: CategoryId[];
  /** How sure the match is, 0–1: absent means certain (an exact dictionary form or a checked identifier). */
  confidence?: number;
  /** The dictionary wording this text is probably a typo of (accents as authors wrote them). */
  typoOf?: string;
}

export type LocaleOption = Locale | 'auto';
