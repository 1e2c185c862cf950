import { describe, expect, it } from 'vitest';
import { detectNino } from '../../lib/detectors/nino.ts';
import { runDetectors } from '../../lib/detectors/index.ts';

const found = (text: string) => detectNino(text).map((h) => text.slice(h.start, h.end));

describe('UK National Insurance numbers', () => {
  it('finds one written solid or in spaced pairs, through the detectors pre-check too', () => {
    expect(found('NI number JR 48 21 93 B for the payroll onboarding')).toEqual(['JR 48 21 93 B']);
    expect(found('NINO: AB123456C, temp starts Monday')).toEqual(['AB123456C']);
    const text = 'Temp M. Jones, NI JR 48 21 93 B, starts Monday';
    expect(runDetectors(text).map((h) => [text.slice(h.start, h.end), h.rule])).toEqual([['JR 48 21 93 B', 'identifier.nino']]);
  });
  it('finds one with hyphens or spaced around the digits, and a lower-case one after a word naming it', () => {
    expect(found('NI JR-48-21-93-B, payroll')).toEqual(['JR-48-21-93-B']);
    expect(found('new starter JR 482193 B, P45 to follow')).toEqual(['JR 482193 B']);
    expect(found('ni no jr482193b for the pension')).toEqual(['jr482193b']);
    expect(found('National Insurance: jr 48 21 93 b')).toEqual(['jr 48 21 93 b']);
    const text = 'nat ins jr-48-21-93-b';
    expect(runDetectors(text).map((h) => text.slice(h.start, h.end))).toEqual(['jr-48-21-93-b']);
  });
  it('refuses prefixes HMRC never issues and letters it never uses', () => {
    for (const prefix of ['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']) expect(found(`ref ${prefix}123456A`)).toEqual([]);
    expect(found('QQ123456C')).toEqual([]); // Q is never a prefix letter
    expect(found('AO123456C')).toEqual([]); // O is never the second letter
    expect(found('AB123456E')).toEqual([]); // the suffix is A to D
  });
  it('stays quiet on codes of another shape', () => {
    expect(found('part XZ12 3456A in stock')).toEqual([]);
    expect(found('JR 48 2193 B')).toEqual([]);
    expect(found('ab123456c lower-case part code')).toEqual([]);
    expect(found('order jr482193b shipped')).toEqual([]);
    expect(found('JR-48 21-93 B')).toEqual([]);
    expect(found('VAT GB123456789')).toEqual([]);
  });
});
