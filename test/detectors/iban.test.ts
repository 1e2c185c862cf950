import { describe, expect, it } from 'vitest';
import { detectIban, ibanChecksumValid, ibanValid, IBAN_LENGTHS } from '../../lib/detectors/iban.ts';
import { IBAN_OUTSIDE_REGISTRY, IBAN_REGISTRY, IBAN_TERRITORIES } from '../../lib/detectors/iban-registry.ts';
import { mod97Alnum, nationalCheckValid } from '../../lib/detectors/iban-national.ts';
import { runDetectors } from '../../lib/detectors/index.ts';

const CLASS_CHARS: Record<string, string> = { n: '0123456789', a: 'BCDFGHKLMNPRSTVWXZ', c: 'A1B2C3D4E5F6G7H8K9' };

/** A BBAN of the registry structure whose national check (if any) holds, found deterministically. */
function bbanFor(country: string, structure: string, chars = CLASS_CHARS): string {
  const classes = structure.replace(/(\d+)!([nac])/g, (_, n: string, c: string) => c.repeat(Number(n)));
  const checkAs = IBAN_TERRITORIES[country] ?? country;
  for (let seed = 0; seed < 100_000; seed++) {
    let x = seed * 7919 + 13;
    const bban = Array.from(classes, (cls) => { const set = chars[cls]!; x = (x * 31 + 7) % 1_000_003; return set[x % set.length]!; }).join('');
    if (nationalCheckValid(checkAs, bban)) return bban;
  }
  throw new Error(`no BBAN found for ${country}`);
}

/** Country code + check digits computed by ISO 7064 mod 97-10 + BBAN. */
function ibanOf(country: string, bban: string): string {
  const check = 98 - mod97Alnum(`${bban}${country}00`);
  return `${country}${String(check).padStart(2, '0')}${bban}`;
}
describe('IBAN', () => {
  const valid = 'FR7630006000011234567890189';
  it('validates mod 97', () => {
    expect(ibanChecksumValid(valid)).toBe(true);
    expect(ibanChecksumValid('FR7630006000011234567890188')).toBe(false);
  });
  it('finds grouped and compact IBANs, with exact span', () => {
    const text = `IBAN FR76 3000 6000 0112 3456 7890 189 merci`;
    const [hit] = detectIban(text);
    expect(text.slice(hit!.start, hit!.end)).toBe('FR76 3000 6000 0112 3456 7890 189');
    expect(detectIban(`rib ${valid}.`)).toHaveLength(1);
    expect(detectIban('DE89 3704 0044 0532 0130 00')).toHaveLength(1);
  });
  it('ignores wrong checksums and wrong lengths', () => {
    expect(detectIban('FR76 3000 6000 0112 3456 7890 188')).toHaveLength(0);
    expect(detectIban('FR76 3000 6000 0112 3456 7890 1899')).toHaveLength(0);
  });
});

describe('IBAN by the registry', () => {
  const all: Array<[string, string]> = [
    ...Object.entries(IBAN_REGISTRY),
    ...Object.entries(IBAN_OUTSIDE_REGISTRY),
    ...Object.entries(IBAN_TERRITORIES).map(([cc, parent]): [string, string] => [cc, IBAN_REGISTRY[parent]!]),
  ];

  it('knows every country of the SWIFT registry (release 101: 89 countries) with its length', () => {
    expect(Object.keys(IBAN_REGISTRY)).toHaveLength(89);
    expect(IBAN_LENGTHS.FR).toBe(27);
    expect(IBAN_LENGTHS.DE).toBe(22);
    expect(IBAN_LENGTHS.NO).toBe(15);
    expect(IBAN_LENGTHS.LC).toBe(32);
    expect(IBAN_LENGTHS.RU).toBe(33);
  });

  it('finds an IBAN of every country, grouped in fours inside a sentence', () => {
    for (const [cc, structure] of all) {
      const iban = ibanOf(cc, bbanFor(cc, structure));
      expect(ibanValid(iban), iban).toBe(true);
      const grouped = iban.replace(/(.{4})(?=.)/g, '$1 ');
      const text = `Virement sur ${grouped}, merci.`;
      const hits = runDetectors(text).filter((h) => h.rule === 'identifier.iban');
      expect(hits.map((h) => text.slice(h.start, h.end)), cc).toEqual([grouped]);
    }
  });

  it('finds them with letters wherever the structure allows letters (the pre-check does not need nine digits)', () => {
    const lettersWherePossible = { ...CLASS_CHARS, c: 'BCDFGHKLMNPRSTVWXZ' };
    for (const [cc, structure] of all) {
      const iban = ibanOf(cc, bbanFor(cc, structure, lettersWherePossible));
      const text = `IBAN ${iban.replace(/(.{4})(?=.)/g, '$1 ')}`;
      expect(runDetectors(text).map((h) => h.rule), iban).toEqual(['identifier.iban']);
    }
  });

  it('refuses a character of the wrong class at any position, and a wrong length', () => {
    const gb = ibanOf('GB', 'NWBK60161331926819');
    expect(ibanValid(gb)).toBe(true);
    expect(ibanValid(ibanOf('GB', '1WBK60161331926819'))).toBe(false); // letter expected
    expect(ibanValid(ibanOf('GB', 'NWBK6016133192681A'))).toBe(false); // digit expected
    expect(ibanValid(ibanOf('GB', 'NWBK6016133192681'))).toBe(false);
    expect(ibanValid(ibanOf('QQ', 'NWBK60161331926819'))).toBe(false); // no such country
  });

  it('accepts check digits 02–98 only, even when mod 97 holds', () => {
    // 99 ≡ 02 and 00 ≡ 97 (mod 97): the same number with those check digits passes mod 97.
    const withCheck = (iban: string, cd: string) => iban.slice(0, 2) + cd + iban.slice(4);
    const de02 = Array.from({ length: 2000 }, (_, i) => ibanOf('DE', `370400440532${String(i).padStart(6, '0')}`)).find((x) => x.slice(2, 4) === '02')!;
    expect(ibanValid(de02)).toBe(true);
    expect(ibanChecksumValid(withCheck(de02, '99'))).toBe(true);
    expect(ibanValid(withCheck(de02, '99'))).toBe(false);
    const de97 = Array.from({ length: 2000 }, (_, i) => ibanOf('DE', `370400440532${String(i).padStart(6, '0')}`)).find((x) => x.slice(2, 4) === '97')!;
    expect(ibanChecksumValid(withCheck(de97, '00'))).toBe(true);
    expect(ibanValid(withCheck(de97, '00'))).toBe(false);
  });

  it('checks the French RIB key (and Monaco, overseas territories), Belgian, Spanish, Norwegian and Italian CIN digits', () => {
    expect(ibanValid('FR7630006000011234567890189')).toBe(true);
    // Same account with a wrong RIB key but IBAN check digits recomputed: mod 97 holds, the key does not.
    expect(ibanValid(ibanOf('FR', '3000600001123456789018' + '8'))).toBe(false);
    expect(ibanValid(ibanOf('MC', '12739000700011111000H79'))).toBe(true);
    expect(ibanValid(ibanOf('RE', '3000600001123456789018' + '9'))).toBe(true);
    expect(ibanValid(ibanOf('RE', '3000600001123456789018' + '8'))).toBe(false);
    expect(ibanValid(ibanOf('BE', '539007547034'))).toBe(true);
    expect(ibanValid(ibanOf('BE', '539007547035'))).toBe(false);
    expect(ibanValid(ibanOf('ES', '21000418450200051332'))).toBe(true);
    expect(ibanValid(ibanOf('ES', '21000418460200051332'))).toBe(false);
    expect(ibanValid(ibanOf('NO', '86011117947'))).toBe(true);
    expect(ibanValid(ibanOf('NO', '86011117946'))).toBe(false);
    expect(ibanValid(ibanOf('IT', 'X0542811101000000123456'))).toBe(true);
    expect(ibanValid(ibanOf('IT', 'Y0542811101000000123456'))).toBe(false);
    expect(ibanValid(ibanOf('PT', '000201231234567890154'))).toBe(true);
    expect(ibanValid(ibanOf('PT', '000201231234567890155'))).toBe(false);
  });

  it('reads separators anywhere, including between country code and check digits', () => {
    for (const text of [
      'IBAN : FR 76 3000 6000 0112 3456 7890 189.',
      'IBAN FR76-3000-6000-0112-3456-7890-189 ok',
      'iban fr76.3000.6000.0112.3456.7890.189',
      'IBAN FR76\u00a03000\u00a06000\u00a00112\u00a03456\u00a07890\u00a0189',
      'RIB FR7630006000011234567890189',
    ]) {
      const hits = detectIban(text);
      expect(hits, text).toHaveLength(1);
      expect(text.slice(hits[0]!.start, hits[0]!.end).replace(/[^0-9A-Za-z]/g, '').toUpperCase()).toBe('FR7630006000011234567890189');
    }
  });

  it('treats case as typed: all lower case is fine, a lower-case letter among upper-case ones where only letters go is not', () => {
    expect(detectIban('gb29 nwbk 6016 1331 9268 19')).toHaveLength(1);
    expect(detectIban('GB29 NWBK 6016 1331 9268 19')).toHaveLength(1);
    expect(detectIban('GB29 nWBK 6016 1331 9268 19')).toHaveLength(0);
  });

  it('is not fooled by a following group of digits or a glued word', () => {
    expect(detectIban('FR76 3000 6000 0112 3456 7890 189 12')).toHaveLength(0);
    expect(detectIban('FR76 3000 6000 0112 3456 7890 189ABC')).toHaveLength(0);
    expect(detectIban('Le 12 mars, de 12 000 euros à 15 000')).toHaveLength(0);
  });

  it('finds two IBANs in one note', () => {
    const text = 'Ancien FR7630006000011234567890189, nouveau DE89 3704 0044 0532 0130 00.';
    expect(detectIban(text).map((h) => text.slice(h.start, h.end))).toEqual(['FR7630006000011234567890189', 'DE89 3704 0044 0532 0130 00']);
  });

  it('accepts a wrong national check only when the note labels the number as a bank account', () => {
    // Mod 97 and the registry structure hold, the Belgian / Portuguese national check digits do not.
    for (const iban of ['BE95 8235 5727 1297', 'PT09 3972 6585 6562 3129 3191 3']) {
      expect(ibanValid(iban.replace(/ /g, '')), iban).toBe(false);
      expect(detectIban(`Le client m'a dicté ${iban} au téléphone`), iban).toHaveLength(0);
      expect(detectIban(`Compte belge ${iban} pour le remboursement`), iban).toHaveLength(1);
      expect(detectIban(`IBAN ${iban}`), iban).toHaveLength(1);
      expect(detectIban(`Customer's bank account: ${iban}`), iban).toHaveLength(1);
    }
    // A failed mod 97 is never rescued by a label.
    expect(detectIban('IBAN BE96 8235 5727 1297')).toHaveLength(0);
  });
});

describe('payment verbs label an account', () => {
  it('keeps an IBAN whose only fault is its national check digits when a payment verb names it', () => {
    // Mod 97 holds, the Portuguese and Spanish national digits do not (as a rep mistyping one digit).
    expect(detectIban('Cliente portugaise, rembourser sur PT58 2154 7280 3852 8084 1485 2')).toHaveLength(1);
    expect(detectIban('nous verse la commission sur ES4766176031372159010928')).toHaveLength(1);
    expect(detectIban('Noté : PT58 2154 7280 3852 8084 1485 2 (à retirer).')).toHaveLength(0);
  });
});
