/**
 * Payment card numbers: an ISO/IEC 7812 issuer range with one of that network's lengths, and
 * a valid Luhn checksum; spaces, dots or dashes between groups. A run of groups longer than a
 * card (a 20-digit reference in fours) is one number, not a card followed by digits; a SIRET
 * (Luhn-valid by design, 14 digits like a Diners card) written as a SIRET is not a card.
 */
import { CARD_ISSUERS } from './card-issuers.ts';
import { type DetectorHit } from './types.ts';
import { DETECTOR_WORDING } from './wording.ts';

/** Digit groups joined by single separators, not glued to letters or digits. */
const RUN = /(?<![\p{L}\p{N}])\d+(?:[ \u00a0\u202f.\-]\d+)*(?![\p{L}\p{N}])/gu;
// The label may stand a few words before the number in the same sentence ("SIRET à jour sur la fiche : …").
const SIRET_CONTEXT = /\bsir[eè][nt]\b[^\d.;!?\n]{0,40}$/i;
// A number named right before as another code is that code, even when Luhn-valid and in an
// issuer range: "EAN 5901234123457", "IMEI: 356938035643809", "ICCID 8944…", "tracking no 4…".
const OTHER_CODE = /(?<![\p{L}\p{N}])(?:ean(?:-?13|-?8)?|gtin(?:-?1[34])?|upc|isbn(?:-?1[03])?|imei|imsi|meid|iccid|sku|bar\s?codes?|code[-\s]barres?|tracking|serial|s\/n|n°\s*de\s*s[ée]rie)(?:\s*(?:no|nr|number|num|n°|#)\.?)?\s*[:#=]?\s*$/iu;

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
  ...DETECTOR_WORDING['identifier.card'],
});

/**
 * Cards inside a run of digit groups. A card is the whole run, or a stretch that starts and ends
 * where the layout changes (another group size or another separator: an expiry, a phone, the
 * next card); a run of equal groups with one separator (a 20-digit reference) is one number.
 */
function cardsInRun(text: string, start: number, run: string): Array<[number, number]> {
  const groups: Array<[number, number]> = [];
  for (const g of run.matchAll(/\d+/g)) groups.push([g.index, g.index + g[0].length]);
  const last = groups.length - 1;
  const size = (k: number) => groups[k]![1] - groups[k]![0];
  const sepAfter = (k: number) => run[groups[k]![1]];
  const boundaryAfter = (k: number): boolean =>
    k === last || size(k) !== size(k + 1) ||
    (k > 0 && sepAfter(k) !== sepAfter(k - 1)) || (k + 1 < last && sepAfter(k) !== sepAfter(k + 1));
  const accept = (a: number, b: number): boolean => {
    const written = run.slice(groups[a]![0], groups[b]![1]);
    const digits = written.replace(/\D/g, '');
    if (!cardNumberValid(digits)) return false;
    const before = text.slice(Math.max(0, start + groups[a]![0] - 48), start + groups[a]![0]);
    if (OTHER_CODE.test(before)) return false;
    return !(digits.length === 14 && (SIRET_LAYOUT.test(written) || SIRET_CONTEXT.test(before)));
  };
  const found: Array<[number, number]> = [];
  let a = 0;
  while (a <= last) {
    let b = last;
    while (b >= a && !(boundaryAfter(b) && accept(a, b))) b--;
    if (b >= a) { found.push([groups[a]![0], groups[b]![1]]); a = b + 1; continue; }
    // No card starts here: move to the group after the next layout change.
    while (a <= last && !boundaryAfter(a)) a++;
    a++;
  }
  return found;
}

export function detectCards(text: string): DetectorHit[] {
  const hits: DetectorHit[] = [];
  RUN.lastIndex = 0;
  for (let m; (m = RUN.exec(text)); ) {
    const digitCount = m[0].length; // upper bound; most runs are short and skipped here
    if (digitCount < 13) continue;
    for (const [s, e] of cardsInRun(text, m.index, m[0])) hits.push(hit(m.index + s, m.index + e));
  }
  return hits;
}
