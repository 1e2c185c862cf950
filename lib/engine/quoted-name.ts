/**
 * A name in quotes is a product, a shop, a film or an event, not a person's trait: the wine
 * "Cuvée du Vieux Garçon", the escape room « La Folle Évasion », the beer "Old Bastard".
 * A match inside a short quotation that opens with a capital, whose own words are
 * capitalised too, is such a name. Quoted speech stays flagged: « il est complètement
 * taré », "Je suis enceinte" (the matched word is in lower case).
 */

import type { CategoryId } from '../categories.ts';
import { isCapitalLetter as isUpper } from './word-classes.ts';

/** A party, a union or a faith keeps its own name in quotes ("milite au “Rassemblement national”"). */
const OWN_NAMES: ReadonlySet<CategoryId> = new Set<CategoryId>(['politics', 'union', 'religion', 'identifier']);

export function mayBeAName(categories: readonly CategoryId[]): boolean {
  return !categories.some((c) => OWN_NAMES.has(c));
}

/** Quotation marks: an opening one and the closing one it pairs with. */
const PAIRS: Readonly<Record<string, string>> = { '"': '"', '“': '”', '«': '»', '„': '“', '‘': '’' };
/** Longest quotation read as a name. */
const MAX_NAME = 60;

/** text[start, end) lies inside a short quoted name (see the file comment). */
export function insideQuotedName(text: string, start: number, end: number): boolean {
  // Every word of the match starts with a capital (elided articles aside: "l'Ancien").
  const words = text.slice(start, end).split(/[\s'’-]+/).filter((w) => w.length > 2);
  if (!words.length || !words.every((w) => isUpper(w[0]))) return false;
  const from = Math.max(0, start - MAX_NAME);
  let open = -1;
  for (let i = start - 1; i >= from; i--) {
    const c = text[i]!;
    if (c === '\n') return false;
    if (PAIRS[c] !== undefined || c === '”' || c === '»') { open = i; break; }
  }
  if (open < 0) return false;
  const close = PAIRS[text[open]!];
  if (close === undefined) return false; // the nearest mark closes a quotation: the match is after it
  // '‘' doubles as an apostrophe: only after a space or at the start.
  if (text[open] === '‘' && open > 0 && !/\s/.test(text[open - 1]!)) return false;
  // A straight quote opens only when an even number of them come before it on the line.
  if (text[open] === '"') {
    let n = 0;
    for (let i = open - 1; i >= 0 && text[i] !== '\n'; i--) if (text[i] === '"') n++;
    if (n % 2) return false;
  }
  let first = open + 1;
  while (first < start && /[\s\u00a0\u202f]/.test(text[first]!)) first++;
  if (!isUpper(text[first])) return false;
  const to = Math.min(text.length, open + 1 + MAX_NAME);
  for (let i = end; i < to; i++) {
    if (text[i] === close) return true;
    if (text[i] === '\n') return false;
  }
  return false;
}
