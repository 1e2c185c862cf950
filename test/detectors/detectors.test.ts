import { describe, expect, it } from 'vitest';
import { detectNir, nirKeyValid } from '../../lib/detectors/nir.ts';
import { detectIban, ibanChecksumValid } from '../../lib/detectors/iban.ts';
import { detectCards, luhnValid } from '../../lib/detectors/card.ts';
import { detectCredentials } from '../../lib/detectors/credentials.ts';

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

describe('payment cards', () => {
  it('uses Luhn and issuer prefixes', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(detectCards('CB 4111 1111 1111 1111 exp 12/27')).toHaveLength(1);
    expect(detectCards('carte 5555-5555-5555-4444')).toHaveLength(1);
    expect(detectCards('amex 378282246310005')).toHaveLength(1);
  });
  it('ignores numbers failing Luhn, order numbers without an issuer prefix and phone numbers', () => {
    expect(detectCards('CB 4111 1111 1111 1112')).toHaveLength(0);
    expect(detectCards('commande 1234567890123')).toHaveLength(0);
    expect(detectCards('tél 06 12 34 56 78')).toHaveLength(0);
  });
});

describe('credentials', () => {
  it('flags a password written after a keyword, covering keyword and value', () => {
    const text = 'Accès portail : mot de passe : Soleil2024! à changer';
    const [hit] = detectCredentials(text);
    expect(text.slice(hit!.start, hit!.end)).toBe('mot de passe : Soleil2024!');
    expect(detectCredentials('mdp=azerty123')).toHaveLength(1);
    expect(detectCredentials('password: hunter2')).toHaveLength(1);
    expect(detectCredentials('son mot de passe est Tr0ub4dor')).toHaveLength(1);
  });
  it('stays quiet on ordinary mentions of passwords', () => {
    expect(detectCredentials('Mot de passe oublié, renvoyer le lien de réinitialisation')).toHaveLength(0);
    expect(detectCredentials('le mot de passe est expiré')).toHaveLength(0);
    expect(detectCredentials('Customer forgot the password again')).toHaveLength(0);
  });
});

describe('issue-specific regressions', () => {
  it('does not take a Luhn-valid SIRET for a card', () => {
    expect(detectCards('SIRET 552 100 554 00021')).toHaveLength(0);
    expect(detectCards('Diners 3056 9309 0259 04')).toHaveLength(1);
  });

  it('allows a few words naming what a password opens, and keeps "!" in the secret', () => {
    const a = 'Mot de passe de son espace client : Chouquette2024!';
    const [ha] = detectCredentials(a);
    expect(a.slice(ha!.start, ha!.end)).toBe('Mot de passe de son espace client : Chouquette2024!');
    expect(detectCredentials('Password for his portal: Tiger2024!')).toHaveLength(1);
    expect(detectCredentials('Mot de passe oublié : renvoyer le lien')).toHaveLength(0);
    const b = 'mot de passe : Soleil2024.';
    const [hb] = detectCredentials(b);
    expect(b.slice(hb!.start, hb!.end)).toBe('mot de passe : Soleil2024');
  });
});

describe('US Social Security numbers', () => {
  it('finds AAA-GG-SSSS and keyword-led nine digits, skipping invalid ranges', async () => {
    const { detectSsn } = await import('../../lib/detectors/ssn.ts');
    expect(detectSsn('SSN 536-22-8741')).toHaveLength(1);
    expect(detectSsn('ssn: 536228741')).toHaveLength(1);
    expect(detectSsn('SSN 666-22-8741')).toHaveLength(0);
    expect(detectSsn('SSN 536-00-8741')).toHaveLength(0);
    expect(detectSsn('order 536228741')).toHaveLength(0);
  });
});
