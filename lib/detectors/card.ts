/**
 * Payment card numbers: an issuer prefix with that issuer's lengths, and a valid
 * Luhn checksum; spaces, dots or dashes between groups. A failing Luhn is not a
 * card, and neither is a 14-digit SIRET (Luhn-valid by design, but no issuer
 * prefix allows 14 digits except Diners 300–305/36/38/39).
 */
import { type DetectorHit } from './types.ts';

const CANDIDATE = /(?<![\p{L}\p{N}])\d(?:[ \u00a0\u202f.\-]?\d){12,18}(?![\p{L}\p{N}])/gu;

/** [prefix pattern, allowed lengths] per issuer (ISO/IEC 7812 ranges in common use). */
const ISSUERS: Array<[RegExp, number[]]> = [
  [/^4/, [13, 16, 19]], // Visa
  [/^(?:5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720))/, [16]], // Mastercard
  [/^3[47]/, [15]], // American Express
  [/^(?:30[0-5]|36|38|39)/, [14, 16, 19]], // Diners Club
  [/^(?:6011|64[4-9]|65)/, [16, 17, 18, 19]], // Discover
  [/^35(?:2[89]|[3-8]\d)/, [16, 17, 18, 19]], // JCB
  [/^62/, [16, 17, 18, 19]], // UnionPay
];

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

export function issuerAccepts(digits: string): boolean {
  return ISSUERS.some(([prefix, lengths]) => prefix.test(digits) && lengths.includes(digits.length));
}

export function detectCards(text: string): DetectorHit[] {
  const hits: DetectorHit[] = [];
  CANDIDATE.lastIndex = 0;
  for (let m; (m = CANDIDATE.exec(text)); ) {
    const digits = m[0].replace(/\D/g, '');
    if (!issuerAccepts(digits) || !luhnValid(digits)) continue;
    if (/^(\d)\1+$/.test(digits)) continue; // 0000… or 4444… is a placeholder, not a card
    hits.push({
      start: m.index,
      end: m.index + m[0].length,
      rule: 'identifier.card',
      message: {
        fr: 'Un numéro de carte bancaire ne doit jamais figurer dans une note (PCI DSS).',
        en: 'A payment card number must never sit in a note (PCI DSS).',
      },
      source: 'RGPD art. 32 ; PCI DSS 3.4',
    });
  }
  return hits;
}
