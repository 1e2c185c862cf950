/**
 * Tokenizer with exact UTF-16 offsets into the original text.
 * Words are runs of letters, digits and combining marks (Unicode-aware: JS `\b`
 * is ASCII-only). French elisions (l' d' qu' …, with ' or ’) become their own
 * token; other inner apostrophes stay inside the word (aujourd'hui, don't),
 * except the English possessive 's, split off so "customer's" matches "customer".
 */
import { fold } from './fold.ts';

/** How a token is separated from the previous one. */
export const enum Gap {
  /** Nothing in between (after an elision). */
  None = 0,
  /** Spaces, tabs or one hyphen: a phrase may continue across it. */
  Soft = 1,
  /** Punctuation, line break, or start of text: a phrase stops here. */
  Hard = 2,
  /** A sentence ends in between (. ! ? ; or a line break): context windows stop here too. */
  Sentence = 3,
}

export interface Token {
  start: number;
  end: number;
  /** Folded form used for lookup. */
  norm: string;
  gap: Gap;
}

// Soft hyphens and zero-width characters (pasted from Word or the web) stay inside
// the word they split; fold() drops them, so "con\u00adseil" is "conseil", not "con".
// Asterisks between two letters stay inside the word too: reps mask profanity ("a**hole",
// "b*tch") and the dictionary lists those masked spellings; "**bold**" and "5*3" still split.
const WORD_PART = '[\\p{L}\\p{N}\\p{M}](?:[\\p{L}\\p{N}\\p{M}\\u00ad\\u200b-\\u200d\\u2060]*[\\p{L}\\p{N}\\p{M}])?';
const WORD = new RegExp(`${WORD_PART}(?:(?<=\\p{L})\\*{1,4}(?=\\p{L})${WORD_PART})*`, 'gu');
const ELISIONS = new Set(['l', 'd', 'j', 'n', 's', 'c', 'm', 't', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu']);
const LETTER = /\p{L}/u;
const SOFT_GAP = /^[ \t\u00a0\u202f]*(?:[-‐‑][ \t\u00a0\u202f]*)?$/;
const SENTENCE_END = /[!?;\n\r\u2026]/;

/** ' ’ ʼ — compared by code: this runs once per word on the keystroke path. */
const isApostrophe = (code: number) => code === 39 || code === 0x2019 || code === 0x2bc;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let prevEnd = -1;
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  let pendingJoinStart = -1; // start of a word continuing across an inner apostrophe
  while ((m = WORD.exec(text)) !== null) {
    let start = m.index;
    const end = start + m[0].length;
    if (pendingJoinStart >= 0) {
      start = pendingJoinStart;
      pendingJoinStart = -1;
    }
    if (end - start === 1 && end < n) {
      const joined = shorthandEnd(text, start, end);
      if (joined > 0) {
        const norm = text.charCodeAt(end) === 47 ? (joined - end === 2 ? 'without' : 'with') : fold(text.slice(start, joined).replace(/\./g, ''));
        tokens.push({ start, end: joined, norm, gap: gapBetween(text, prevEnd, start) });
        prevEnd = joined;
        WORD.lastIndex = joined;
        continue;
      }
    }
    if (end >= n || !isApostrophe(text.charCodeAt(end))) {
      pushToken(tokens, text, start, end, prevEnd);
      prevEnd = end;
      continue;
    }
    // The word is followed by an apostrophe: elision, inner apostrophe or possessive.
    const elision = ELISIONS.has(fold(text.slice(start, end)));
    const letterAfter = end + 1 < n && LETTER.test(text[end + 1]!);
    if (elision) {
      // "d'" is a token of its own; the next word follows with no gap. An elision
      // before a space or the end ("l' entreprise", a phrase ending in "l'") is one too.
      pushToken(tokens, text, start, end + 1, prevEnd);
      prevEnd = end + 1;
      WORD.lastIndex = end + 1;
      continue;
    }
    if (!letterAfter) {
      pushToken(tokens, text, start, end, prevEnd);
      prevEnd = end;
      continue;
    }
    const possessive = (text.charCodeAt(end + 1) | 32) === 115 && (end + 2 >= n || !/[\p{L}\p{N}]/u.test(text[end + 2]!));
    if (!possessive) {
      // Inner apostrophe (aujourd'hui, don't): keep reading the same word.
      pendingJoinStart = start;
      WORD.lastIndex = end + 1;
      continue;
    }
    // English possessive: word, then "'s".
    pushToken(tokens, text, start, end, prevEnd);
    pushToken(tokens, text, end, end + 2, end);
    prevEnd = end + 2;
    WORD.lastIndex = end + 2;
  }
  return tokens;
}

// Hurried shorthand read as one word: single letters joined by dots ("B.O.", "D.U.I.") are
// the acronym without its dots, so "reeks of B.O." matches "reeks of BO"; the last dot stays
// outside, where it may still end the sentence. "w/" and "w/o" are "with" and "without"
// ("walks w/ a cane"). "M.Dupont" and "site.fr" are not shorthand: a letter follows.
const DOTTED = /(?:\p{L}\.)+\p{L}(?![\p{L}\p{N}])/uy;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Where a one-letter word's shorthand ends (after "B.O" or "w/" or "w/o"), or 0 when it is none. */
function shorthandEnd(text: string, start: number, end: number): number {
  const next = text.charCodeAt(end);
  if (next === 46) {
    DOTTED.lastIndex = start;
    return DOTTED.test(text) ? DOTTED.lastIndex : 0;
  }
  if (next !== 47 || (text.charCodeAt(start) | 32) !== 119) return 0;
  // "w/o" is "without" unless a letter or digit follows the o ("w/other" stays "w/" + "other").
  if ((text.charCodeAt(end + 1) | 32) === 111 && !LETTER_OR_DIGIT.test(text.charAt(end + 2))) return end + 2;
  // "w/" then a space or a word ("w/cane"); "w/2" and "km/h"-like units are left alone.
  const after = text.charAt(end + 1);
  return after === '' || !/\p{N}/u.test(after) ? end + 1 : 0;
}

function gapBetween(text: string, prevEnd: number, start: number): Gap {
  if (prevEnd < 0) return Gap.Sentence;
  if (prevEnd === start) return Gap.None;
  // Fast path: one plain space, by far the most common separator.
  if (start - prevEnd === 1 && text.charCodeAt(prevEnd) === 32) return Gap.Soft;
  const between = text.slice(prevEnd, start);
  if (SOFT_GAP.test(between)) return Gap.Soft;
  // "the nurses' union": the apostrophe of a plural possessive does not stop a phrase.
  if (isApostrophe(between.charCodeAt(0)) && (text.charCodeAt(prevEnd - 1) | 32) === 115 && between.length > 1 && SOFT_GAP.test(between.slice(1))) return Gap.Soft;
  // "M. Wang", "Mme. Diallo": the dot of a civility title is part of the name, like "Mr Wang".
  if (TITLE_DOT.test(between) && TITLE_BEFORE.test(text.slice(Math.max(0, prevEnd - 5), prevEnd))) return Gap.Soft;
  // "3.5", "M.Dupont", "site.fr": a dot with no space after is not the end of a sentence.
  return SENTENCE_END.test(between) || /\.\s/.test(between) ? Gap.Sentence : Gap.Hard;
}

const TITLE_DOT = /^\.[ \t\u00a0]+$/;
/** A capitalised civility title ending right before the dot, as its own word. */
const TITLE_BEFORE = /(?:^|[^\p{L}\p{N}])(?:M|Mr|Mme|Mlle|Mrs|Ms|Dr|Pr|Me)$/u;

function pushToken(tokens: Token[], text: string, start: number, end: number, prevEnd: number): void {
  tokens.push({ start, end, norm: fold(text.slice(start, end)), gap: gapBetween(text, prevEnd, start) });
}

/** Folded tokens of a dictionary phrase, joined by one space: the key the matcher looks up. */
export function phraseKey(phrase: string): string {
  const rest = afterContraction(phrase);
  if (rest !== undefined) return rest ? `'s ${phraseKey(rest)}` : "'s";
  return tokenize(phrase).map((t) => t.norm).join(' ');
}

// A phrase may open with the English "'s" of any noun before it ("'s Turkish" for "Client's
// Turkish"); alone, tokenize() would read it as the word "s".
const OPENING_CONTRACTION = /^['’]s(?:\s+|$)/i;

/** The rest of a phrase that opens with "'s" ('' when it is all of it); undefined otherwise. */
function afterContraction(phrase: string): string | undefined {
  const m = OPENING_CONTRACTION.exec(phrase);
  return m ? phrase.slice(m[0].length) : undefined;
}

/**
 * The keys of a phrase from one tokenization (the compiler needs them for every form):
 * `key` as phraseKey, `accent` the accent-strict key (accentKey of each token), `cased` its tokens as written (capitals
 * and accents kept, NFC), the words a typo note shows.
 */
export function phraseKeys(phrase: string): { key: string; accent: string; cased: string } {
  const rest = afterContraction(phrase);
  if (rest !== undefined) {
    if (!rest) return { key: "'s", accent: "'s", cased: "'s" };
    const k = phraseKeys(rest);
    return { key: `'s ${k.key}`, accent: `'s ${k.accent}`, cased: `'s ${k.cased}` };
  }
  const tokens = tokenize(phrase);
  let key = '';
  let accent = '';
  let cased = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const word = phrase.slice(t.start, t.end);
    const sep = i ? ' ' : '';
    key += sep + t.norm;
    accent += sep + accentKey(word);
    cased += sep + word.normalize('NFC');
  }
  return { key, accent, cased };
}

// The rewrite engine asks for the accent key of the same few words again and again.
const accentKeys = new Map<string, string>();
const ACCENT_CACHE_LIMIT = 20_000;
// Plain ASCII other than the backtick only needs lower-casing.
const NEEDS_ACCENT_KEY = /[^\x00-\x5f\x61-\x7f]/;

/** Lower case with accents kept (NFC, ’ → '): what accent-strict entries compare. */
export function accentKey(word: string): string {
  if (!NEEDS_ACCENT_KEY.test(word)) return word.toLowerCase();
  let key = accentKeys.get(word);
  if (key === undefined) {
    key = word.normalize('NFC').toLowerCase().replace(/[’ʼ‘`´]/g, "'").replace(/[\u00ad\u200b-\u200d\u2060]/g, '');
    if (accentKeys.size >= ACCENT_CACHE_LIMIT) accentKeys.clear();
    accentKeys.set(word, key);
  }
  return key;
}
