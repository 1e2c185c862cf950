/** All checksum and pattern detectors, run in one place; earlier ones win overlaps. */
import { detectBankDetails } from './bank-details.ts';
import { detectCards } from './card.ts';
import { detectCredentials } from './credentials.ts';
import { detectDocuments, detectRecoveryKeys } from './documents.ts';
import { detectIban } from './iban.ts';
import { detectNationalIds } from './national-ids.ts';
import { detectNino } from './nino.ts';
import { detectNir } from './nir.ts';
import { detectSsn } from './ssn.ts';
import type { DetectorHit } from './types.ts';

export type { DetectorHit } from './types.ts';

const IDENTIFIERS = [detectNir, detectIban, detectCards, detectSsn, detectNino, detectNationalIds, detectRecoveryKeys];
const ALL = [detectCredentials, detectDocuments, detectBankDetails, ...IDENTIFIERS];
const CREDENTIALS_ONLY = [detectCredentials, detectDocuments, detectBankDetails];
const SEP = '[ \\u00a0\\u202f.\\-]';
/**
 * Cheap pre-checks, each a superset of what a detector can find, so ordinary notes ("RDV 14h",
 * "5 %") skip the detectors: nine digits in a row (separators allowed) for cards, SSNs, NIRs
 * and most IBANs; a Corsican department between digits for a NIR ("… 07 2B 073 …"); check
 * digits after an upper-case country code, then four characters, for an IBAN whose BBAN is
 * mostly letters ("LV80 BANK …"); six digits after two letters and before A–D for a UK
 * National Insurance number ("JR 48 21 93 B", "jr-48-21-93-b"); a keyword for credentials or a card security
 * code ("CVV", "crypto", "CID"); "titre"/"séjour" for a residence permit; a bank code's name ("sort code", "BSB",
 * "routing", "ABA", "IFSC"). Every identifier branch starts on a digit, which keeps the scan as
 * fast as a digits-only one.
 */
const MAYBE_IDENTIFIER = `\\d(?:(?:${SEP}?\\d){8}|${SEP}?2[AaBb]${SEP}?\\d|(?<=[A-Z]{2}${SEP}?\\d)\\d${SEP}?[A-Z0-9]{4}|(?<=[A-Za-z]{2}[ \\u00a0-]?\\d)\\d[ \\u00a0-]?\\d\\d[ \\u00a0-]?\\d\\d[ \\u00a0-]?[A-Da-d])`;
const MAYBE_CREDENTIAL = '[Cc][Vv][VvCcNn]|[Cc][Ii][Dd]|[Cc][Ss][Cc]|[Cc][Rr][Yy][Pp][Tt]|[Pp][Aa][Ss][Ss]|[Mm][Dd][Pp]|[Pp][Ww]|[Cc][Oo][Dd][Ee]|[Pp][Ii][Nn]|[Ll][Oo][Gg]-?[Ii][Nn]|[Uu][Ss][Ee][Rr] ?[Nn][Aa][Mm][Ee]|[Ii][Dd][Ee][Nn][Tt][Ii][Ff][Ii][Aa][Nn][Tt]|[Aa][Nn][Ss][Ww][Ee][Rr]|[Pp][Pp][Ss]|[Ll][Ii][Cc][Ee][Nn]|[Mm][Ee][Mm][Oo][Rr][Aa][Bb][Ll][Ee]|[Ss][ée][Jj][Oo][Uu][Rr]|[Ss]ejour|[Aa][Gg][Dd][Rr][Ee][Ff]|[Ss][Oo][Rr][Tt][ -]?[Cc][Oo][Dd][Ee]|BSB|[Rr][Oo][Uu][Tt][Ii][Nn][Gg]|ABA|RTN|IFSC';
const MAYBE_ANY = new RegExp(`${MAYBE_IDENTIFIER}|${MAYBE_CREDENTIAL}`);
const IDENTIFIER_FIRST = new RegExp(MAYBE_IDENTIFIER);
const CREDENTIAL_FIRST = new RegExp(MAYBE_CREDENTIAL);

export function runDetectors(text: string): DetectorHit[] {
  if (!MAYBE_ANY.test(text)) return [];
  // Only the detectors whose pre-check passed run ("code postal" skips the IBAN and card scans).
  const maybeIdentifier = IDENTIFIER_FIRST.test(text);
  const maybeCredential = CREDENTIAL_FIRST.test(text);
  const detectors = !maybeIdentifier ? CREDENTIALS_ONLY : maybeCredential ? ALL : IDENTIFIERS;
  const out: DetectorHit[] = [];
  for (const detect of detectors) {
    for (const hit of detect(text)) {
      if (out.some((h) => hit.start < h.end && h.start < hit.end)) continue;
      out.push(hit);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
