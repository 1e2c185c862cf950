import { describe, expect, it } from 'vitest';
import { aadhaarValid, ahvValid, sinValid, tfnValid, verhoeffValid } from '../../lib/detectors/national-ids.ts';
import { runDetectors } from '../../lib/detectors/index.ts';

const found = (t: string) => runDetectors(t).map((h) => [t.slice(h.start, h.end), h.rule]);

// The doctest examples of python-stdnum's modules (stdnum/au/tfn.py, ca/sin.py, in_/aadhaar.py,
// ch/ssn.py: valid and refused as they decide), and one digit changed.
describe('national identity numbers by their check digits', () => {
  it('Australian TFN: weights 1 4 3 7 5 8 6 9 10, mod 11', () => {
    expect(tfnValid('123456782')).toBe(true);
    expect(tfnValid('123456783')).toBe(false);
    expect(tfnValid('999999999')).toBe(false);
  });
  it('Canadian SIN: Luhn, never 0 or 8 first', () => {
    expect(sinValid('123456782')).toBe(true);
    expect(sinValid('123456783')).toBe(false);
    expect(sinValid('999999999')).toBe(false);
    expect(sinValid('823456785')).toBe(false);
    expect(sinValid('046454286')).toBe(false); // Luhn-valid, but 0 is not issued
    expect(sinValid('846454288')).toBe(false); // nor 8 (this one Luhn-valid too)
  });
  it('Aadhaar: Verhoeff, first digit 2–9, no palindrome', () => {
    expect(verhoeffValid('2363')).toBe(true); // Verhoeff's own example: 236 → check digit 3
    expect(aadhaarValid('234123412346')).toBe(true);
    expect(aadhaarValid('234123412347')).toBe(false);
    expect(aadhaarValid('123412341234')).toBe(false);
    expect(aadhaarValid('222222222222')).toBe(false);
    expect(aadhaarValid('643343121')).toBe(false);
  });
  it('Swiss AHV/AVS: 756 and an EAN-13 check digit', () => {
    expect(ahvValid('7569217076985')).toBe(true);
    expect(ahvValid('7569217076986')).toBe(false);
    expect(ahvValid('7579217076985')).toBe(false);
    expect(ahvValid('7569217076984')).toBe(false);
    expect(ahvValid('1234567891019')).toBe(false);
  });
});

describe('after their keyword, in a note', () => {
  it('finds each, separators as typed', () => {
    expect(found('pls update his TFN 123 456 782 in payroll')).toEqual([['123 456 782', 'identifier.national-id']]);
    expect(found('SIN: 123-456-782 on the lease form')).toEqual([['123-456-782', 'identifier.national-id']]);
    expect(found("Aadhaar no 2341 2341 2346 for the KYC")).toEqual([['2341 2341 2346', 'identifier.national-id']]);
    expect(found('N° AVS du client 756.9217.0769.85 pour la facture')).toEqual([['756.9217.0769.85', 'identifier.national-id']]);
  });
  it('stays quiet on a wrong check digit, a bare number, or a longer run', () => {
    expect(found('TFN 123 456 783')).toEqual([]);
    expect(found('order 123456782 shipped')).toEqual([]);
    expect(found('NAS 123456782 12 baies')).toEqual([]);
    expect(found('SIN 1234567821')).toEqual([]);
  });
});
