/**
 * National identity numbers of other countries, each named just before it and checked by
 * its registry's own check digit: the Australian tax file number (9 digits, weights
 * 1 4 3 7 5 8 6 9 10, mod 11), the Canadian social insurance number (9 digits, Luhn, never
 * starting 0 or 8), the Indian Aadhaar number (12 digits, first 2–9, Verhoeff check) and
 * the Swiss AHV/AVS number (13 digits, 756 then an EAN-13 check digit), as python-stdnum
 * decides them (the older 8-digit TFN is left out). Keyword-led like the identity
 * documents: nine bare digits are an order number far more often.
 */
import type { DetectorHit } from './types.ts';
import { luhnValid } from './card.ts';
import { FILLER, valuesAfterKeyword } from './keyword-led.ts';

const SEP = '[ \\u00a0.-]?';
const digits = (n: number) => Array.from({ length: n }, () => '\\d').join(SEP);

interface NationalId { keyword: string; length: number; valid: (d: string) => boolean }

/** Australian TFN: the weighted sum of the nine digits is a multiple of 11. */
export function tfnValid(d: string): boolean {
  const w = [1, 4, 3, 7, 5, 8, 6, 9, 10];
  return d.length === 9 && w.reduce((s, x, i) => s + x * Number(d[i]), 0) % 11 === 0;
}

/** Canadian SIN: Luhn over the nine digits; 0 and 8 are never issued as the first digit. */
export function sinValid(d: string): boolean {
  return d.length === 9 && d[0] !== '0' && d[0] !== '8' && luhnValid(d);
}

// Verhoeff's dihedral group tables (multiplication, permutation).
const D = ['0123456789', '1234067895', '2340178956', '3401289567', '4012395678', '5987604321', '6598710432', '7659821043', '8765932104', '9876543210'].map((r) => [...r].map(Number));
const P = ['0123456789', '1576283094', '5803796142', '8916043527', '9453126870', '4286573901', '2793806415', '7046913258'].map((r) => [...r].map(Number));

/** Verhoeff check over the whole number (its last digit the check digit). */
export function verhoeffValid(d: string): boolean {
  let c = 0;
  for (let i = 0; i < d.length; i++) c = D[c]![P[i % 8]![Number(d[d.length - 1 - i])]!]!;
  return c === 0;
}

/** Indian Aadhaar: twelve digits, the first 2–9, not a palindrome, Verhoeff-valid. */
export function aadhaarValid(d: string): boolean {
  return /^[2-9]\d{11}$/.test(d) && d !== [...d].reverse().join('') && verhoeffValid(d);
}

/** Swiss AHV/AVS: 756, then nine digits and an EAN-13 check digit. */
export function ahvValid(d: string): boolean {
  if (!/^756\d{10}$/.test(d)) return false;
  const sum = [...d.slice(0, 12)].reduce((s, x, i) => s + Number(x) * (i % 2 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === Number(d[12]);
}

const IDS: NationalId[] = [
  { keyword: String.raw`tfn|tax\s+file\s+(?:number|no\.?)`, length: 9, valid: tfnValid },
  { keyword: String.raw`sin|social\s+insurance\s+(?:number|no\.?)|nas|num[ée]ro\s+d['’]assurance\s+sociale`, length: 9, valid: sinValid },
  { keyword: String.raw`aadhaa?r|uid(?:ai)?`, length: 12, valid: aadhaarValid },
  { keyword: String.raw`ahv|avs|ahv-nr\.?|no\s+avs|n°\s*avs|num[ée]ro\s+avs`, length: 13, valid: ahvValid },
];

const PATTERNS = IDS.map((id) => ({
  ...id,
  re: new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${id.keyword})${FILLER}(?<value>${digits(id.length)})(?![\p{L}\p{N}]|[ .-]\d)`, 'giu'),
}));

export function detectNationalIds(text: string): DetectorHit[] {
  return PATTERNS.flatMap(({ re, valid }) => valuesAfterKeyword(text, re, (v) => valid(v.replace(/\D/g, '')), 'identifier.national-id'));
}
