/**
 * Bank details written out in a note, named just before their number: a UK sort code
 * ("sort code 20-45-77"), an Australian BSB ("BSB 062-000"), a US routing number (ABA,
 * nine digits with a 3-7-1 check digit), an Indian IFSC ("IFSC HDFC0001234"), and the
 * account number given beside one of them ("acc 43918827"). Only the pair is a person's
 * bank details: a bank code alone names a branch, often the company's own or a supplier's
 * ("sort code 20-00-00 on our invoice template"), and an account number alone is mostly
 * the customer's account with the company (a CRM or contract number). So both count only
 * in one sentence together. Keyword-led: a bare six-digit group is a date, an order or a postcode.
 */
import type { DetectorHit } from './types.ts';
import { FILLER, valuesAfterKeyword } from './keyword-led.ts';

const SORT_CODE = new RegExp(String.raw`(?<![\p{L}\p{N}])sort[\s-]?codes?${FILLER}(?<value>\d{2}[- ]?\d{2}[- ]?\d{2})(?![\p{L}\p{N}]|[-.,]\d)`, 'giu');
const BSB = new RegExp(String.raw`(?<![\p{L}\p{N}])BSB${FILLER}(?<value>\d{3}[- ]?\d{3})(?![\p{L}\p{N}]|[-.,]\d)`, 'gu');
const ROUTING = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:routing|ABA|RTN|transit\s+routing)(?:\s+(?:no|number|num|nbr|#))?${FILLER}(?<value>\d{9})(?![\p{L}\p{N}]|[-.,]\d)`, 'giu');
const IFSC = new RegExp(String.raw`(?<![\p{L}\p{N}])IFSC${FILLER}(?<value>[A-Z]{4}0[A-Z0-9]{6})(?![\p{L}\p{N}])`, 'gu');
// "acc", "a/c", "acct", "account (no|number|#)", "compte": then six to eighteen digits, spaced or not.
const ACCOUNT = /(?<![\p{L}\p{N}])(?:acc(?:oun)?t?s?|a\/c|acct|compte|konto)\.?(?:\s+(?:no|nr|number|num|nbr|n°|#)\.?)?\s*[:#]?\s*(?<value>\d(?:[ -]?\d){5,17})(?![\p{L}\p{N}]|[.,]\d)/giu;
/** Where a sentence ends: an account number counts only in the sentence of a bank code. */
const SENTENCE_END = /[.!?;\n](?:\s|$)/g;

/** US routing number check digit: 3, 7, 1 weights over the nine digits, sum divisible by 10. */
export function routingNumberValid(v: string): boolean {
  if (!/^\d{9}$/.test(v)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += [3, 7, 1][i % 3]! * Number(v[i]);
  return sum % 10 === 0 && sum > 0;
}

export function detectBankDetails(text: string): DetectorHit[] {
  const scan = (re: RegExp, valid: (v: string) => boolean = () => true) => valuesAfterKeyword(text, re, valid, 'identifier.bank-account');
  const found = [...scan(SORT_CODE), ...scan(BSB), ...scan(ROUTING, routingNumberValid), ...scan(IFSC)];
  if (!found.length) return found;
  // The sentences that hold a bank code.
  const ends: number[] = [];
  SENTENCE_END.lastIndex = 0;
  for (let m; (m = SENTENCE_END.exec(text)); ) ends.push(m.index + 1);
  const sentenceOf = (at: number) => ends.filter((e) => e <= at).length;
  const withCode = new Set(found.map((c) => sentenceOf(c.start)));
  const accounts = scan(ACCOUNT).filter((a) => withCode.has(sentenceOf(a.start)) && !found.some((h) => a.start < h.end && h.start < a.end));
  const withAccount = new Set(accounts.map((a) => sentenceOf(a.start)));
  return [...found.filter((c) => withAccount.has(sentenceOf(c.start))), ...accounts].sort((a, b) => a.start - b.start);
}
