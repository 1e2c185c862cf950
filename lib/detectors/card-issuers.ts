/**
 * Payment card issuer ranges (ISO/IEC 7812 issuer identification numbers) with each network's
 * card lengths, re-typed from the IIN table of the Wikipedia article "Payment card number"
 * (networks' published ranges) and cross-checked against braintree/credit-card-type (MIT).
 * A range is "lo-hi" over prefixes of the same length, or a single prefix.
 *
 * Left out on purpose: 12-digit Maestro numbers (too many ordinary 12-digit references pass
 * Luhn by chance) and networks without a Luhn check digit (Diners enRoute).
 */
export interface CardIssuer {
  name: string;
  ranges: readonly string[];
  lengths: readonly number[];
}

const span = (lo: number, hi: number): number[] => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);

export const CARD_ISSUERS: readonly CardIssuer[] = [
  { name: 'Visa', ranges: ['4'], lengths: [13, 16, 19] },
  { name: 'Mastercard', ranges: ['51-55', '2221-2720'], lengths: [16] },
  { name: 'American Express', ranges: ['34', '37'], lengths: [15] },
  { name: 'Diners Club', ranges: ['300-305', '3095', '36', '38-39'], lengths: span(14, 19) },
  { name: 'Discover', ranges: ['6011', '644-649', '65', '622126-622925'], lengths: span(16, 19) },
  { name: 'JCB', ranges: ['3528-3589'], lengths: span(16, 19) },
  { name: 'UnionPay', ranges: ['62', '8100-8171'], lengths: span(16, 19) },
  { name: 'Maestro', ranges: ['50', '56-69'], lengths: span(13, 19) },
  { name: 'Dankort', ranges: ['5019'], lengths: [16] },
  { name: 'Mir', ranges: ['2200-2204'], lengths: span(16, 19) },
  { name: 'BORICA', ranges: ['2205'], lengths: [16] },
  { name: 'UATP', ranges: ['1'], lengths: [15] },
  { name: 'China T-Union', ranges: ['31'], lengths: [19] },
  { name: 'RuPay', ranges: ['60', '65', '81', '82', '508', '353', '356'], lengths: [16] },
  { name: 'Verve', ranges: ['506099-506198', '650002-650027', '507865-507964'], lengths: [16, 18, 19] },
  { name: 'UkrCard', ranges: ['60400100-60420099'], lengths: span(16, 19) },
  { name: 'LankaPay', ranges: ['357111'], lengths: [16] },
  { name: 'GPN', ranges: ['1946', '50', '56', '58', '60-63'], lengths: [16, 18, 19] },
  { name: 'Troy', ranges: ['65', '9792'], lengths: [16] },
  { name: 'UzCard', ranges: ['8600', '5614'], lengths: [16] },
  { name: 'Humo', ranges: ['9860'], lengths: [16] },
  { name: 'Napas', ranges: ['9704'], lengths: [16, 19] },
];
