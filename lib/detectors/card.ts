/**
 * Payment card numbers: 13–19 digits with a known issuer prefix and a valid
 * Luhn checksum; spaces, dots or dashes between groups. A failing Luhn is not a card.
 */
import { type DetectorHit } from './types.ts';

const CANDIDATE = /(?<![\p{L}\p{N}])\d(?:[ \u00a0\u202f.\-]?\d){12,18}(?![\p{L}\p{N}])/gu;
const ISSUER = /^(?:4|5[1-5]|2[2-7]|3[47]|3[0689]|35|6)/;

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

export function detectCards(text: string): DetectorHit[] {
  const hits: DetectorHit[] = [];
  CANDIDATE.lastIndex = 0;
  for (let m; (m = CANDIDATE.exec(text)); ) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length < 13 || digits.length > 19 || !ISSUER.test(digits) || !luhnValid(digits)) continue;
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
