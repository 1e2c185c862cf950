/**
 * French social security number (NIR): sex, year, month, place of birth (department +
 * commune, or 97x/98x + 2 digits overseas, or 99 + country abroad), order number, and the
 * 2-digit key 97 − (N mod 97), with Corsica's 2A → 19 and 2B → 18 for the computation.
 * Groups may be separated by spaces, dots or dashes. A failing key is not a NIR, and neither
 * is a number whose month or department INSEE never assigns. Sex is 1 or 2 as in the
 * Assurance Maladie's validator: temporary numbers (7, 8) have another structure and no key.
 */
import { NOT_AFTER_WORD, NOT_BEFORE_WORD, SEP, type DetectorHit } from './types.ts';
import { DETECTOR_WORDING } from './wording.ts';

const PLACE = `((?:\\d{2}|2[AaBb])${SEP}\\d{3}|9[78]\\d${SEP}\\d{2})`;
const NIR = new RegExp(
  `${NOT_AFTER_WORD}([12])${SEP}(\\d{2})${SEP}(\\d{2})${SEP}${PLACE}${SEP}(\\d{3})${SEP}(\\d{2})${NOT_BEFORE_WORD}`,
  'gu',
);

/**
 * The 13 characters without their key count only right after a word naming the number
 * ("n° sécu", "NIR", "INSEE", "carte vitale"): without a key any 13-digit reference would do.
 */
const BODY = `([12])${SEP}(\\d{2})${SEP}(\\d{2})${SEP}${PLACE}${SEP}(\\d{3})`;
const KEYLESS = new RegExp(
  `${NOT_AFTER_WORD}(?:nir|insee|s[ée]cu(?:rit[ée]\\s+sociale)?|carte\\s+vitale|n°\\s*ss)[^\\p{N}\\n]{0,24}?(${BODY})(?![\\p{L}\\p{N}]|${SEP}\\d)`,
  'giu',
);

export function nirKeyValid(body13: string, key: number): boolean {
  const numeric = body13.replace(/2A/i, '19').replace(/2B/i, '18');
  if (!/^\d{13}$/.test(numeric)) return false;
  return 97 - (Number(numeric) % 97) === key;
}

/**
 * Month 01–12, or the fictitious months INSEE gives when the birth month is unknown
 * (20–42, and 50–99 for numbers assigned from incomplete civil-status records).
 */
export function nirMonthPlausible(mm: string): boolean {
  const month = Number(mm);
  return (month >= 1 && month <= 12) || (month >= 20 && month <= 42) || month >= 50;
}

/**
 * Department of birth: 01–95 (20 for Corsica before 1976, 2A/2B since; 91–96 also cover
 * Algeria, Morocco and Tunisia before independence), 971–978 and 984–989 overseas, 99 abroad.
 * `place` is the 5-character department + commune field.
 */
export function nirPlacePlausible(place: string): boolean {
  const dept = place.slice(0, 2).toUpperCase();
  if (dept === '2A' || dept === '2B') return true;
  const n = Number(dept);
  if (n >= 1 && n <= 96) return true;
  if (n === 99) return true;
  const third = Number(place[2]);
  if (n === 97) return third >= 1 && third <= 8;
  if (n === 98) return third >= 4;
  return false;
}

/** Sex, month and place of a 13-character NIR body (no separators) are ones INSEE assigns. */
function bodyPlausible(s: string): boolean {
  return /^[12]\d{4}(?:\d{2}|2[AB])\d{6}$/.test(s) && nirMonthPlausible(s.slice(3, 5)) && nirPlacePlausible(s.slice(5, 10));
}

/** Decides a NIR written as 15 characters without separators. */
export function nirValid(compact: string): boolean {
  const s = compact.toUpperCase();
  return s.length === 15 && /^\d\d$/.test(s.slice(13)) && bodyPlausible(s.slice(0, 13)) && nirKeyValid(s.slice(0, 13), Number(s.slice(13)));
}

const hit = (start: number, end: number): DetectorHit => ({
  start,
  end,
  rule: 'identifier.nir',
  ...DETECTOR_WORDING['identifier.nir'],
});

const compactOf = (s: string) => s.replace(/[^0-9A-Za-z]/g, '').toUpperCase();

export function detectNir(text: string): DetectorHit[] {
  const hits: DetectorHit[] = [];
  NIR.lastIndex = 0;
  for (let m; (m = NIR.exec(text)); ) {
    if (nirValid(compactOf(m[0]))) hits.push(hit(m.index, m.index + m[0].length));
  }
  KEYLESS.lastIndex = 0;
  for (let m; (m = KEYLESS.exec(text)); ) {
    const body = m[1]!;
    if (!bodyPlausible(compactOf(body))) continue;
    const end = m.index + m[0].length;
    hits.push(hit(end - body.length, end));
  }
  return hits.sort((a, b) => a.start - b.start);
}
