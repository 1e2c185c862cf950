/**
 * Turns a rule's suggestions into replacement strings and exact edits that
 * leave a grammatical note: removal by grammatical unit (clause.ts), rewrites
 * that agree with what they replace (agree.ts), the match's capitalization,
 * and a preview of the sentence as it will read.
 */
import type { Locale } from '../categories.ts';
import type { CompiledSuggestion } from '../schema/dictionary.ts';
import { agreedFix } from './agree.ts';
import { clauseAround, removeUnit, separatorAt } from './clause.ts';
import { grammarFor } from './grammar.ts';
import { tokenize, type Token } from './tokenize.ts';
import type { Fix, FixPreview } from './types.ts';


export interface SuggestContext {
  /** The text's tokens (the linter has them already). */
  tokens?: readonly Token[];
  locale?: Locale;
  category?: string;
}

/** The edit that removes [start, end) by grammatical unit, with its preview. */
export function removalRange(text: string, start: number, end: number, ctx: SuggestContext = {}): Fix {
  const tokens = ctx.tokens ?? tokenize(text);
  return withPreview(text, removeUnit(text, tokens, start, end, grammarFor(ctx.locale ?? 'fr')));
}

export function buildSuggestions(text: string, start: number, end: number, plural: boolean, suggestions: readonly CompiledSuggestion[], ctx: SuggestContext = {}): { suggestions: string[]; fixes: Fix[] } {
  const tokens = ctx.tokens ?? tokenize(text);
  const grammar = grammarFor(ctx.locale ?? 'fr');
  const out: string[] = [];
  const fixes: Fix[] = [];
  let first = 0;
  while (first < tokens.length && tokens[first]!.end <= start) first++;
  let last = first;
  while (last + 1 < tokens.length && tokens[last + 1]!.start < end) last++;
  const clause = clauseAround(text, tokens, start, end);
  for (const s of suggestions) {
    if ('remove' in s) {
      if (out.includes('')) continue;
      out.push('');
      fixes.push(withPreview(text, removeUnit(text, tokens, start, end, grammar, false, clause)));
      continue;
    }
    const fix = first < tokens.length
      ? agreedFix({ text, tokens, clause, first, last, plural, category: ctx.category ?? '', grammar, french: (ctx.locale ?? 'fr') === 'fr' }, s)
      : { start, end, replacement: s.t };
    // The suggestion is the words that replace the wording (its article aside).
    const words = fix.replacement.slice(leadingArticle(fix, start));
    if (out.includes(words)) continue;
    out.push(words);
    fixes.push(withPreview(text, fix));
  }
  return { suggestions: out, fixes };
}

/** Length of the article an agreed fix rewrote before the wording ("an ", "l'"), 0 if none. */
function leadingArticle(fix: Fix, start: number): number {
  if (fix.start >= start) return 0;
  const m = /^(?:an? |l'|le |la |de |d'|une? )/i.exec(fix.replacement);
  return m ? m[0].length : 0;
}

/**
 * Identifiers (IBAN, NIR, card…): removed with an emptied label, or, after a label,
 * replaced by a pointer to the protected field.
 */
export function identifierSuggestions(text: string, start: number, end: number, locale: Locale, tokens: readonly Token[] = tokenize(text)): { suggestions: string[]; fixes: Fix[] } {
  const grammar = grammarFor(locale);
  const clause = clauseAround(text, tokens, start, end);
  const fixes = [withPreview(text, removeUnit(text, tokens, start, end, grammar, true, clause))];
  const suggestions = [''];
  if (clause.sepL === ':') {
    suggestions.push(grammar.protectedValue);
    fixes.push(withPreview(text, { start, end, replacement: grammar.protectedValue }));
  }
  return { suggestions, fixes };
}

/** Sentence end at text[i]; the character test first, as most characters are none. */
function endsSentence(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c !== 46 && c !== 33 && c !== 63 && c !== 0x2026 && c !== 10 && c !== 13) return false;
  const sep = separatorAt(text, i);
  return sep === '.' || sep === '\n';
}

/** Adds the sentence as it will read once `fix` is applied, and what it removes. */
export function withPreview(text: string, fix: Fix): Fix {
  const after = text.slice(0, fix.start) + fix.replacement + text.slice(fix.end);
  const changedEnd = fix.start + fix.replacement.length;
  let s = fix.start;
  while (s > 0 && !endsSentence(after, s - 1)) s--;
  while (s < changedEnd && /\s/.test(after[s]!)) s++;
  let e = changedEnd;
  while (e < after.length) if (endsSentence(after, e++)) break;
  if (after[e - 1] === '\n') e--;
  // A removal that capitalises the next word replaces its first letter: that letter is not "removed".
  const recased = fix.replacement.length === 1 && fix.end > fix.start && text[fix.end - 1]!.toUpperCase() === fix.replacement && text[fix.end - 1] !== fix.replacement;
  const removed = text.slice(fix.start, recased ? fix.end - 1 : fix.end).trim();
  const preview: FixPreview = { text: after.slice(s, e), start: Math.max(0, fix.start - s), end: Math.max(0, changedEnd - s), removed };
  // Spelled out: an object spread of fixes of several shapes is the slowest line of a lint.
  return { start: fix.start, end: fix.end, replacement: fix.replacement, preview };
}
