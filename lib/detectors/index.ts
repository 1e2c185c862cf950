/** All checksum and pattern detectors, run in one place; earlier ones win overlaps. */
import { detectCards } from './card.ts';
import { detectCredentials } from './credentials.ts';
import { detectIban } from './iban.ts';
import { detectNir } from './nir.ts';
import { detectSsn } from './ssn.ts';
import type { DetectorHit } from './types.ts';

export type { DetectorHit } from './types.ts';

const DETECTORS = [detectCredentials, detectNir, detectIban, detectCards, detectSsn];
/**
 * Cheap pre-checks, each a superset of what a detector can find, so ordinary notes ("RDV 14h",
 * "5 %") skip the detectors: nine digits in a row (separators allowed) for cards, SSNs, NIRs
 * and most IBANs; a Corsican department between digits for a NIR ("… 07 2B 073 …"); an
 * upper-case country code, check digits and four characters for an IBAN whose BBAN is mostly
 * letters ("LV80 BANK …"); a keyword for credentials.
 */
const MAYBE_IDENTIFIER = /\d(?:[ \u00a0\u202f.\-]?\d){8}|\d[ \u00a0\u202f.\-]?2[AaBb][ \u00a0\u202f.\-]?\d|[A-Z]{2}[ \u00a0\u202f.\-]?\d\d[ \u00a0\u202f.\-]?[A-Z0-9]{4}/;
const MAYBE_CREDENTIAL = /pass|mdp|pwd|code|pin/i;

export function runDetectors(text: string): DetectorHit[] {
  if (!MAYBE_IDENTIFIER.test(text) && !MAYBE_CREDENTIAL.test(text)) return [];
  const out: DetectorHit[] = [];
  for (const detect of DETECTORS) {
    for (const hit of detect(text)) {
      if (out.some((h) => hit.start < h.end && h.start < hit.end)) continue;
      out.push(hit);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
