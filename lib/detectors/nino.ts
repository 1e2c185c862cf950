/**
 * UK National Insurance numbers: two prefix letters, six digits, a suffix letter A–D, written
 * solid or in pairs ("JR 48 21 93 B", "QQ123456C"). HMRC's allocation rules keep random
 * codes out: neither prefix letter is D, F, I, Q, U or V, the second is not O, and the
 * prefixes BG, GB, KN, NK, NT, TN and ZZ are never issued. Separators are spaces or hyphens,
 * between every pair or only around the digits ("JR-48-21-93-B", "JR 482193 B"). Upper case
 * alone: a lower-case run is more often a part or order code, so it counts only after a word
 * naming the number ("ni no jr482193b").
 */
import type { DetectorHit } from './types.ts';
import { DETECTOR_WORDING } from './wording.ts';

const SEP = '([ \\u00a0-]?)';
const NINO = new RegExp(
  `(?<![\\p{L}\\p{N}])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])${SEP}(\\d{2})${SEP}(\\d{2})${SEP}(\\d{2})${SEP}([A-D])(?![\\p{L}\\p{N}])`,
  'giu',
);
// What names the number just before a lower-case one: "NI", "NINO", "N.I. no", "national insurance".
const NAMED_BEFORE = /(?:(?<![\p{L}])(?:ni|nino|n\.i\.?)|national\s+insurance|nat\.?\s+ins\.?)(?:\s+(?:no\.?|number|num|#))?\s*[:#-]?\s*$/iu;
const NEVER_ISSUED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

export function ninoValid(prefix: string): boolean {
  return !NEVER_ISSUED.has(prefix);
}

export function detectNino(text: string): DetectorHit[] {
  const hits: DetectorHit[] = [];
  NINO.lastIndex = 0;
  for (let m; (m = NINO.exec(text)); ) {
    if (!ninoValid(m[1]!.toUpperCase())) continue;
    // Pairs are separated alike ("JR 48 21 93 B", "JR482193B") or only around the digits
    // ("JR 482193 B"), never by a stray space.
    const [s1, s2, s3, s4] = [m[2]!, m[4]!, m[6]!, m[8]!];
    if (!((s1 === s2 && s2 === s3 && s3 === s4) || (s1 && s1 === s4 && !s2 && !s3))) continue;
    if (m[0] !== m[0].toUpperCase() && !NAMED_BEFORE.test(text.slice(Math.max(0, m.index - 30), m.index))) continue;
    hits.push({ start: m.index, end: m.index + m[0].length, rule: 'identifier.nino', ...DETECTOR_WORDING['identifier.nino'] });
  }
  return hits;
}
