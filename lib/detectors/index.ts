/** All checksum and pattern detectors, run in one place; earlier ones win overlaps. */
import { detectCards } from './card.ts';
import { detectCredentials } from './credentials.ts';
import { detectIban } from './iban.ts';
import { detectNir } from './nir.ts';
import type { DetectorHit } from './types.ts';

export type { DetectorHit } from './types.ts';

const DETECTORS = [detectCredentials, detectNir, detectIban, detectCards];
/** Cheap pre-check: without a digit or a credential keyword, no detector can fire. */
const MAYBE = /\d|pass|mdp|pwd|code|pin/i;

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
