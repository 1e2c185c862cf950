/**
 * Identity documents named just before their number: a passport ("Passeport de la mariée
 * 19AV48211"), an Irish PPS number (seven digits, a mod-23 check letter, an optional second
 * letter), a UK driving licence (DVLA layout: five surname characters, six birth-date digits,
 * initials, a digit, two check letters), a French residence permit ("titre de séjour n° 7502189341": the
 * ten-digit AGDREF number). Keyword-led: a bare alphanumeric run is an order code.
 */
import type { DetectorHit } from './types.ts';
import { DETECTOR_WORDING } from './wording.ts';
import { FILLER, valuesAfterKeyword } from './keyword-led.ts';
const PASSPORT = new RegExp(String.raw`(?<![\p{L}\p{N}])pass(?:e)?ports?${FILLER}(?<value>[A-Z0-9]{6,10})(?![\p{L}\p{N}])`, 'giu');
const PPS = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:ppsn?|personal\s+public\s+service)${FILLER}(?<value>\d{7}[A-W][A-IW]?)(?![\p{L}\p{N}])`, 'giu');
const LICENCE = new RegExp(String.raw`(?<![\p{L}\p{N}])licen[cs]es?${FILLER}(?<value>[A-Z9]{5}\d{6}[A-Z9]{2}\d[A-Z]{2})(?![\p{L}\p{N}])`, 'gu');

const RESIDENCE_PERMIT = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:(?:titre|carte)\s+de\s+s[ée]jour|agdref|num[ée]ro\s+[ée]tranger)${FILLER}(?<value>\d{10})(?![\p{L}\p{N}])`, 'giu');

/** PPS check letter: digits weighted 8…2, the second letter weighted 9, mod 23 (0 → W). */
export function ppsValid(pps: string): boolean {
  const s = pps.toUpperCase();
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += (8 - i) * Number(s[i]);
  if (s.length === 9 && s[8] !== 'W') sum += 9 * (s.charCodeAt(8) - 64);
  const r = sum % 23;
  return s[7] === (r === 0 ? 'W' : String.fromCharCode(64 + r));
}

/** DVLA birth-date digits: month 01–12 (51–62 for women), day 01–31. */
export function ukLicenceValid(v: string): boolean {
  const month = Number(v.slice(6, 8)) % 50;
  const day = Number(v.slice(8, 10));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

const scan = (text: string, re: RegExp, valid: (v: string) => boolean) => valuesAfterKeyword(text, re, valid, 'identifier.document');

// A passport number has letters and at least five digits, or is all digits (8–9): "2024" or a year range is not one.
const passportLike = (v: string) => (v.replace(/\D/g, '').length >= 5 && /^[A-Z0-9]+$/.test(v)) && !/^\d{6,7}$/.test(v) && !/^(?:19|20)\d\d$/.test(v);

export function detectDocuments(text: string): DetectorHit[] {
  return [...scan(text, PASSPORT, passportLike), ...scan(text, PPS, ppsValid), ...scan(text, LICENCE, ukLicenceValid), ...scan(text, RESIDENCE_PERMIT, () => true)];
}

// A BitLocker recovery key: eight groups of six digits joined by dashes; no other number has that layout.
const RECOVERY_KEY = /(?<![\p{L}\p{N}-])\d{6}(?:-\d{6}){7}(?![\p{L}\p{N}]|-\d)/gu;

export function detectRecoveryKeys(text: string): DetectorHit[] {
  const out: DetectorHit[] = [];
  RECOVERY_KEY.lastIndex = 0;
  for (let m; (m = RECOVERY_KEY.exec(text)); ) out.push({ start: m.index, end: m.index + m[0].length, rule: 'identifier.credential', ...DETECTOR_WORDING['identifier.credential'] });
  return out;
}
