import { describe, expect, it } from 'vitest';
import { detectDocuments, ppsValid, ukLicenceValid } from '../../lib/detectors/documents.ts';
import { runDetectors } from '../../lib/detectors/index.ts';

const found = (t: string) => runDetectors(t).map((h) => [t.slice(h.start, h.end), h.rule]);

describe('identity documents after their keyword', () => {
  it('flags a passport number a few words after "passeport"/"passport"', () => {
    expect(found('Passeport de la mariée 19AV48211 pour la réservation')).toEqual([['19AV48211', 'identifier.document']]);
    expect(found('passport no. 533401372 for the visa')).toEqual([['533401372', 'identifier.document']]);
  });
  it('checks the PPS letter (mod 23)', () => {
    expect(ppsValid('6843712Q')).toBe(true);
    expect(ppsValid('6843712R')).toBe(false);
    expect(found("Client's PPS number 6843712Q for the Revenue form")).toEqual([['6843712Q', 'identifier.document']]);
    expect(found('PPS number 6843712R')).toEqual([]);
  });
  it('reads a UK driving licence by its DVLA layout and birth date', () => {
    expect(ukLicenceValid('HUGHE802158JM9LK')).toBe(true);
    expect(ukLicenceValid('HUGHE813158JM9LK')).toBe(false);
    expect(found("Pupil's licence number is HUGHE802158JM9LK, keep on file")).toEqual([['HUGHE802158JM9LK', 'identifier.document']]);
  });
  it('stays quiet on passport talk, years and software licences', () => {
    expect(detectDocuments('passport renewals backlog at the embassy, demo postponed')).toEqual([]);
    expect(detectDocuments('Passeport talent 2024 demandé')).toEqual([]);
    expect(detectDocuments('Licences Office 365 : 48 postes')).toEqual([]);
    expect(detectDocuments('passport photo booth lease renewal, 12 units')).toEqual([]);
  });
});

describe('BitLocker recovery keys', () => {
  it('flags eight dash-joined groups of six digits, not shorter runs', () => {
    const t = 'Clé de récupération BitLocker du PC : 412093-558827-130416-662915-071280-394427-209121-587433';
    expect(found(t)).toEqual([['412093-558827-130416-662915-071280-394427-209121-587433', 'identifier.credential']]);
    expect(found('réf 412093-558827-130416 du lot')).toEqual([]);
  });
});

describe('French residence permits', () => {
  it('flags the ten-digit number after "titre de séjour", not other numbers near it', () => {
    const text = 'Titre de séjour n° 7502189341 photocopié pour le bail';
    expect(detectDocuments(text).map((h) => text.slice(h.start, h.end))).toEqual(['7502189341']);
    expect(detectDocuments('titre de séjour expire le 12/03, dossier 2024')).toHaveLength(0);
    expect(detectDocuments('carte de séjour : 0612345678 (son portable)')).toHaveLength(1);
  });
});
