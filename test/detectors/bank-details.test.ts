import { describe, expect, it } from 'vitest';
import { routingNumberValid } from '../../lib/detectors/bank-details.ts';
import { runDetectors } from '../../lib/detectors/index.ts';

const found = (t: string) => runDetectors(t).map((h) => [t.slice(h.start, h.end), h.rule]);

describe('US routing numbers by their check digit', () => {
  // python-stdnum's doctest (stdnum/us/rtn.py): 111000025 valid, 112000025 a bad checksum, 11100002 too short;
  // pydantic-extra-types' documented example 122105155; two routing numbers banks publish.
  it('decides as python-stdnum decides', () => {
    expect(routingNumberValid('111000025')).toBe(true);
    expect(routingNumberValid('112000025')).toBe(false);
    expect(routingNumberValid('11100002')).toBe(false);
    expect(routingNumberValid('11100002B')).toBe(false);
    expect(routingNumberValid('122105155')).toBe(true);
    expect(routingNumberValid('021000021')).toBe(true);
    expect(routingNumberValid('026009593')).toBe(true);
    expect(routingNumberValid('123456789')).toBe(false);
    expect(routingNumberValid('000000000')).toBe(false);
  });
});

describe('bank details after their name, in a note', () => {
  it('a sort code and the account number beside it', () => {
    expect(found("Refund Mr Nolan's deposit: sort code 20-45-77, acc 43918827, £85")).toEqual([
      ['20-45-77', 'identifier.bank-account'], ['43918827', 'identifier.bank-account'],
    ]);
    expect(found('pay to sort-code 204577 account number 43918827 asap')).toEqual([
      ['204577', 'identifier.bank-account'], ['43918827', 'identifier.bank-account'],
    ]);
  });
  it('a BSB, a routing number with its check digit, an IFSC', () => {
    expect(found('BSB 062-000 acct 1234 5678 for the bond refund')).toEqual([
      ['062-000', 'identifier.bank-account'], ['1234 5678', 'identifier.bank-account'],
    ]);
    expect(found('wire it: routing number 021000021, account 000123456789')).toEqual([
      ['021000021', 'identifier.bank-account'], ['000123456789', 'identifier.bank-account'],
    ]);
    expect(found('NEFT details IFSC HDFC0001234 a/c 50100234567891')).toEqual([
      ['HDFC0001234', 'identifier.bank-account'], ['50100234567891', 'identifier.bank-account'],
    ]);
  });
  it('stays quiet on account numbers without a bank code, on codes without a number, on a bad routing number', () => {
    expect(found('Customer account 10048213 renewed for 3 years')).toEqual([]);
    expect(found('asked for our sort code, sent the invoice with the bank details')).toEqual([]);
    // A bank code alone names a branch (the company's own, a supplier's), not a person's account.
    expect(found('Sort code 20-00-00 printed on our own invoice template')).toEqual([]);
    expect(found('ABA routing 021000021 on the supplier invoice footer')).toEqual([]);
    expect(found('routing number 123456789 on the form looks wrong, call back')).toEqual([]);
    expect(found('ABA therapy centre, 12 sessions booked')).toEqual([]);
    // A bank code in one sentence does not make another sentence's contract number an account.
    expect(found('Sort code 20-45-77 on file. Contract acc 10048213 renewed.')).toEqual([]);
  });
});

describe('credentials written with shorter names', () => {
  it('"sec code" after a card, "pass is" before a made-up value', () => {
    expect(found('card exp 11/26 sec code 902, charged')).toEqual([['sec code 902', 'identifier.credential']]);
    expect(found('her booking portal pass is Nieve2025! thanks')).toEqual([['pass is Nieve2025!', 'identifier.credential']]);
    expect(found('the ski pass is valid all week')).toEqual([]);
  });
});
