/**
 * Removal by grammatical unit. Deleting only the flagged span leaves
 * "La cliente est, pas d'appel" or "IBAN :, prélèvement"; here the span grows
 * to what the wording took with it:
 *  - its determiners, possessives, prepositions and intensifiers ("d'une", "un vrai");
 *  - the predicate of a copula ("est", "a", "sort de", "is", "has", "wears"), with the
 *    subject kept before "et/and" ("M. Durand devait…"), kept as "La cliente : …", or the
 *    whole clause when only a pronoun is left;
 *  - an apposition with its commas, an empty parenthesis with its parentheses, a label
 *    left empty with its colon ("N° sécu : …");
 *  - the first word after a removed sentence start is capitalised.
 * Clause boundaries come from punctuation (abbreviations like "M." and "10:30" aside)
 * and from the tokenizer; the word classes from the per-locale tables of grammar.ts.
 */
import type { Grammar } from './grammar.ts';
import { accentKey, type Token } from './tokenize.ts';
import type { Fix } from './types.ts';

/** What bounds a clause: `start`/`end` of the text, `.` any sentence end, or the punctuation itself. */
export type Sep = 'start' | 'end' | '.' | '\n' | ',' | ';' | ':' | '(' | ')' | '—';

export interface Clause {
  /** First and last character of the clause's words (end exclusive). */
  start: number;
  end: number;
  sepL: Sep;
  sepR: Sep;
  /** Index of the separator character (-1 for start, text.length for end). */
  sepLAt: number;
  sepRAt: number;
  /** Token indices [first, last) inside the clause. */
  first: number;
  last: number;
}

const SPACE = /[ \t\u00a0\u202f]/;
const isSpace = (c: string | undefined) => c !== undefined && SPACE.test(c);
const ABBREVIATIONS = new Set(['m', 'mme', 'mmes', 'mlle', 'mr', 'mrs', 'ms', 'dr', 'st', 'pr', 'me', 'etc', 'cf', 'ex', 'env', 'no', 'tél', 'tel', 'p', 'vs', 'jr', 'sr']);

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

const LETTERS_AT_END = /(\p{L}+)$/u;

/** The letters that end text[i-6, i) (what an abbreviation's dot follows), '' when none; plain ASCII read by code. */
function wordBefore(text: string, i: number): string {
  const from = Math.max(0, i - 6);
  let j = i;
  while (j > from) {
    const c = text.charCodeAt(j - 1);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) j--;
    else if (c < 128) break;
    else return LETTERS_AT_END.exec(text.slice(from, i))?.[1] ?? '';
  }
  return text.slice(j, i);
}

/** The separator at text[i], if it bounds a clause there. Compared by code: this runs for every character around a finding. */
export function separatorAt(text: string, i: number): Sep | null {
  switch (text.charCodeAt(i)) {
    case 46: { // .
      const prev = text[i - 1];
      const next = text[i + 1];
      if ((isDigit(prev) && isDigit(next)) || next === '.' || prev === '.') return next === '.' ? null : '.';
      const word = wordBefore(text, i);
      if (word && (ABBREVIATIONS.has(word.toLowerCase()) || (word.length === 1 && word === word.toUpperCase()))) return null;
      return '.';
    }
    case 33: case 63: case 0x2026: return '.'; // ! ? …
    case 10: case 13: return '\n';
    case 44: return isDigit(text[i - 1]) && isDigit(text[i + 1]) ? null : ','; // ,
    case 59: return ';';
    case 58: return (isDigit(text[i - 1]) && isDigit(text[i + 1])) || text[i + 1] === '/' ? null : ':'; // :
    case 40: case 91: return '('; // ( [
    case 41: case 93: return ')'; // ) ]
    case 0x2014: case 0x2013: return '—'; // — –
    case 45: return isSpace(text[i - 1]) && isSpace(text[i + 1]) ? '—' : null; // -
    default: return null;
  }
}

/** The clause around [from, to): nearest separators outside the span. */
export function clauseAround(text: string, tokens: readonly Token[], from: number, to: number): Clause {
  let sepL: Sep = 'start';
  let sepLAt = -1;
  for (let i = from - 1; i >= 0; i--) {
    const s = separatorAt(text, i);
    if (s) { sepL = s; sepLAt = i; break; }
  }
  let sepR: Sep = 'end';
  let sepRAt = text.length;
  for (let i = to; i < text.length; i++) {
    const s = separatorAt(text, i);
    // "4111 … (exp 12/27), ne pas rappeler": a parenthesis after the words belongs to their clause.
    if (s === '(' && sepL !== '(') {
      const close = text.indexOf(')', i);
      if (close > 0 && !/[.!?\n]/.test(text.slice(i, close))) { i = close; continue; }
    }
    if (s) { sepR = s; sepRAt = i; break; }
  }
  let first = 0;
  while (first < tokens.length && tokens[first]!.start <= sepLAt) first++;
  let last = first;
  while (last < tokens.length && tokens[last]!.end <= sepRAt) last++;
  let start = sepLAt + 1;
  while (start < from && isSpace(text[start])) start++;
  let end = sepRAt;
  while (end > to && isSpace(text[end - 1])) end--;
  return { start, end, sepL, sepR, sepLAt, sepRAt, first, last };
}

const sentenceStart = (s: Sep) => s === 'start' || s === '.' || s === '\n';
const sentenceEnd = (s: Sep) => s === 'end' || s === '.' || s === '\n';
const skipSpaces = (text: string, i: number) => {
  while (i < text.length && isSpace(text[i])) i++;
  return i;
};

/** Where the sentence holding `at` starts (after its separator and spaces). */
function atSentenceStart(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    if (isSpace(text[i])) continue;
    const s = separatorAt(text, i);
    return s === '.' || s === '\n';
  }
  return true;
}

/** A removal [start, end) that capitalises the first word when it now starts a sentence. */
function removal(text: string, start: number, end: number): Fix {
  const c = text[end];
  if (c && c !== c.toUpperCase() && atSentenceStart(text, start)) return { start, end: end + 1, replacement: c.toUpperCase() };
  return { start, end, replacement: '' };
}

/** Removes a whole clause with the right separator, so no ",," "()" ":," or lone label is left. */
export function removeClause(text: string, tokens: readonly Token[], c: Clause, g: Grammar, isValue: boolean): Fix {
  const { sepL, sepR, sepLAt, sepRAt } = c;
  // The value of a label ("IBAN envoyé par mail : …"): the label goes with it.
  if (sepL === ':' && (isValue || sentenceEnd(sepR))) {
    const label = clauseAround(text, tokens, sepLAt, sepLAt);
    return removeClause(text, tokens, { ...c, start: label.start, sepL: label.sepL, sepLAt: label.sepLAt, first: label.first }, g, false);
  }
  if (sepL === '(' && sepR === ')') {
    let s = sepLAt;
    while (s > 0 && isSpace(text[s - 1])) s--;
    // "(dépression), c'est" → ", c'est"; "M. X (sourd) répond" → "M. X répond".
    return { start: s === 0 ? 0 : s, end: s === 0 ? skipSpaces(text, sepRAt + 1) : sepRAt + 1, replacement: '' };
  }
  if (sentenceStart(sepL) && sentenceEnd(sepR)) {
    if (sepR === '.') {
      const after = skipSpaces(text, sepRAt + 1);
      // The last sentence: take the space before it instead of leaving one at the end.
      if (after >= text.length && sepL !== 'start') {
        let s = c.start;
        while (s > sepLAt + 1 && isSpace(text[s - 1])) s--;
        return { start: s, end: text.length, replacement: '' };
      }
      return removal(text, c.start, after);
    }
    let s = c.start;
    if (sepL === '.') s = sepLAt + 1; // "Devis envoyé. Elle est enceinte" → "Devis envoyé."
    return { start: s, end: c.end, replacement: '' };
  }
  if (sentenceStart(sepL)) return removal(text, c.start, skipSpaces(text, sepRAt + 1));
  if (sepL === ':' ) return { start: c.start, end: sepR === ',' || sepR === ';' || sepR === '—' ? skipSpaces(text, sepRAt + 1) : c.end, replacement: '' };
  if (sepL === ',' && sepR === ',' && isApposition(text, tokens, c, g)) return { start: sepLAt, end: sepRAt + 1, replacement: '' };
  if (sepL === ',' || sepL === ';' || sepL === '—') return { start: sepLAt, end: c.end, replacement: '' };
  return { start: c.start, end: sepR === ')' ? c.end : skipSpaces(text, c.end), replacement: '' };
}

/**
 * ", un vieux schnock," after the sentence's subject ("Le fondateur", "Mme Diallo") is an
 * apposition: both commas go. After a bare noun ("Couple italien, musulman, parler…") it is
 * a list item: one comma stays.
 */
function isApposition(text: string, tokens: readonly Token[], c: Clause, g: Grammar): boolean {
  const before = clauseAround(text, tokens, c.sepLAt, c.sepLAt);
  if (!sentenceStart(before.sepL) || before.last - before.first > 5 || before.last <= before.first) return false;
  const head = tokens[before.first]!;
  const word = accentKey(text.slice(head.start, head.end));
  const capitalName = /^\p{Lu}/u.test(text[head.start]!) && !g.determiners.has(word) && before.last - before.first <= 3 && /^\p{Lu}/u.test(text[tokens[before.last - 1]!.start]!);
  return g.determiners.has(word) || /^(?:m|mme|mlle|mr|mrs|ms|dr|notre|our)$/.test(word) || capitalName;
}

/** Nothing, a function word, a conjunction or a relative pronoun after the wording: it ends its noun phrase. */
export function endsPhrase(g: Grammar, next: string): boolean {
  return !next || g.fillers.has(next) || g.conjunctions.has(next) || g.relatives.has(next);
}

export const isCount = (w: string, g: Grammar) => (/^\d+$/.test(w) ? Number(w) >= 2 : g.numbers.has(w));

const key = (text: string, t: Token | undefined) => (t ? accentKey(text.slice(t.start, t.end)) : '');

/**
 * The exact edit that removes [from, to) by grammatical unit. `isValue`: the wording
 * is the value of a label (identifiers: "IBAN : …, prélèvement le 5"), so the label goes
 * too; other wording takes its label only when nothing follows ("Régime : halal.").
 */
export function removeUnit(text: string, tokens: readonly Token[], from: number, to: number, g: Grammar, isValue = false, around?: Clause): Fix {
  // `around`: clauseAround(text, tokens, from, to) when the caller has it already.
  const c = around ?? clauseAround(text, tokens, from, to);
  let fi = c.first;
  while (fi < c.last && tokens[fi]!.end <= from) fi++;
  let fl = fi;
  while (fl + 1 < c.last && tokens[fl + 1]!.start < to) fl++;
  if (fi >= c.last) return removeClause(text, tokens, c, g, isValue);

  // The wording's own determiners and prepositions go with it, when it ends its phrase
  // ("sort d'une dépression,"), not when it qualifies a noun ("the pregnant manager").
  const next = fl + 1 < c.last ? key(text, tokens[fl + 1]) : '';
  let j = fi;
  // A count goes with what it counts: "4 casher, 2 végé" → "4 casher".
  if (endsPhrase(g, next)) while (j > c.first && (g.fillers.has(key(text, tokens[j - 1])) || isCount(key(text, tokens[j - 1]), g))) j--;
  let k = j;
  while (k > c.first && g.copulas.has(key(text, tokens[k - 1]))) k--;
  const predicate = k < j || g.copulas.has(key(text, tokens[j]));

  if (predicate) {
    const subject = k - c.first;
    let conj = -1;
    for (let m = fl + 1; m + 1 < c.last; m++) if (g.conjunctions.has(key(text, tokens[m]))) { conj = m; break; }
    // "M. Durand est diabétique et devait passer" → "M. Durand devait passer".
    if (conj >= 0 && subject > 0) return { start: tokens[k]!.start, end: tokens[conj + 1]!.start, replacement: '' };
    const onlyPronoun = subject === 0 || (subject === 1 && g.pronouns.has(key(text, tokens[c.first])));
    // "La cliente est enceinte, pas d'appel le samedi" → "La cliente : pas d'appel le samedi".
    if (!onlyPronoun && sentenceStart(c.sepL) && (c.sepR === ',' || c.sepR === ';')) {
      return { start: tokens[k - 1]!.end, end: skipSpaces(text, c.sepRAt + 1), replacement: `${g.colon} ` };
    }
    return removeClause(text, tokens, c, g, false);
  }

  if (j === c.first && fl + 1 === c.last) return removeClause(text, tokens, c, g, isValue);
  // "4111 … (exp 12/27)": what follows is only a parenthesis about the wording.
  if (j === c.first && /^\s*\([^()]*\)$/.test(text.slice(tokens[fl]!.end, c.end))) return removeClause(text, tokens, c, g, isValue);
  // "Séropositif selon son frère," "Chômeur depuis un an,": the complement goes with the wording.
  if (j === c.first && g.fillers.has(next)) return removeClause(text, tokens, c, g, false);

  // Detector spans may end on punctuation ("mdp: x9!"): never remove less than the wording.
  let start = Math.min(from, tokens[j]!.start);
  let end = Math.max(to, tokens[fl]!.end);
  // Coordination: "diabétique et cardiaque" loses its "et" with either word.
  if (j - 1 > c.first && g.conjunctions.has(key(text, tokens[j - 1]))) start = tokens[j - 1]!.start;
  else if (fl + 2 < c.last && g.conjunctions.has(next)) end = tokens[fl + 2]!.start;
  return spacedRemoval(text, start, end, c);
}

/** Removes words inside a clause that keeps other words: one space or separator stays. */
function spacedRemoval(text: string, start: number, end: number, c: Clause): Fix {
  let s = start;
  let e = end;
  if (start <= c.start) {
    // The clause's first words: take the spaces after; capitalise when it starts a sentence.
    e = skipSpaces(text, e);
    return removal(text, s, e);
  }
  while (s > 0 && isSpace(text[s - 1])) s--;
  // Between two words, one space must stay: give back the one after.
  if (e < text.length && !isSpace(text[e]) && !separatorAt(text, e) && !/["»'’]/.test(text[e]!)) s = Math.min(start, s + 1);
  return { start: s, end: e, replacement: '' };
}
