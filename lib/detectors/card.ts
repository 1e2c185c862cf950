/**
 * Payment card numbers: an ISO/IEC 7812 issuer range with one of that network's lengths, and
 * a valid Luhn checksum; spaces, dots or dashes between groups. A run of groups longer than a
 * card (a 20-digit reference in fours) is one number, not a card followed by digits; a SIRET
 * (Luhn-valid by design, 14 digits like a Diners card) written as a SIRET is not a card.
 */
import { CARD_ISSUERS } from './card-issuers.ts';
import { type DetectorHit } from './types.ts';

/** Digit groups joined by single separators, not glued to letters or digits. */
const RUN = /(?<![\p{L}\p{N}])\d+(?:[ \u00a0\u202f.\-]\d+)*(?![\p{L}\p{N}])/gu;
const SIRET_CONTEXT = /\bsir[eè][nt]\b[^\d]{0,12}$/i;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

const inRange = (digits: string, range: string): boolean => {
  const dash = range.indexOf('-');
  if (dash < 0) return digits.startsWith(range);
  const lo = range.slice(0, dash);
  const head = digits.slice(0, lo.length);
  return head.length === lo.length && head >= lo && head <= range.slice(dash + 1);
};

/** The network whose range and lengths admit these digits, if any. */
export function cardIssuer(digits: string): string | undefined {
  return CARD_ISSUERS.find((i) => i.lengths.includes(digits.length) && i.ranges.some((r) => inRange(digits, r)))?.name;
}

export function issuerAccepts(digits: string): boolean {
  return cardIssuer(digits) !== undefined;
}

/** Issuer, length and Luhn; a repeated digit (0000…, 4444…) is a placeholder, not a card. */
export function cardNumberValid(digits: string): boolean {
  return /^\d+$/.test(digits) && issuerAccepts(digits) && luhnValid(digits) && !/^(\d)\1+$/.test(digits);
}

/** 14 digits written 3-3-3-5 or 9-5 are a SIRET's official layout, never a card's. */
const SIRET_LAYOUT = /^(?:\d{3}\D\d{3}\D\d{3}\D\d{5}|\d{9}\D\d{5})$/;

const hit = (start: number, end: number): DetectorHit => ({
  start,
  end,
  rule: 'identifier.card',
  message: {
    fr: 'Un numéro de carte bancaire ne doit jamais figurer dans une note (PCI DSS).',
    en: 'A payment card number must never sit in a note (PCI DSS).',
  },
  source: 'RGPD art. 32 ; PCI DSS 3.4',
});

/** The card inside a run of groups: the whole run, or leading/trailing groups when the rest is grouped differently (an expiry, a phone). */
function cardInRun(text: string, start: number, run: string): [number, number] | undefined {
  const groups: Array<[number, number]> = [];
  for (const g of run.matchAll(/\d+/g)) groups.push([g.index, g.index + g[0].length]);
  const digitsOf = (a: number, b: number) => run.slice(groups[a]![0], groups[b]![1]).replace(/\D/g, '');
  const accept = (a: number, b: number): boolean => {
    const digits = digitsOf(a, b);
    if (!cardNumberValid(digits)) return false;
    const written = run.slice(groups[a]![0], groups[b]![1]);
    if (digits.length === 14 && (SIRET_LAYOUT.test(written) || SIRET_CONTEXT.test(text.slice(Math.max(0, start - 24), start + groups[a]![0])))) return false;
    return true;
  };
  const last = groups.length - 1;
  if (accept(0, last)) return [groups[0]![0], groups[last]![1]];
  const len = (k: number) => groups[k]![1] - groups[k]![0];
  for (let b = last - 1; b >= 0; b--) {
    if (len(b + 1) !== len(b) && accept(0, b)) return [groups[0]![0], groups[b]![1]];
  }
  for (let a = 1; a <= last; a++) {
    if (len(a - 1) !== len(a) && accept(a, last)) return [groups[a]![0], groups[last]![1]];
  }
  return undefined;
}

export function detectCards(text: string): DetectorHit[] {
  const hits: DetectorHit[] = [];
  RUN.lastIndex = 0;
  for (let m; (m = RUN.exec(text)); ) {
    const digitCount = m[0].length; // upper bound; most runs are short and skipped here
    if (digitCount < 13) continue;
    const found = cardInRun(text, m.index, m[0]);
    if (found) hits.push(hit(m.index + found[0], m.index + found[1]));
  }
  return hits;
}
