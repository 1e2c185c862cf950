/**
 * US Social Security numbers written AAA-GG-SSSS (dashes or spaces), or nine
 * digits right after "SSN"/"social security". Invalid ranges (area 000, 666,
 * 900–999; group 00; serial 0000) are not SSNs.
 */
import type { DetectorHit } from './types.ts';

const GROUPED = /(?<![\p{L}\p{N}])(\d{3})([- ])(\d{2})\2(\d{4})(?![\p{L}\p{N}])/gu;
const AFTER_KEYWORD = /(?<![\p{L}\p{N}])(?:ssn|social security(?: number| no\.?| #)?)\s*(?:[:#=]|is)?\s*(\d{9})(?![\p{L}\p{N}])/giu;

export function ssnValid(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  return a !== 0 && a !== 666 && a < 900 && group !== '00' && serial !== '0000';
}

const hit = (start: number, end: number): DetectorHit => ({
  start,
  end,
  rule: 'identifier.ssn',
  message: {
    fr: 'Un numéro de sécurité sociale américain (SSN) ne doit pas figurer dans une note.',
    en: 'A Social Security number must not sit in a note: it belongs in its protected field.',
  },
  source: 'GDPR art. 32; CCPA "sensitive personal information"',
});

export function detectSsn(text: string): DetectorHit[] {
  const hits: DetectorHit[] = [];
  GROUPED.lastIndex = 0;
  for (let m; (m = GROUPED.exec(text)); ) {
    if (ssnValid(m[1]!, m[3]!, m[4]!)) hits.push(hit(m.index, m.index + m[0].length));
  }
  AFTER_KEYWORD.lastIndex = 0;
  for (let m; (m = AFTER_KEYWORD.exec(text)); ) {
    const d = m[1]!;
    if (!ssnValid(d.slice(0, 3), d.slice(3, 5), d.slice(5))) continue;
    const start = m.index + m[0].length - d.length;
    hits.push(hit(start, start + d.length));
  }
  return hits;
}
