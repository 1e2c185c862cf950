import { describe, expect, it } from 'vitest';
import { detectNir, nirKeyValid, nirMonthPlausible, nirPlacePlausible, nirValid } from '../../lib/detectors/nir.ts';
import { runDetectors } from '../../lib/detectors/index.ts';

/** Builds a NIR with its correct key, so tests do not depend on a hard-coded number. */
function nir(body: string): string {
  const n = Number(body.replace('2A', '19').replace('2B', '18'));
  return body + String(97 - (n % 97)).padStart(2, '0');
}

describe('NIR', () => {
  it('accepts a valid key with or without separators', () => {
    const n = nir('1850578006084');
    expect(nirKeyValid(n.slice(0, 13), Number(n.slice(13)))).toBe(true);
    expect(detectNir(`n° sécu ${n} à saisir`)).toHaveLength(1);
    const spaced = `${n[0]} ${n.slice(1, 3)} ${n.slice(3, 5)} ${n.slice(5, 7)} ${n.slice(7, 10)} ${n.slice(10, 13)} ${n.slice(13)}`;
    const hits = detectNir(`NIR : ${spaced}.`);
    expect(hits).toHaveLength(1);
    expect(`NIR : ${spaced}.`.slice(hits[0]!.start, hits[0]!.end)).toBe(spaced);
    expect(detectNir(n.replace(/(.)(..)(..)(..)(...)(...)(..)/, '$1.$2.$3.$4.$5.$6.$7'))).toHaveLength(1);
  });

  it('handles Corsica (2A → 19, 2B → 18)', () => {
    for (const dept of ['2A', '2B']) {
      const n = nir(`18505${dept}004123`);
      expect(detectNir(`numéro ${n}`)).toHaveLength(1);
    }
  });

  it('ignores a number whose key fails', () => {
    const n = nir('2850578006084');
    const wrong = n.slice(0, 13) + String((Number(n.slice(13)) % 96) + 1).padStart(2, '0');
    expect(detectNir(`n° ${wrong}`)).toHaveLength(0);
  });
});

describe('NIR plausibility', () => {
  it('finds a Corsican NIR even when the note has no run of nine digits', () => {
    for (const dept of ['2A', '2B']) {
      const n = nir(`25307${dept}073004`);
      const spaced = `${n[0]} ${n.slice(1, 3)} ${n.slice(3, 5)} ${n.slice(5, 7)} ${n.slice(7, 10)} ${n.slice(10, 13)} ${n.slice(13)}`;
      expect(/\d(?:\D?\d){8}/.test(spaced.replace(/2[AB]/, 'x'))).toBe(false);
      const text = `Numéro de sécu ${spaced} (carte vitale)`;
      const hits = runDetectors(text);
      expect(hits.map((h) => [h.rule, text.slice(h.start, h.end)])).toEqual([['identifier.nir', spaced]]);
      expect(runDetectors(`sécu ${n.toLowerCase()}`)).toHaveLength(1);
    }
  });

  it('accepts the months INSEE assigns (01–12, and 20–42, 50–99 when the month is unknown)', () => {
    for (const mm of ['01', '12', '20', '30', '42', '50', '99']) expect(nirMonthPlausible(mm), mm).toBe(true);
    for (const mm of ['00', '13', '19', '43', '49']) expect(nirMonthPlausible(mm), mm).toBe(false);
    expect(detectNir(nir('1851375006084'))).toHaveLength(0); // month 13, key right
    expect(detectNir(nir('1853175006084'))).toHaveLength(1); // month 31: unknown month
  });

  it('accepts departments 01–96, 2A/2B, 971–978 and 984–989 overseas, 99 abroad, and nothing else', () => {
    for (const p of ['01001', '2A004', '2b004', '20004', '75056', '96123', '97105', '97801', '98401', '98901', '99126']) expect(nirPlacePlausible(p), p).toBe(true);
    for (const p of ['00123', '97012', '97912', '98312', '2C004']) expect(nirPlacePlausible(p), p).toBe(false);
    expect(detectNir(nir('1850500006084'))).toHaveLength(0); // department 00
    expect(detectNir(nir('2951099126111'))).toHaveLength(1); // born abroad (99)
  });

  it('reads overseas places grouped as department 97x + 2-digit commune', () => {
    const n = nir('2850597105123');
    const grouped = `${n[0]} ${n.slice(1, 3)} ${n.slice(3, 5)} ${n.slice(5, 8)} ${n.slice(8, 10)} ${n.slice(10, 13)} ${n.slice(13)}`;
    expect(detectNir(`NIR ${grouped}`)).toHaveLength(1);
    expect(nirValid(n)).toBe(true);
  });

  it('takes the key from 97 − (N mod 97) and refuses sex digits other than 1 and 2', () => {
    const n = nir('1850578006084');
    expect(nirValid(n)).toBe(true);
    expect(nirValid(`3${n.slice(1)}`)).toBe(false);
    expect(nirValid(nir('8850578006084'))).toBe(false);
  });

  it('flags the 13 characters without key only after a word naming the number', () => {
    const text = 'N° sécu : 2 84 05 88 321 025, à vérifier';
    expect(detectNir(text).map((h) => text.slice(h.start, h.end))).toEqual(['2 84 05 88 321 025']);
    expect(detectNir('NIR 2840588321025')).toHaveLength(1);
    expect(detectNir('carte vitale 1 85 05 2A 006 084')).toHaveLength(1);
    expect(detectNir('Commande 2840588321025 livrée')).toHaveLength(0);
    expect(detectNir('NIR 2 84 13 88 321 025')).toHaveLength(0); // month 13
    // With a wrong key the number is not a NIR, and it is not taken for a keyless one either.
    expect(detectNir('NIR 2 55 08 14 168 025 00')).toHaveLength(0);
  });
});
