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
 * Cheap pre-check: every identifier has a run of 9+ digits (separators allowed),
 * every credential a keyword; ordinary notes ("RDV 14h", "5 %") skip the detectors.
 */
const MAYBE = /\d(?:[ \u00a0\u202f.\-]?\d){8}|pass|mdp|pwd|code|pin/i;

export function runDetectors(text: string): DetectorHit[] {
  if (!MAYBE.test(text)) return [];
  const out: DetectorHit[] = [];
  for (const detect of DETECTORS) {
    for (const hit of detect(text)) {
      if (out.some((h) => hit.start < h.end && h.start < hit.end)) continue;
      out.push(hit);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
