/**
 * IBAN: country code, check digits 02–98, then the BBAN of that country's registry structure
 * (length and per-position class), valid when mod 97 of the rearranged number is 1 and the
 * country's national check digits (where defined) hold. Groups may be split by spaces, dots or
 * dashes anywhere, including between country code and check digits ("FR 76 3000 …").
 * A number whose only fault is the national check digits still counts when the note labels it
 * as a bank account just before ("IBAN portugais PT09 …", "compte belge BE95 …"): a rep who
 * mistypes one digit of a labelled IBAN has still written someone's bank details.
 */
import { IBAN_OUTSIDE_REGISTRY, IBAN_REGISTRY, IBAN_TERRITORIES } from './iban-registry.ts';
import { mod97Alnum, nationalCheckValid } from './iban-national.ts';
import { NOT_AFTER_WORD, type DetectorHit } from './types.ts';
import { DETECTOR_WORDING } from './wording.ts';

interface IbanSpec {
  /** One class letter per BBAN position: n digit, a letter, c letter or digit. */
  classes: string;
  /** Country whose national check applies (the parent for a territory). */
  checkAs: string;
}

/** "4!n2!a" → "nnnnaa". */
function expand(structure: string): string {
  return structure.replace(/(\d+)!([nac])/g, (_, n: string, cls: string) => cls.repeat(Number(n)));
}

const SPECS = new Map<string, IbanSpec>();
for (const [cc, s] of Object.entries(IBAN_OUTSIDE_REGISTRY)) SPECS.set(cc, { classes: expand(s), checkAs: cc });
for (const [cc, s] of Object.entries(IBAN_REGISTRY)) SPECS.set(cc, { classes: expand(s), checkAs: cc });
for (const [cc, parent] of Object.entries(IBAN_TERRITORIES)) SPECS.set(cc, { classes: expand(IBAN_REGISTRY[parent]!), checkAs: parent });

/** IBAN length per country (country code and check digits included). */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = Object.fromEntries(
  [...SPECS].map(([cc, s]) => [cc, s.classes.length + 4]),
);

const SEPARATOR = '[ \\u00a0\\u202f.\\-]';
const START = new RegExp(`${NOT_AFTER_WORD}([A-Za-z]{2})${SEPARATOR}?(\\d{2})`, 'gu');
const IS_SEPARATOR = new RegExp(`^${SEPARATOR}$`);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const fits = (c: number, cls: string): boolean =>
  cls === 'n' ? isDigit(c) : cls === 'a' ? isLetter(c) : isDigit(c) || isLetter(c);

/** Mod 97 over the rearranged IBAN (BBAN, country, check digits) is 1. */
export function ibanChecksumValid(iban: string): boolean {
  const s = iban.toUpperCase();
  return mod97Alnum(s.slice(4) + s.slice(0, 4)) === 1;
}

/**
 * Decides an IBAN written as the registry's characters only (electronic format, any case).
 * When it has upper-case letters, the registry's letter-only positions must be upper case
 * ("GI75 aWBK…" is mangled; "gi75 nwbk…" is just typed in lower case).
 */
export function ibanValid(compact: string): boolean {
  return ibanStructureValid(compact) && nationalDigitsValid(compact);
}

/** The national check digits of a number whose structure is valid (its country is known). */
function nationalDigitsValid(compact: string): boolean {
  return nationalCheckValid(SPECS.get(compact.slice(0, 2).toUpperCase())!.checkAs, compact.slice(4).toUpperCase());
}

/** Everything `ibanValid` checks except the national check digits. */
function ibanStructureValid(compact: string): boolean {
  const mixedCase = /[A-Z]/.test(compact);
  const country = compact.slice(0, 2).toUpperCase();
  const spec = SPECS.get(country);
  if (!spec || compact.length !== spec.classes.length + 4) return false;
  const check = Number(compact.slice(2, 4));
  if (!/^\d\d$/.test(compact.slice(2, 4)) || check < 2 || check > 98) return false;
  const bban = compact.slice(4);
  for (let k = 0; k < bban.length; k++) {
    const c = bban.charCodeAt(k);
    const cls = spec.classes[k]!;
    if (!fits(c, cls)) return false;
    if (cls === 'a' && mixedCase && c >= 97) return false;
  }
  return ibanChecksumValid(compact);
}

/**
 * A bank-account word shortly before the number: "IBAN", "RIB", "compte (belge)", "virement", "SEPA", "account",
 * or a payment verb ("rembourser sur PT58 …", "nous verse la commission sur ES47 …", "refund to …").
 */
const ACCOUNT_LABEL = /(?:^|[^\p{L}])(?:iban|rib|compte|comptes|virement|sepa|bancaires?|bank|account|rembours\p{L}*|vers(?:e|er|ons|ez|ent|ement)|pay(?:er|e|é|ée|ment|ments)?|paiement|refund\p{L}*|wire|transfer\p{L}*)(?:[^\p{L}]+\p{L}+){0,3}[^\p{L}\p{N}]*$/iu;
const LABEL_REACH = 40;

function labelledAsAccount(text: string, start: number): boolean {
  return ACCOUNT_LABEL.test(text.slice(Math.max(0, start - LABEL_REACH), start));
}

const hit = (start: number, end: number): DetectorHit => ({
  start,
  end,
  rule: 'identifier.iban',
  ...DETECTOR_WORDING['identifier.iban'],
});

export function detectIban(text: string): DetectorHit[] {
  const hits: DetectorHit[] = [];
  START.lastIndex = 0;
  for (let m; (m = START.exec(text)); ) {
    const spec = SPECS.get(m[1]!.toUpperCase());
    if (!spec) continue;
    const { classes } = spec;
    let compact = m[1]! + m[2]!;
    let i = m.index + m[0].length;
    // Read the BBAN position by position (one separator allowed between characters); a
    // character of the wrong class ends the candidate early, so "de 12 000 euros" costs little.
    while (compact.length - 4 < classes.length && i < text.length) {
      const c = text.charCodeAt(i);
      if (isDigit(c) || isLetter(c)) {
        if (!fits(c, classes[compact.length - 4]!)) break;
        compact += text[i];
        i++;
        continue;
      }
      const next = text.charCodeAt(i + 1);
      if (IS_SEPARATOR.test(text[i]!) && (isDigit(next) || isLetter(next))) { i++; continue; }
      break;
    }
    if (compact.length - 4 !== classes.length) continue;
    // Longer than that country's IBAN: glued characters, or a further group of digits.
    const after = text.charCodeAt(i);
    if (isDigit(after) || isLetter(after)) continue;
    if (i + 1 < text.length && IS_SEPARATOR.test(text[i]!) && isDigit(text.charCodeAt(i + 1))) continue;
    if (!ibanStructureValid(compact)) continue;
    if (!nationalDigitsValid(compact) && !labelledAsAccount(text, m.index)) continue;
    hits.push(hit(m.index, i));
    START.lastIndex = i;
  }
  return hits;
}
