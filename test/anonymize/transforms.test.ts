import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { band, countToBoolean, parseNumber, postalCode, pseudonym, yearLabel, yearOf } from '../../lib/anonymize/transforms.ts';
import { CryptoRng, SeededRng, randomBelow, shuffle } from '../../lib/anonymize/random.ts';
import { KAnonymity } from '../../lib/anonymize/kanon.ts';
import { parseProfile, ProfileError } from '../../lib/anonymize/profile.ts';
import { readFileSync } from 'node:fs';

describe('transforms', () => {
  it('parses French and English numbers', () => {
    expect(parseNumber('45 000')).toBe(45000);
    expect(parseNumber('45\u202f000,50 €')).toBe(45000.5);
    expect(parseNumber('1.234.567')).toBe(1234567);
    expect(parseNumber('1.234,5')).toBe(1234.5);
    expect(parseNumber('1,234.5')).toBe(1234.5);
    expect(parseNumber('EUR 12')).toBe(12);
    expect(parseNumber('-3')).toBe(-3);
    expect(parseNumber('deux')).toBeUndefined();
    expect(parseNumber('')).toBeUndefined();
  });

  it('bands: [min, max) of the given width, label template', () => {
    expect(band(45000, 20000)).toBe('40000-60000');
    expect(band(40000, 20000)).toBe('40000-60000');
    expect(band(39999.99, 20000)).toBe('20000-40000');
    expect(band(487.9, 50, 0, '{min}-{max} €')).toBe('450-500 €');
    expect(band(45000, 20000, 0, '{min}-{max} k€', 1000)).toBe('40-60 k€');
    expect(band(-1, 50)).toBe('-50-0');
    expect(band(12, 10, 5, '[{min};{last}]')).toBe('[5;14]');
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 1e6 }), (v, w) => {
      const [lo, hi] = band(v, w).split('-').map(Number);
      return lo! <= v && v < hi! && hi! - lo! === w;
    }));
  });

  it('year of a date, in every common spelling; two-digit years refused', () => {
    for (const d of ['1985-03-14', '1985-03-14T10:00:00Z', '14/03/1985', '03/14/1985', '14.03.1985', '14-03-1985', '1985/03/14', '1985', '1985-03']) expect(yearOf(d)).toBe(1985);
    for (const d of ['14/03/85', 'hier', '1985-13-01', '32/13/1985', '0000-01-01']) expect(yearOf(d)).toBeUndefined();
    expect(yearLabel(1987, 1)).toBe('1987');
    expect(yearLabel(1987, 5)).toBe('1985-1989');
  });

  it('boolean from a count', () => {
    expect(countToBoolean('0', 'oui', 'non')).toBe('non');
    expect(countToBoolean('3', 'oui', 'non')).toBe('oui');
    expect(countToBoolean('1,5', 'oui', 'non')).toBeUndefined();
    expect(countToBoolean('-1', 'oui', 'non')).toBeUndefined();
  });

  it('postal code of a French address: the last valid 5-digit group', () => {
    expect(postalCode('12 rue de la Paix, 75002 Paris')).toBe('75002');
    expect(postalCode('BP 12345, 17 cours X, 33000 Bordeaux')).toBe('33000');
    expect(postalCode('Place de la Gare\n13001 Marseille')).toBe('13001');
    expect(postalCode('12 rue de Paris, 97400 Saint-Denis', 2)).toBe('974');
    expect(postalCode('Route, 20167 Mezzavia', 2)).toBe('2A');
    expect(postalCode('Route, 20200 Bastia', 2)).toBe('2B');
    expect(postalCode('3 rue X 75002 Paris', 3)).toBe('750');
    expect(postalCode('Lieu-dit Le Moulin, Corse')).toBeUndefined();
    expect(postalCode('Tel 0612345678')).toBeUndefined();
    expect(postalCode('99999 Nowhere')).toBeUndefined();
  });

  it('pseudonyms: keyed, stable, normalised, unlinkable without the key', () => {
    const k1 = Buffer.alloc(32, 1);
    const k2 = Buffer.alloc(32, 2);
    expect(pseudonym('Dupont', k1)).toBe(pseudonym(' dupont ', k1));
    expect(pseudonym('Dupont', k1)).not.toBe(pseudonym('Dupont', k2));
    expect(pseudonym('Dupont', k1, 16, 'C-', 'none')).toMatch(/^C-[0-9a-f]{16}$/);
    expect(pseudonym('Dupont', k1, 16, '', 'none')).not.toBe(pseudonym('dupont', k1, 16, '', 'none'));
    expect(pseudonym('', k1)).toBe('');
  });
});

describe('randomness', () => {
  it('seeded generator is reproducible; shuffle is a permutation; randomBelow is unbiased enough', () => {
    const a = shuffle([...Array(100).keys()], new SeededRng('x'));
    expect(shuffle([...Array(100).keys()], new SeededRng('x'))).toEqual(a);
    expect(shuffle([...Array(100).keys()], new SeededRng('y'))).not.toEqual(a);
    expect([...a].sort((x, y) => x - y)).toEqual([...Array(100).keys()]);
    const rng = new CryptoRng();
    const counts = [0, 0, 0];
    for (let i = 0; i < 30000; i++) counts[randomBelow(rng, 3)]!++;
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(600);
  });
});

describe('k-anonymity', () => {
  it('classes, smallest class, rows below k and advice (hand-computed)', () => {
    const k = new KAnonymity(['age', 'cp']);
    for (const r of [['30', '75'], ['30', '75'], ['30', '75'], ['40', '75'], ['40', '69']]) k.add(r);
    const r = k.report(2);
    expect(r).toMatchObject({ rows: 5, classes: 3, smallestClass: 1, rowsBelowK: 2, classesBelowK: 2 });
    // without cp: 30×3, 40×2 → 0 below 2; without age: 75×4, 69×1 → 1.
    expect(r.advice).toEqual([{ column: 'cp', distinct: 2, rowsBelowKWithout: 0 }, { column: 'age', distinct: 2, rowsBelowKWithout: 1 }]);
    expect(k.afterSuppression(2)).toMatchObject({ rows: 3, classes: 1, smallestClass: 3, rowsBelowK: 0 });
  });
});

describe('profiles', () => {
  it('the seed profile is valid', () => {
    const p = parseProfile('seed', readFileSync('profiles/seed-crm.yaml', 'utf8'));
    expect(Object.keys(p.columns)).toHaveLength(16);
    expect(p.columns.id_client).toEqual({ action: 'random_index', as: 'Index_rd' });
  });
  it('errors name the key and the line', () => {
    const bad = 'columns:\n  a: { action: band, as: X }\n  b: { action: keep, as: X }\nextra: 1\n';
    try {
      parseProfile('p.yaml', bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ProfileError);
      const msg = (e as Error).message;
      expect(msg).toContain('p.yaml:2: columns.a.width:');
      expect(msg).toMatch(/p\.yaml:1: \(top level\): .*extra/);
    }
    expect(() => parseProfile('p.yaml', 'columns:\n  a: { action: keep, as: X }\n  b: { action: keep, as: X }\n')).toThrow('p.yaml:3: columns.b.as: output column "X" is already written by "a"');
  });
});

describe('lint transform (issue 12)', () => {
  it('rewrites by grammatical unit, as audit --redact does', async () => {
    const { redactText } = await import('../../lib/audit/redact.ts');
    const { builtinLinter } = await import('../helpers.ts');
    expect(redactText(builtinLinter(), 'Le client, diabétique, demande un rendez-vous.', { mode: 'suggest' }).text).toBe('Le client demande un rendez-vous.');
  });
});
