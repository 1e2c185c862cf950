/**
 * IBAN: country code, 2 check digits, BBAN of the country's length; valid when
 * the rearranged number mod 97 = 1. Groups may be separated by spaces, dots or dashes.
 */
import { NOT_AFTER_WORD, type DetectorHit } from './types.ts';

/** IBAN lengths per country (ISO 13616 registry, the countries French CRMs meet). */
export const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, DZ: 26, EE: 20, ES: 24,
  FI: 18, FR: 27, GB: 22, GR: 27, HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21, LT: 20, LU: 20, LV: 21,
  MA: 28, MC: 27, MT: 31, NL: 18, NO: 15, PL: 28, PT: 25, RO: 24, SE: 24, SI: 19, SK: 24, SM: 27, TN: 24,
  TR: 26, UA: 29, SN: 28, CI: 28, CM: 27, RE: 27, GP: 27, MQ: 27, NC: 27, PF: 27,
};

const START = new RegExp(`${NOT_AFTER_WORD}([A-Za-z]{2})(\\d{2})`, 'gu');
const SEPARATOR = /[ \u00a0\u202f.\-]/;
const ALNUM = /[A-Za-z0-9]/;

export function ibanChecksumValid(iban: string): boolean {
  const s = iban.toUpperCase();
  const rearranged = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const v = code >= 65 && code <= 90 ? String(code - 55) : ch;
    for (const d of v) rem = (rem * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return rem === 1;
}

export function detectIban(text: string): DetectorHit[] {
  const hits: DetectorHit[] = [];
  START.lastIndex = 0;
  for (let m; (m = START.exec(text)); ) {
    const country = m[1]!.toUpperCase();
    const length = IBAN_LENGTHS[country];
    if (!length) continue;
    let compact = country + m[2];
    let i = m.index + m[0].length;
    // Read BBAN characters, allowing one separator between them, up to the country's length.
    while (compact.length < length && i < text.length) {
      const ch = text[i]!;
      if (ALNUM.test(ch)) { compact += ch; i++; continue; }
      if (SEPARATOR.test(ch) && i + 1 < text.length && ALNUM.test(text[i + 1]!)) { i++; continue; }
      break;
    }
    if (compact.length !== length) continue;
    if (i < text.length && ALNUM.test(text[i]!)) continue; // longer than an IBAN of that country
    if (!ibanChecksumValid(compact)) continue;
    hits.push({
      start: m.index,
      end: i,
      rule: 'identifier.iban',
      message: {
        fr: 'Un IBAN ne doit pas figurer dans une note : saisissez-le dans le champ bancaire protégé.',
        en: 'An IBAN must not sit in a note: enter it in the protected bank details field.',
      },
      source: 'RGPD art. 32 (sécurité des données)',
    });
    START.lastIndex = i;
  }
  return hits;
}
