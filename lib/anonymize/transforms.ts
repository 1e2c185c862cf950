/**
 * The substitutions of an anonymization profile, as pure functions of one cell.
 * They return `undefined` when the value cannot be converted (the caller names
 * the line and column, never the value: it is personal data).
 */
import { createHmac } from 'node:crypto';

/** French and English number spellings: "45 000", "45 000,50 €", "1.234,5", "1,234.5", "45000". */
const PLAIN_NUMBER = /^-?\d{1,15}(\.\d+)?$/;

export function parseNumber(raw: string): number | undefined {
  if (PLAIN_NUMBER.test(raw)) return Number(raw);
  let s = raw.trim().replace(/[\s\u00a0\u202f']/g, '');
  s = s.replace(/^(€|eur|\$)/i, '').replace(/(€|eur|euros?|\$)$/i, '');
  if (!s) return undefined;
  const comma = s.lastIndexOf(',');
  const dot = s.lastIndexOf('.');
  if (comma >= 0 && dot >= 0) {
    s = comma > dot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (comma >= 0) {
    s = /^-?\d{1,3}(,\d{3}){2,}$/.test(s) ? s.replace(/,/g, '') : s.replace(',', '.');
  } else if (dot >= 0 && /^-?\d{1,3}(\.\d{3}){2,}$/.test(s)) {
    s = s.replace(/\./g, '');
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : String(Number(n.toFixed(6))));

/** A compiled band label: width 20000, "{min}-{max}" → 45000 ↦ "40000-60000". */
export function bandLabeller(width: number, origin = 0, label = '{min}-{max}', divide = 1): (value: number) => string {
  const parts = label.split(/(\{(?:min|max|last)\})/);
  const cache = new Map<number, string>();
  return (value) => {
    const i = Math.floor((value - origin) / width + 1e-9);
    let out = cache.get(i);
    if (out !== undefined) return out;
    const min = origin + i * width;
    const max = min + width;
    out = '';
    for (const p of parts) out += p === '{min}' ? fmt(min / divide) : p === '{max}' ? fmt(max / divide) : p === '{last}' ? fmt((max - 1) / divide) : p;
    if (cache.size < 10_000) cache.set(i, out);
    return out;
  };
}

/** The band label of a number: width 20000, "{min}-{max}" → "40000-60000". */
export function band(value: number, width: number, origin = 0, label = '{min}-{max}', divide = 1): string {
  return bandLabeller(width, origin, label, divide)(value);
}

const inRange = (y: number) => y >= 1800 && y <= 2200;

/**
 * The year of a date: ISO (1985-03-14, with or without time), French or US
 * day/month order (14/03/1985, 03/14/1985, 14.03.1985: the year is last either
 * way), 1985/03/14, or a bare year. Two-digit years are refused (ambiguous).
 */
export function yearOf(raw: string): number | undefined {
  const s = raw.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])/.exec(s);
  if (m) return inRange(+m[1]!) && +m[2]! >= 1 && +m[2]! <= 12 && +m[3]! >= 1 && +m[3]! <= 31 ? +m[1]! : undefined;
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:$|[T\s])/.exec(s);
  if (m) {
    const a = +m[1]!;
    const b = +m[2]!;
    const ok = a >= 1 && b >= 1 && ((a <= 31 && b <= 12) || (a <= 12 && b <= 31));
    return ok && inRange(+m[3]!) ? +m[3]! : undefined;
  }
  m = /^(\d{4})(?:-(\d{1,2}))?$/.exec(s);
  if (m && inRange(+m[1]!) && (!m[2] || (+m[2] >= 1 && +m[2] <= 12))) return +m[1]!;
  return undefined;
}

export function yearLabel(year: number, width: number): string {
  if (width <= 1) return String(year);
  const a = Math.floor(year / width) * width;
  return `${a}-${a + width - 1}`;
}

/** A count → yes/no; negative or fractional counts are invalid. */
export function countToBoolean(raw: string, yes: string, no: string): string | undefined {
  const n = parseNumber(raw);
  if (n === undefined || n < 0 || !Number.isInteger(n)) return undefined;
  return n > 0 ? yes : no;
}

const POSTAL = /(?<![\dA-Za-z])((?:0[1-9]|[1-8]\d|9[0-8])\d{3})(?!\d)/g;

/**
 * The French postal code of an address: the last 5-digit group that is a
 * valid code (street numbers come first: "12 rue X, 75002 Paris" → "75002").
 * `digits` 2 gives the département (Corsica 2A/2B, overseas 971–976 in full),
 * 3 the first three digits.
 */
export function postalCode(address: string, digits: 2 | 3 | 5 = 5): string | undefined {
  let last: string | undefined;
  for (const m of address.matchAll(POSTAL)) last = m[1];
  if (!last) return undefined;
  if (digits === 5) return last;
  if (digits === 3) return last.slice(0, 3);
  if (last.startsWith('97') || last.startsWith('98')) return last.slice(0, 3);
  if (last.startsWith('20')) return +last < 20200 ? '2A' : '2B';
  return last.slice(0, 2);
}

export type Normalize = 'none' | 'trim' | 'lower';

/**
 * Keyed pseudonym: HMAC-SHA256(key, value) in hex, truncated. The same value
 * gets the same pseudonym in every export made with the same key; without the
 * key it cannot be recomputed from a list of candidate names or e-mails.
 */
export function pseudonym(value: string, key: Buffer, length = 16, prefix = '', normalize: Normalize = 'lower'): string {
  const v = normalize === 'none' ? value : normalize === 'trim' ? value.trim() : value.trim().toLowerCase();
  if (!v) return '';
  return prefix + createHmac('sha256', key).update(v, 'utf8').digest('hex').slice(0, length);
}
