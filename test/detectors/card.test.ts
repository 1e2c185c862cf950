import { describe, expect, it } from 'vitest';
import { cardIssuer, cardNumberValid, detectCards, luhnValid } from '../../lib/detectors/card.ts';

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
  it('takes a Luhn-valid number named as another code for that code (EAN, IMEI, tracking), not a card', () => {
    // 5901234123457: GS1's EAN-13 example, Luhn-valid and in the Maestro range; 356938035643809: an IMEI.
    expect(detectCards('Duplo set EAN 5901234123457 x24, deliver before half term')).toHaveLength(0);
    expect(detectCards('replacement handset IMEI: 356938035643809 under warranty')).toHaveLength(0);
    expect(detectCards('tracking no 4111111111111111 with the courier')).toHaveLength(0);
    // Named as a card, or with nothing before it, it is one.
    expect(detectCards('card 4111111111111111 exp 12/27')).toHaveLength(1);
    expect(detectCards('EAN checked, paid by card 4111 1111 1111 1111')).toHaveLength(1);
  });
});

describe('issue-specific regressions', () => {
  it('does not take a Luhn-valid SIRET for a card', () => {
    expect(detectCards('SIRET 552 100 554 00021')).toHaveLength(0);
    expect(detectCards('Diners 3056 9309 0259 04')).toHaveLength(1);
  });
});

describe('payment cards by ISO/IEC 7812 issuer ranges', () => {
  /** Completes a prefix to `length` digits with a valid Luhn check digit. */
  function card(prefix: string, length: number): string {
    const body = prefix.padEnd(length - 1, '7');
    for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
    throw new Error('unreachable');
  }

  it('names the network from its range and length', () => {
    expect(cardIssuer(card('4', 16))).toBe('Visa');
    expect(cardIssuer(card('2221', 16))).toBe('Mastercard');
    expect(cardIssuer(card('2720', 16))).toBe('Mastercard');
    expect(cardIssuer(card('2721', 16))).toBeUndefined();
    expect(cardIssuer(card('2220', 16))).toBeUndefined();
    expect(cardIssuer(card('2200', 16))).toBe('Mir');
    expect(cardIssuer(card('2204', 19))).toBe('Mir');
    expect(cardIssuer(card('34', 15))).toBe('American Express');
    expect(cardIssuer(card('34', 16))).toBeUndefined();
    expect(cardIssuer(card('3528', 16))).toBe('JCB');
    expect(cardIssuer(card('3589', 19))).toBe('JCB');
    expect(cardIssuer(card('62', 19))).toBe('UnionPay');
    expect(cardIssuer(card('1', 15))).toBe('UATP');
    expect(cardIssuer(card('1', 16))).toBeUndefined();
    expect(cardIssuer(card('6011', 16))).toBe('Discover');
    expect(cardIssuer(card('6759', 18))).toBe('Maestro');
    expect(cardIssuer(card('36', 14))).toBe('Diners Club');
    expect(cardIssuer(card('9', 16))).toBeUndefined();
  });

  it('needs Luhn and refuses placeholders of one repeated digit', () => {
    const visa = card('4970', 16);
    expect(cardNumberValid(visa)).toBe(true);
    expect(cardNumberValid(visa.slice(0, -1) + ((Number(visa.at(-1)) + 1) % 10))).toBe(false);
    // Luhn-valid and in the Maestro range, yet a row of one digit is someone's placeholder.
    expect(luhnValid('6666666666666') && cardIssuer('6666666666666') === 'Maestro').toBe(true);
    expect(cardNumberValid('6666666666666')).toBe(false);
  });

  it('takes a 20-digit number grouped in fours for one number, not a card and four digits', () => {
    const visa = card('4970', 16);
    const twenty = `${visa}1234`.replace(/(\d{4})(?=\d)/g, '$1 ');
    expect(detectCards(`Réf. dossier ${twenty}`)).toHaveLength(0);
    expect(detectCards(`Réf. dossier ${visa}1234`)).toHaveLength(0);
  });

  it('still finds the card when an expiry, a phone number or another card follows', () => {
    const visa = card('4970', 16).replace(/(\d{4})(?=\d)/g, '$1 ');
    for (const text of [`CB ${visa} 12/27`, `CB ${visa} 06 12 34 56 78`, `CB ${visa}, exp 12 27`]) {
      const hits = detectCards(text);
      expect(hits.map((h) => text.slice(h.start, h.end)), text).toEqual([visa]);
    }
  });

  it('does not take a SIRET for a Diners card, by layout or by keyword', () => {
    const siret = card('362', 14); // a Luhn-valid 14-digit number in a Diners range
    expect(cardIssuer(siret)).toBe('Diners Club');
    expect(detectCards(`${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`)).toHaveLength(0);
    expect(detectCards(`${siret.slice(0, 9)} ${siret.slice(9)}`)).toHaveLength(0);
    expect(detectCards(`SIRET : ${siret}`)).toHaveLength(0);
    expect(detectCards(`n° siret ${siret}`)).toHaveLength(0);
    expect(detectCards(`SIRET à jour sur la fiche : ${siret}, siège inchangé`)).toHaveLength(0);
    expect(detectCards(`SIRET reçu. Carte ${siret}`)).toHaveLength(1);
    expect(detectCards(`Diners ${siret.slice(0, 4)} ${siret.slice(4, 10)} ${siret.slice(10)}`)).toHaveLength(1);
  });
});
