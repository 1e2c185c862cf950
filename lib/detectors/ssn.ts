/**
 * US Social Security numbers written AAA-GG-SSSS with one kind of separator (dashes, spaces
 * or dots), or nine digits right after "SSN"/"social security". Never-issued numbers are not
 * SSNs: area 000, 666 or 900–999, group 00, serial 0000, and the numbers made public by
 * advertising (python-stdnum's list: 078-05-1120 Woolworth wallet, 219-09-9999 SSA leaflet,
 * 457-55-5462 LifeLock ad).
 */
import type { DetectorHit } from './types.ts';
import { DETECTOR_WORDING } from './wording.ts';

const GROUPED = /(?<![\p{L}\p{N}]|\d[- .\u00a0])(\d{3})([- .\u00a0])(\d{2})\2(\d{4})(?![\p{L}\p{N}]|[- .\u00a0]\d)/gu;
const AFTER_KEYWORD = /(?<![\p{L}\p{N}])(?:ssn|social security(?: number| no\.?| #)?)\s*(?:[:#=]|is)?\s*(\d{9})(?![\p{L}\p{N}])/giu;
const PUBLICISED = new Set(['078051120', '219099999', '457555462']);

export function ssnValid(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  return a !== 0 && a !== 666 && a < 900 && group !== '00' && serial !== '0000' && !PUBLICISED.has(area + group + serial);
}

const hit = (start: number, end: number): DetectorHit => ({
  start,
  end,
  rule: 'identifier.ssn',
  ...DETECTOR_WORDING['identifier.ssn'],
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
