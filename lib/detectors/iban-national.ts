/**
 * National check digits inside the BBAN, where a country defines them and the rule is public.
 * Each function takes the upper-case BBAN (already matched against the registry structure).
 * A country without an entry here is checked by the IBAN's own mod-97 only.
 */

const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;

/** ISO 7064 mod 97-10 over letters and digits (A = 10 … Z = 35). */
export function mod97Alnum(s: string): number {
  let rem = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    rem = c >= 65 ? (rem * 100 + (c - 55)) % 97 : (rem * 10 + (c - 48)) % 97;
  }
  return rem;
}

/** French RIB key (also Monaco and the overseas territories): letters of the account fold to 1–9. */
function ribKeyValid(bban: string): boolean {
  const fold = (ch: string): string => {
    const c = ch.charCodeAt(0);
    if (c < 65) return ch;
    // A–I → 1–9, J–R → 1–9, S–Z → 2–9 (the banking convention, not a plain A=10 mapping).
    const idx = c - 65;
    return String(idx < 9 ? idx + 1 : idx < 18 ? idx - 8 : idx - 16);
  };
  const bank = Number(bban.slice(0, 5));
  const branch = Number(bban.slice(5, 10));
  const account = Number(Array.from(bban.slice(10, 21), fold).join(''));
  const key = Number(bban.slice(21, 23));
  return 97 - ((89 * bank + 15 * branch + 3 * (account % 97)) % 97) === key;
}

/** Belgium: the last two digits are the first ten mod 97 (97 when that is 0). */
function belgianValid(bban: string): boolean {
  const r = Number(bban.slice(0, 10)) % 97;
  return (r === 0 ? 97 : r) === Number(bban.slice(10, 12));
}

/** Spain (CCC): one weighted mod-11 digit over bank+branch, one over the account number. */
function spanishValid(bban: string): boolean {
  const weights = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6];
  const check = (ten: string): number => {
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += digit(ten, i) * weights[i]!;
    const d = 11 - (sum % 11);
    return d === 11 ? 0 : d === 10 ? 1 : d;
  };
  return check(`00${bban.slice(0, 8)}`) === digit(bban, 8) && check(bban.slice(10, 20)) === digit(bban, 9);
}

/** Norway: weighted mod 11 over the first ten digits (a remainder needing "10" is never issued). */
function norwegianValid(bban: string): boolean {
  const weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += digit(bban, i) * weights[i]!;
  const r = sum % 11;
  const check = r === 0 ? 0 : 11 - r;
  return check !== 10 && check === digit(bban, 10);
}

/** Italy and San Marino: the CIN letter from the odd/even position tables over ABI, CAB and account. */
const CIN_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
function italianCinValid(bban: string): boolean {
  let sum = 0;
  for (let i = 1; i < 23; i++) {
    const c = bban.charCodeAt(i);
    const v = c >= 65 ? c - 65 : c - 48;
    sum += i % 2 === 1 ? CIN_ODD[v]! : v; // i = 1 is the first (odd) position after the CIN
  }
  return bban.charCodeAt(0) - 65 === sum % 26;
}

/** Countries whose whole BBAN is itself ISO 7064 mod 97-10 (their IBAN check digits are constant). */
const mod9710Valid = (bban: string): boolean => mod97Alnum(bban) === 1;

const CHECKS: Readonly<Record<string, (bban: string) => boolean>> = {
  FR: ribKeyValid, MC: ribKeyValid, BE: belgianValid, ES: spanishValid, NO: norwegianValid,
  IT: italianCinValid, SM: italianCinValid,
  BA: mod9710Valid, ME: mod9710Valid, MK: mod9710Valid, PT: mod9710Valid, RS: mod9710Valid, SI: mod9710Valid,
};

/** True when the country defines no national check here, or its check holds. */
export function nationalCheckValid(country: string, bban: string): boolean {
  const check = CHECKS[country];
  return !check || check(bban);
}
