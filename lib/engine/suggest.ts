/**
 * Turns a rule's suggestions into replacement strings and exact edits:
 * number agreement with the matched form, the match's capitalization, and
 * removal that takes its dangling space or punctuation along.
 */
import type { CompiledSuggestion } from '../schema/dictionary.ts';
import type { Fix } from './types.ts';

export function matchCase(replacement: string, matched: string): string {
  if (!replacement) return replacement;
  const letters = matched.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return replacement.toUpperCase();
  const first = matched.match(/\p{L}/u)?.[0];
  if (first && first !== first.toLowerCase()) return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  return replacement;
}

const SPACE = /[ \t\u00a0\u202f]/;
const CLAUSE_PUNCT = /[,;:]/;

/** The span to delete when a finding is removed, so no double space or orphan comma remains. */
export function removalRange(text: string, start: number, end: number): Fix {
  let s = start;
  let e = end;
  while (e < text.length && SPACE.test(text[e]!)) e++;
  const atClauseStart = s === 0 || /[\n.!?(\[«"]\s*$/.test(text.slice(Math.max(0, s - 3), s));
  if (atClauseStart) {
    // "Diabétique, rappeler lundi" → "rappeler lundi": eat the orphan comma too.
    if (e < text.length && CLAUSE_PUNCT.test(text[e]!)) {
      e++;
      while (e < text.length && SPACE.test(text[e]!)) e++;
    }
    if (e === end) { /* nothing after */ }
  } else {
    // Mid-sentence: give back the trailing space and take the leading one instead,
    // so "client diabétique, rappeler" → "client, rappeler".
    e = end;
    while (s > 0 && SPACE.test(text[s - 1]!)) s--;
    if (e < text.length && !SPACE.test(text[e]!) && !/[,.;:!?)\]»"\n]/.test(text[e]!) && s < start) s++;
  }
  return { start: s, end: e, replacement: '' };
}

export function buildSuggestions(text: string, start: number, end: number, plural: boolean, suggestions: readonly CompiledSuggestion[]): { suggestions: string[]; fixes: Fix[] } {
  const matched = text.slice(start, end);
  const out: string[] = [];
  const fixes: Fix[] = [];
  for (const s of suggestions) {
    if ('remove' in s) {
      if (out.includes('')) continue;
      out.push('');
      fixes.push(removalRange(text, start, end));
    } else {
      const r = matchCase(plural && s.p ? s.p : s.t, matched);
      if (out.includes(r)) continue;
      out.push(r);
      fixes.push({ start, end, replacement: r });
    }
  }
  return { suggestions: out, fixes };
}
