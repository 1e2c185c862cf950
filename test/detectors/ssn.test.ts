import { describe, expect, it } from 'vitest';

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

describe('US SSN formats and never-issued numbers', () => {
  it('reads dashes, spaces or dots, one kind per number', async () => {
    const { detectSsn } = await import('../../lib/detectors/ssn.ts');
    expect(detectSsn('SSN 536-22-8741')).toHaveLength(1);
    expect(detectSsn('SSN 536 22 8741')).toHaveLength(1);
    expect(detectSsn('SSN 536.22.8741')).toHaveLength(1);
    expect(detectSsn('SSN 536-22.8741')).toHaveLength(0);
    expect(detectSsn('ref 536-22-8741-12')).toHaveLength(0);
  });

  it('refuses never-issued areas, groups and serials, and the publicised numbers', async () => {
    const { ssnValid } = await import('../../lib/detectors/ssn.ts');
    expect(ssnValid('536', '22', '8741')).toBe(true);
    for (const [a, g, s] of [['000', '22', '8741'], ['666', '22', '8741'], ['900', '22', '8741'], ['999', '22', '8741'],
      ['536', '00', '8741'], ['536', '22', '0000'], ['078', '05', '1120'], ['219', '09', '9999'], ['457', '55', '5462']]) {
      expect(ssnValid(a!, g!, s!), `${a}-${g}-${s}`).toBe(false);
    }
  });
});
