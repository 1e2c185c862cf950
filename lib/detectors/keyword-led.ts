/**
 * The shared shape of the keyword-led detectors (identity documents, national identity
 * numbers, bank details): a keyword, a few words, then the number it names, checked by the
 * number's own rule. A bare number of the same length is an order or a date far more often.
 */
import type { DetectorHit } from './types.ts';
import { DETECTOR_WORDING } from './wording.ts';

// Up to four words (no digits) may stand between the keyword and the number ("de la mariée", "number is").
export const FILLER = String.raw`(?:\s+[\p{L}'’#°.-]+){0,4}?\s*[:#]?\s*`;

/**
 * The hits of `re` (its match ending with the named group `value`) whose value `valid`
 * accepts, each covering the value only, under the detector rule `rule`.
 */
export function valuesAfterKeyword(text: string, re: RegExp, valid: (value: string) => boolean, rule: keyof typeof DETECTOR_WORDING): DetectorHit[] {
  const out: DetectorHit[] = [];
  re.lastIndex = 0;
  for (let m; (m = re.exec(text)); ) {
    const v = m.groups!.value!;
    const end = m.index + m[0].length;
    if (valid(v)) out.push({ start: end - v.length, end, rule, ...DETECTOR_WORDING[rule] });
  }
  return out;
}
