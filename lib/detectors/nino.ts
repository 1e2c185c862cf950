/**
 * UK National Insurance numbers: two prefix letters, six digits, a suffix letter A–D, written
 * solid or in pairs ("JR 48 21 93 B", "QQ123456C"). HMRC's allocation rules keep random
 * codes out: neither prefix letter is D, F, I, Q, U or V, the second is not O, and the
 * prefixes BG, GB, KN, NK, NT, TN and ZZ are never issued. Upper case only: a typed word
 * never has that shape, and a lower-case run is more often a part or order code.
 */
import type { DetectorHit } from './types.ts';
import { DETECTOR_WORDING } from './wording.ts';

const SP = '[ \\u00a0]?';
const NINO = new RegExp(
  `(?<![\\p{L}\\p{N}])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])${SP}(\\d{2})${SP}(\\d{2})${SP}(\\d{2})${SP}([A-D])(?![\\p{L}\\p{N}])`,
  'gu',
);
const NEVER_ISSUED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

export function ninoValid(prefix: string): boolean {
  return !NEVER_ISSUED.has(prefix);
}

export function detectNino(text: string): DetectorHit[] {
  const hits: DetectorHit[] = [];
  NINO.lastIndex = 0;
  for (let m; (m = NINO.exec(text)); ) {
    if (!ninoValid(m[1]!)) continue;
    // Pairs must be spaced alike: "JR 48 21 93 B" or "JR482193B", not a stray space.
    const spaces = m[0].match(/[ \u00a0]/g)?.length ?? 0;
    if (spaces !== 0 && spaces !== 4) continue;
    hits.push({ start: m.index, end: m.index + m[0].length, rule: 'identifier.nino', ...DETECTOR_WORDING['identifier.nino'] });
  }
  return hits;
}
