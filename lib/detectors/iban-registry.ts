/**
 * IBAN formats as data, so the detector follows the registries rather than a hand table.
 *
 * Notation is the SWIFT registry's: "4!n" = exactly 4 digits, "a" = upper-case letters,
 * "c" = letters or digits. Each entry is the BBAN (what follows country code and check digits).
 */

/**
 * Every country of the SWIFT IBAN Registry (ISO 13616), release 101
 * (https://www.swift.com/standards/data-standards/iban), re-typed from the parsed copy in
 * python-stdnum's stdnum/iban.dat (github.com/arthurdejong/python-stdnum, commit 006192e5).
 */
export const IBAN_REGISTRY: Readonly<Record<string, string>> = {
  AD: '4!n4!n12!c', AE: '3!n16!n', AL: '8!n16!c', AT: '5!n11!n', AZ: '4!a20!c',
  BA: '3!n3!n8!n2!n', BE: '3!n7!n2!n', BG: '4!a4!n2!n8!c', BH: '4!a14!c', BI: '5!n5!n11!n2!n',
  BR: '8!n5!n10!n1!a1!c', BY: '4!c4!n16!c', CH: '5!n12!c', CR: '4!n14!n', CY: '3!n5!n16!c',
  CZ: '4!n16!n', DE: '8!n10!n', DJ: '5!n5!n11!n2!n', DK: '4!n9!n1!n', DO: '4!c20!n',
  EE: '2!n14!n', EG: '4!n4!n17!n', ES: '4!n4!n1!n1!n10!n', FI: '3!n11!n', FK: '2!a12!n',
  FO: '4!n9!n1!n', FR: '5!n5!n11!c2!n', GB: '4!a6!n8!n', GE: '2!a16!n', GI: '4!a15!c',
  GL: '4!n9!n1!n', GR: '3!n4!n16!c', GT: '4!c20!c', HN: '4!a20!n', HR: '7!n10!n',
  HU: '3!n4!n1!n15!n1!n', IE: '4!a6!n8!n', IL: '3!n3!n13!n', IQ: '4!a3!n12!n', IS: '4!n2!n6!n10!n',
  IT: '1!a5!n5!n12!c', JO: '4!a4!n18!c', KW: '4!a22!c', KZ: '3!n13!c', LB: '4!n20!c',
  LC: '4!a24!c', LI: '5!n12!c', LT: '5!n11!n', LU: '3!n13!c', LV: '4!a13!c',
  LY: '3!n3!n15!n', MC: '5!n5!n11!c2!n', MD: '2!c18!c', ME: '3!n13!n2!n', MK: '3!n10!c2!n',
  MN: '4!n12!n', MR: '5!n5!n11!n2!n', MT: '4!a5!n18!c', MU: '4!a2!n2!n12!n3!n3!a', NI: '4!a20!n',
  NL: '4!a10!n', NO: '4!n6!n1!n', OM: '3!n16!c', PK: '4!a16!c', PL: '8!n16!n',
  PS: '4!a21!c', PT: '4!n4!n11!n2!n', QA: '4!a21!c', RO: '4!a16!c', RS: '3!n13!n2!n',
  RU: '9!n5!n15!c', SA: '2!n18!c', SC: '4!a2!n2!n16!n3!a', SD: '2!n12!n', SE: '3!n16!n1!n',
  SI: '5!n8!n2!n', SK: '4!n6!n10!n', SM: '1!a5!n5!n12!c', SO: '4!n3!n12!n', ST: '4!n4!n11!n2!n',
  SV: '4!a20!n', TL: '3!n14!n2!n', TN: '2!n3!n13!n2!n', TR: '5!n1!n16!c', UA: '6!n19!c',
  VA: '3!n15!n', VG: '4!a16!n', XK: '4!n10!n2!n', YE: '4!a4!n18!c',
};

/**
 * National IBANs in use outside the SWIFT registry (francophone Africa, Cape Verde, Iran…),
 * re-typed from the country specifications of ibantools 4.5.4 (github.com/Simplify/ibantools,
 * MIT/MPL-2.0), which validates them. A Moroccan or Senegalese IBAN in a note is as sensitive
 * as a French one, so the detector knows them too.
 */
export const IBAN_OUTSIDE_REGISTRY: Readonly<Record<string, string>> = {
  AO: '21!n', BF: '2!c22!n', BJ: '2!c22!n', CF: '23!n', CG: '23!n', CI: '1!a23!n', CM: '23!n',
  CV: '21!n', DZ: '22!n', GA: '23!n', GQ: '23!n', GW: '2!a19!n', IR: '22!n', KM: '23!n', MA: '24!n',
  MG: '23!n', ML: '2!c22!n', MZ: '21!n', NE: '2!a22!n', SN: '2!a22!n', TD: '23!n', TG: '2!a22!n',
};

/**
 * Territories the registry lists under another country (France's overseas departments and
 * collectivities, Åland under Finland) whose IBANs may also carry their own ISO code
 * (accepted by ibantools): same BBAN and same national check as the parent.
 */
export const IBAN_TERRITORIES: Readonly<Record<string, string>> = {
  GF: 'FR', GP: 'FR', MQ: 'FR', RE: 'FR', YT: 'FR', PM: 'FR', BL: 'FR', MF: 'FR', NC: 'FR',
  PF: 'FR', TF: 'FR', WF: 'FR', AX: 'FI',
};
