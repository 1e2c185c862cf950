/**
 * The compact JSON encoding of a compiled pack (format 3), for files and downloads. The
 * phrases and cancels were 80 % of the pack: each a JSON tuple repeating its whole key.
 * Here the keys are one front-coded string (each key says how many characters it shares
 * with the one before, then the rest), the rule numbers a string of fixed-width base-62
 * codes beside them, and the typo guard's `known` words are front-coded the same way.
 * Decoding gives back the very tuples and strings, in the same order, so whatever reads
 * a pack (the trie, the typo index, the options page) sees what it saw before.
 * Everything in memory keeps the expanded shape (compiledPackSchema decodes on parse).
 */
import type { CompiledPack } from './dictionary.ts';

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Value of a base-62 digit by char code, -1 for any other character. */
const DIGIT_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < DIGITS.length; i++) DIGIT_VALUE[DIGITS.charCodeAt(i)] = i;
const digitValue = (text: string, at: number): number => DIGIT_VALUE[text.charCodeAt(at)] ?? -1;
/** A key shares at most this many leading characters with the one before (one base-62 digit). */
const MAX_SHARED = DIGITS.length - 1;
/** Between two front-coded entries: no phrase key or folded word holds a comma. */
const SEP = ',';

/** The phrases of a compact pack: keys in pack order, each with its code (rule × 2 + plural). */
export interface CompactPhrases {
  keys: string;
  /** One code per key, `width` base-62 digits each. */
  codes: string;
  width: number;
  /** [index of the phrase, its accent-strict form] for accent-strict phrases. */
  exact?: Array<[number, string]>;
}

/** The cancels of a compact pack: keys in pack order, each with its rule number. */
export interface CompactCancels {
  keys: string;
  codes: string;
  width: number;
}

export interface CompactTypoSection {
  words: string;
  /** The `known` words (space-separated in memory), front-coded. */
  knownFrontCoded: string;
}

export type CompactPack = Omit<CompiledPack, 'format' | 'phrases' | 'unless' | 'typos'> & {
  format: 3;
  phrases: CompactPhrases;
  unless: CompactCancels;
  typos?: Partial<Record<'fr' | 'en', CompactTypoSection>>;
};

/** A malformed compact member; the schema reports it at `path`. */
export class PackEncodingError extends Error {
  constructor(readonly path: Array<string | number>, message: string) {
    super(message);
  }
}

/** `list` front-coded: "" for an empty list. */
export function frontCode(list: readonly string[]): string {
  let out = '';
  let prev = '';
  list.forEach((s, i) => {
    if (s.includes(SEP) || s === '') throw new Error(`cannot front-code ${JSON.stringify(s)}: an entry must be non-empty and hold no "${SEP}"`);
    const limit = Math.min(prev.length, s.length, MAX_SHARED);
    let shared = 0;
    while (shared < limit && s.charCodeAt(shared) === prev.charCodeAt(shared)) shared++;
    out += (i ? SEP : '') + DIGITS[shared] + s.slice(shared);
    prev = s;
  });
  return out;
}

/** The list `frontCode` wrote, or undefined when `text` is not one. */
export function frontDecode(text: string): string[] | undefined {
  if (text === '') return [];
  const out: string[] = [];
  let prev = '';
  // indexOf and substring, not split and slice: a start decodes some 150,000 keys.
  for (let at = 0; at <= text.length;) {
    let end = text.indexOf(SEP, at);
    if (end < 0) end = text.length;
    const shared = digitValue(text, at);
    if (shared < 0 || shared > prev.length || (shared === 0 && end === at + 1)) return undefined;
    const rest = text.substring(at + 1, end);
    prev = shared === 0 ? rest : prev.substring(0, shared) + rest;
    out.push(prev);
    at = end + 1;
  }
  return out;
}

function widthFor(max: number): number {
  let width = 1;
  for (let n = DIGITS.length; n <= max; n *= DIGITS.length) width++;
  return width;
}

function encodeCodes(codes: readonly number[]): { codes: string; width: number } {
  const width = widthFor(codes.reduce((m, c) => Math.max(m, c), 0));
  let out = '';
  for (let c of codes) {
    let digits = '';
    for (let k = 0; k < width; k++, c = Math.floor(c / DIGITS.length)) digits = DIGITS[c % DIGITS.length] + digits;
    out += digits;
  }
  return { codes: out, width };
}

function decodeCodes(text: string, width: number, count: number, path: Array<string | number>): number[] {
  if (!Number.isInteger(width) || width < 1 || text.length !== width * count) {
    throw new PackEncodingError(path, `must hold ${count} codes of ${width} base-62 digits`);
  }
  const out = new Array<number>(count);
  for (let i = 0, at = 0; i < count; i++) {
    let c = 0;
    for (let k = 0; k < width; k++) {
      const d = digitValue(text, at++);
      if (d < 0) throw new PackEncodingError(path, `is not base-62 at character ${at}`);
      c = c * DIGITS.length + d;
    }
    out[i] = c;
  }
  return out;
}

function decodeKeys(text: unknown, path: Array<string | number>): string[] {
  const keys = typeof text === 'string' ? frontDecode(text) : undefined;
  if (!keys) throw new PackEncodingError(path, 'is not a front-coded list of phrases');
  return keys;
}

/** The compact JSON encoding of `pack` (format 3); `decodePack` gives `pack` back. */
export function encodePack(pack: CompiledPack): CompactPack {
  const exact: Array<[number, string]> = [];
  pack.phrases.forEach((p, i) => { if (p[3] !== undefined) exact.push([i, p[3]]); });
  const phrases: CompactPhrases = {
    keys: frontCode(pack.phrases.map((p) => p[0])),
    ...encodeCodes(pack.phrases.map((p) => p[1] * 2 + p[2])),
    ...(exact.length ? { exact } : {}),
  };
  const unless: CompactCancels = { keys: frontCode(pack.unless.map((u) => u[0])), ...encodeCodes(pack.unless.map((u) => u[1])) };
  const typos = pack.typos && Object.fromEntries(Object.entries(pack.typos).map(([locale, t]) =>
    [locale, { words: t.words, knownFrontCoded: frontCode(t.known ? t.known.split(' ') : []) }]));
  // Members in the pack's own order, so the file reads like the expanded one.
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(pack)) {
    out[k] = k === 'format' ? 3 : k === 'phrases' ? phrases : k === 'unless' ? unless : k === 'typos' ? typos : v;
  }
  return out as CompactPack;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Is `raw` a pack in the compact encoding (its phrases an object, not a list of tuples)? */
export const isCompactPack = (raw: unknown): raw is Record<string, unknown> & { phrases: Record<string, unknown> } =>
  isRecord(raw) && isRecord(raw.phrases);

/**
 * The expanded pack of a compact one; throws PackEncodingError on a malformed member.
 * What it returns is still to be validated by the expanded schema.
 */
export function decodePack(raw: Record<string, unknown> & { phrases: Record<string, unknown> }): Record<string, unknown> {
  if (raw.format !== 3) throw new PackEncodingError(['format'], `compact phrases came with format 3: this pack says format ${String(raw.format)}`);
  const p = raw.phrases;
  const keys = decodeKeys(p.keys, ['phrases', 'keys']);
  const codes = decodeCodes(String(p.codes ?? ''), Number(p.width), keys.length, ['phrases', 'codes']);
  const phrases: Array<[string, number, 0 | 1] | [string, number, 0 | 1, string]> = keys.map((k, i) => [k, codes[i]! >> 1, (codes[i]! & 1) as 0 | 1]);
  if (p.exact !== undefined) {
    if (!Array.isArray(p.exact)) throw new PackEncodingError(['phrases', 'exact'], 'must be a list of [phrase index, accent-strict form]');
    p.exact.forEach((e: unknown, i) => {
      if (!Array.isArray(e) || !Number.isInteger(e[0]) || !phrases[e[0] as number] || typeof e[1] !== 'string') {
        throw new PackEncodingError(['phrases', 'exact', i], 'must be [index of a phrase, accent-strict form]');
      }
      phrases[e[0] as number]!.push(e[1]);
    });
  }
  if (!isRecord(raw.unless)) throw new PackEncodingError(['unless'], 'must be the compact cancels ({ keys, codes, width }) of a compact pack');
  const unlessKeys = decodeKeys(raw.unless.keys, ['unless', 'keys']);
  const unlessRules = decodeCodes(String(raw.unless.codes ?? ''), Number(raw.unless.width), unlessKeys.length, ['unless', 'codes']);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'phrases') out[k] = phrases;
    else if (k === 'unless') out[k] = unlessKeys.map((key, i) => [key, unlessRules[i]!]);
    else if (k === 'typos') out[k] = decodeTypos(v);
    else out[k] = v;
  }
  return out;
}

function decodeTypos(typos: unknown): unknown {
  if (!isRecord(typos)) return typos;
  return Object.fromEntries(Object.entries(typos).map(([locale, t]) => {
    if (!isRecord(t) || typeof t.knownFrontCoded !== 'string') return [locale, t];
    const known = frontDecode(t.knownFrontCoded);
    if (!known) throw new PackEncodingError(['typos', locale, 'knownFrontCoded'], 'is not a front-coded list of words');
    const { knownFrontCoded: _coded, ...rest } = t;
    return [locale, { ...rest, known: known.join(' ') }];
  }));
}
