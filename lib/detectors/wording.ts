/**
 * What each identifier detector says, in both UI languages: the finding's message and legal
 * basis, also read by rule id where a report shows a rule apart from its findings (audit).
 */
import type { Locale } from '../categories.ts';

type Wording = { message: Record<Locale, string>; source: Record<Locale, string> };

export const DETECTOR_WORDING = {
  'identifier.card': {
    message: {
      fr: 'Un numéro de carte bancaire ne doit jamais figurer dans une note (PCI DSS).',
      en: 'A payment card number must never sit in a note (PCI DSS).',
    },
    source: { fr: 'RGPD art. 32 ; PCI DSS 3.4', en: 'GDPR art. 32; PCI DSS 3.4' },
  },
  'identifier.credential': {
    message: {
      fr: 'Un mot de passe ou code secret écrit dans une note est lisible par tous : supprimez-le et faites-le changer.',
      en: 'A password or secret code written in a note is readable by everyone: remove it and have it changed.',
    },
    source: { fr: 'RGPD art. 32 (sécurité des données)', en: 'GDPR art. 32 (security of processing)' },
  },
  'identifier.iban': {
    message: {
      fr: 'Un IBAN ne doit pas figurer dans une note : saisissez-le dans le champ bancaire protégé.',
      en: 'An IBAN must not sit in a note: enter it in the protected bank details field.',
    },
    source: { fr: 'RGPD art. 32 (sécurité des données)', en: 'GDPR art. 32 (security of processing)' },
  },
  'identifier.nir': {
    message: {
      fr: 'Un numéro de sécurité sociale ne doit pas figurer dans une note : il a son champ protégé.',
      en: 'A French social security number must not sit in a note: it belongs in its protected field.',
    },
    source: { fr: 'RGPD art. 32 ; décret 2019-341 (usage du NIR encadré)', en: 'GDPR art. 32; French decree 2019-341 (restricted use of the NIR)' },
  },
  'identifier.ssn': {
    message: {
      fr: 'Un numéro de sécurité sociale américain (SSN) ne doit pas figurer dans une note.',
      en: 'A Social Security number must not sit in a note: it belongs in its protected field.',
    },
    source: { fr: 'RGPD art. 32 ; CCPA « sensitive personal information »', en: 'GDPR art. 32; CCPA "sensitive personal information"' },
  },
  'identifier.document': {
    message: {
      fr: "Un numéro de pièce d'identité (passeport, permis, PPS) ne doit pas figurer dans une note : il a son champ protégé.",
      en: 'An identity document number (passport, driving licence, PPS) must not sit in a note: it belongs in its protected field.',
    },
    source: { fr: 'RGPD art. 32 (sécurité des données)', en: 'GDPR art. 32 (security of processing)' },
  },
  'identifier.national-id': {
    message: {
      fr: "Un numéro d'identité national (TFN, SIN/NAS, Aadhaar, AVS) ne doit pas figurer dans une note : il a son champ protégé.",
      en: 'A national identity number (TFN, SIN, Aadhaar, AHV/AVS) must not sit in a note: it belongs in its protected field.',
    },
    source: { fr: 'RGPD art. 87 (numéro d\'identification national) ; art. 32', en: 'GDPR art. 87 (national identification number); art. 32' },
  },
  'identifier.bank-account': {
    message: {
      fr: "Des coordonnées bancaires (sort code, BSB, routing number, IFSC, numéro de compte) ne doivent pas figurer dans une note : elles ont leur champ protégé.",
      en: 'Bank details (sort code, BSB, routing number, IFSC, account number) must not sit in a note: they belong in their protected field.',
    },
    source: { fr: 'RGPD art. 32 (sécurité des données)', en: 'GDPR art. 32 (security of processing)' },
  },
  'identifier.nino': {
    message: {
      fr: 'Un numéro de National Insurance britannique ne doit pas figurer dans une note.',
      en: 'A National Insurance number must not sit in a note: it belongs in its protected field.',
    },
    source: { fr: 'RGPD art. 32 (sécurité des données)', en: 'UK GDPR art. 32 (security of processing)' },
  },
} satisfies Record<string, Wording>;

/** The wording of a detector's rule id, if it is one. */
export function detectorWording(rule: string): Wording | undefined {
  return (DETECTOR_WORDING as Record<string, Wording | undefined>)[rule];
}
