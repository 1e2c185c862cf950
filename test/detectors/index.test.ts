import { describe, expect, it } from 'vitest';
import { runDetectors } from '../../lib/detectors/index.ts';

describe('runDetectors', () => {
  it('skips ordinary notes and still reaches every identifier the pre-checks admit', () => {
    expect(runDetectors('RDV 14h avec M. Martin, remise 5 %')).toEqual([]);
    // Letters-heavy BBAN: no run of nine digits, caught by the IBAN pre-check.
    const lv = 'Compte LV80 BANK 0000 4351 9500 1 à clôturer';
    expect(runDetectors(lv).map((h) => lv.slice(h.start, h.end))).toEqual(['LV80 BANK 0000 4351 9500 1']);
    const qa = 'QA58DOHB00001234567890ABCDEFG';
    expect(runDetectors(qa).map((h) => h.rule)).toEqual(['identifier.iban']);
  });

  it('reports each identifier once, earlier detectors winning overlaps, in text order', () => {
    const text = 'CB 4111 1111 1111 1111 et IBAN FR76 3000 6000 0112 3456 7890 189, mdp : Soleil2024';
    expect(runDetectors(text).map((h) => h.rule)).toEqual(['identifier.card', 'identifier.iban', 'identifier.credential']);
  });
});
