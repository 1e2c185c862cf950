/**
 * Credentials written in a note: "mot de passe : Soleil2024", "mdp=xyz",
 * "password: hunter2". The keyword must be followed by ":" or "=" (or by
 * "est"/"is" and a value that looks like a secret), so "mot de passe oublié"
 * stays quiet. The finding covers keyword and value, so removing it removes both.
 */
import { type DetectorHit } from './types.ts';
import { DETECTOR_WORDING } from './wording.ts';

const KEYWORD = String.raw`(?:mots?\s+de\s+passe|mdp|pwd|pw|passwd|password|passcode|passphrase|code\s+d['’]acc[eè]s|code\s+secret|code\s+pin|pin\s+code|pin|wi-?fi\s+(?:pass|code|key)|(?:security|secret)\s+answer|memorable\s+(?:word|answer))`;
// Up to four words may name what the secret opens ("de son espace client", "for his portal"); up to
// eight before ":" and a made-up value ("Mot de passe du compte admin de la compta : Tulipe2024!").
const CREDENTIAL = new RegExp(
  String.raw`(?<![\p{L}\p{N}])${KEYWORD}(?<qualifier>(?:\s+[\p{L}\p{N}'’_-]+){0,8}?)\s*(?:(?<sep>[:=])|\s(?<verb>est|is|was)\s)\s*(?<value>[^\s,;]+)`,
  'giu',
);
const NOT_SECRETS = /^(?:oubli[ée]e?s?|perdue?s?|chang[ée]e?s?|modifi[ée]e?s?|r[ée]initialis[ée]e?s?|bloqu[ée]e?s?|expir[ée]e?s?|reset|forgotten|lost|changed|expired|locked|incorrecte?|wrong|invalide?|invalid|envoy[ée]e?|sent|ok|fourni|provided|see|voir|tbc|tbd|pending|attached|à|a|the|le|la|en|in)$/i;
// Articles may stand in the words naming what the secret opens ("PIN for the fleet card is 8842").
const ARTICLES = /^(?:the|le|la|en|in|à|a)$/i;
// Words that make the keyword a rule about secrets, not one: "Password policy: 12 chars min".
const ABOUT_SECRETS = /^(?:policy|policies|rules?|requirements?|length|complexity|expiry|strength|format|hint|manager|politique|règles?|longueur)$/i;
const WORDING = DETECTOR_WORDING['identifier.credential'];
/** Trailing characters that close the sentence rather than the secret. */
const CLOSING = /[.)»"]+$/;

// The code of a bank card, dictated and written down: "code de carte bleue : 4821", "code CB, 1234".
const CARD_CODE = /(?<![\p{L}\p{N}])code\s+(?:de\s+(?:la\s+|sa\s+|son\s+)?)?(?:carte(?:\s+(?:bleue|bancaire|de\s+cr[ée]dit|visa))?|cb)(?![\p{L}\p{N}])\s*[:=,]?\s*(?:(?:code|pin)\s*:?\s*)?\d{4}(?!\d)/giu;
// A card's security code right after its name, with or without a colon: "CVV 482", "cvv: 4421",
// "crypto 318", "cryptogramme visuel 123". "Crypto" alone is also a currency, so it needs exactly
// three digits ("crypto 2024 summit" stays quiet); the other names take the 3 or 4 of Amex.
const CARD_SECURITY_CODE = /(?<![\p{L}\p{N}])(?:(?:cvv2?|cvc2?|cvn|csc|cid|card\s+security\s+code|security\s+code|sec\.?\s+code|code\s+de\s+s[ée]curit[ée]|code\s+(?:au|du)\s+dos|cryptogramme(?:\s+visuel)?)\s*(?:[:=#]|is|est)?\s*\d{3,4}|crypto\s*[:=]?\s*\d{3})(?![\p{L}\p{N}])/giu;
// A password keyword right before a value that mixes letters and digits ("mdp Marseille13", "pw Yankees1999").
const BARE_VALUE = /(?<![\p{L}\p{N}])(?:mots?\s+de\s+passe|mdp|pwd|pw|passwd|password)\s+(?<value>(?=[^\s,;]*\p{L})(?=[^\s,;]*\d)[^\s,;]{6,})/giu;

// A PIN or an alarm/safe code right before its digits ("PIN 4471", "alarm master code is 4471",
// "engineer code 9026", "code de l'alarme : 1234"). Upper-case "PIN" only when bare: "pin 1450 €" is pine.
// Door and building codes are left out: reps write them in delivery addresses ("3e étage, code 4512").
// A few words may name what the code opens when ":" or "is" follows ("Code alarme de la cave : 7719").
const PIN_OR_ALARM_CODE = /(?<![\p{L}\p{N}])(?:PIN|[Pp][Ii][Nn]\s+(?:[Cc]ode|[Nn]umber)|(?:[Aa]larm(?:\s+(?:master|user|engineer))?|[Mm]aster|[Ee]ngineer|[Ii]nstaller|[Dd]isarm|[Ss]afe|[Kk]ey\s?safe|[Ll]ock\s?box)\s+(?:code|pin|PIN)|[Cc]ode\s+(?:d['’]alarme|de\s+l['’]alarme|alarme|du\s+coffre(?:-fort)?|ma[iî]tre|installateur|de\s+d[ée]sactivation))(?:(?:\s+[\p{L}'’-]+){1,4}?\s*(?:[:=#]|is|est)|\s*(?:[:=#]|is|est)?)\s*\d{4,6}(?![\p{L}\p{N}]|[.,]\d|\s*(?:€|eur|%))/gu;

// "PIN code 560001" is India's postal code (always six digits): a PIN with six digits is left out.
const POSTAL_PIN = /^pin\b[^\d]*\d{6}$/iu;

// A password given as what it was reset or changed to ("password for the app reset to Bluebell2026!",
// "mdp changé en Chaton#77"): only a made-up value counts ("reset to default" stays quiet).
const RESET_TO = /(?<![\p{L}\p{N}])(?:mots?\s+de\s+passe|mdp|pwd|password|passcode)(?:\s+[\p{L}\p{N}'’_-]+){0,5}?\s+(?:(?:was|has\s+been|a\s+été)\s+)?(?:reset|changed|set|updated|r[ée]initialis[ée]e?|chang[ée]e?|modifi[ée]e?)\s+(?:to|as|en|à|a|pour)\s+(?<value>[^\s,;]+)/giu;

// A card's secret code named, a few words, then ":" and its digits ("Code confidentiel de sa carte noté sur
// un post-it : 8820", "Code de la carte bancaire … noté par erreur : code 4821").
const CARD_CODE_LATER = /(?<![\p{L}\p{N}])code\s+(?:confidentiel|secret|pin|de\s+(?:la\s+|sa\s+|son\s+)?(?:carte|cb))(?<words>(?:\s+[\p{L}'’-]+){0,8}?)\s*[:=]\s*(?:code\s+)?\d{4,6}(?![\p{L}\p{N}]|[.,]\d)/giu;
const ABOUT_CODE = /(?<![\p{L}])(?:envoy|oubli|perdu|bloqu|chang|modifi|r[ée]initialis|postal|promo|sim|puk)/iu;

// "pass" alone is also a ticket or a plan ("pass Navigo : 86 €", "pass culture : 300"): it counts
// only right before ":" or "=" and a value that mixes letters with digits or symbols ("P@ssw0rd!").
// "pass is" too ("her booking portal pass is Nieve2025!"): the same made-up value is required.
const SHORT_KEYWORD = /(?<![\p{L}\p{N}])(?:pass|passe|pwd|pw)(?:\s*[:=]|\s+(?:is|est)\s)\s*(?<value>[^\s,;]+)/giu;
const MADE_UP = /^(?=.*\p{L})(?=.*[\d\W_]).{4,}$/u;
// A login written with its password after a slash: "login: mjones77 / Tulsa#2021"; up to four words
// may name what it opens ("Login for his online banking: marc.d / Summer#88").
const LOGIN_PAIR = /(?<![\p{L}\p{N}])(?:login|log-in|username|user\s?name|identifiant)(?:\s+[\p{L}'’-]+){0,4}?\s*[:=]?\s*[^\s/,;:]+\s*\/\s*(?<value>[^\s,;]+)/giu;

export function detectCredentials(text: string): DetectorHit[] {
  const hits: DetectorHit[] = [];
  CREDENTIAL.lastIndex = 0;
  for (let m; (m = CREDENTIAL.exec(text)); ) {
    const g = m.groups!;
    const value = g.value!.replace(CLOSING, '');
    if (!value || NOT_SECRETS.test(value)) continue;
    // "mot de passe oublié : renvoyer le lien" is about a password, not one.
    if (g.qualifier!.trim().split(/\s+/).some((w) => (NOT_SECRETS.test(w) && !ARTICLES.test(w) && w.length > 2) || ABOUT_SECRETS.test(w))) continue;
    if (g.qualifier!.trim().split(/\s+/).length > 4 && !(g.sep && MADE_UP.test(value))) continue;
    // After "est"/"is" only a value that looks made up (digit, symbol or mixed case) counts.
    if (!g.sep && !/[\d\W_]/u.test(value.replace(/[\p{L}]/gu, '')) && !/[a-z][A-Z]|[A-Z][a-z]+[A-Z]/.test(value)) continue;
    let end = m.index + m[0].length - (g.value!.length - value.length);
    // "Identifiant + mdp : caron.m / Soleil!81": the value is a login, the password follows the slash.
    const pair = /^\s*\/\s*([^\s,;]+)/u.exec(text.slice(end));
    if (pair && MADE_UP.test(pair[1]!.replace(CLOSING, ''))) end += pair[0].length - (pair[1]!.length - pair[1]!.replace(CLOSING, '').length);
    hits.push({
      start: m.index,
      end,
      rule: 'identifier.credential',
      ...WORDING,
    });
  }
  for (const extra of [...detectShortKeyword(text), ...detectPattern(text, CARD_CODE), ...detectPattern(text, CARD_SECURITY_CODE), ...detectPattern(text, BARE_VALUE), ...detectPattern(text, PIN_OR_ALARM_CODE).filter((h) => !POSTAL_PIN.test(text.slice(h.start, h.end))), ...detectCardCodeLater(text), ...detectPattern(text, RESET_TO).filter((h) => MADE_UP.test(/(\S+)$/u.exec(text.slice(h.start, h.end))![1]!)), ...detectLoginPair(text)]) {
    if (!hits.some((h) => h.start < extra.end && extra.start < h.end)) hits.push(extra);
  }
  return hits.sort((a, b) => a.start - b.start);
}

function detectShortKeyword(text: string): DetectorHit[] {
  const hits: DetectorHit[] = [];
  SHORT_KEYWORD.lastIndex = 0;
  for (let m; (m = SHORT_KEYWORD.exec(text)); ) {
    const value = m.groups!.value!.replace(CLOSING, '');
    if (!MADE_UP.test(value) || NOT_SECRETS.test(value)) continue;
    hits.push({
      start: m.index,
      end: m.index + m[0].length - (m.groups!.value!.length - value.length),
      rule: 'identifier.credential',
      ...WORDING,
    });
  }
  return hits;
}

function detectPattern(text: string, pattern: RegExp): DetectorHit[] {
  const hits: DetectorHit[] = [];
  pattern.lastIndex = 0;
  for (let m; (m = pattern.exec(text)); ) {
    const value = m.groups?.value;
    if (value !== undefined && NOT_SECRETS.test(value.replace(CLOSING, ''))) continue;
    const end = m.index + m[0].length - (value ? value.length - value.replace(CLOSING, '').length : 0);
    hits.push({ start: m.index, end, rule: 'identifier.credential', ...WORDING });
  }
  return hits;
}

/** The value after the slash is the password only when it looks made up (letters with digits or symbols). */
function detectLoginPair(text: string): DetectorHit[] {
  return detectPattern(text, LOGIN_PAIR).filter((h) => {
    const value = /\/\s*(\S+)$/u.exec(text.slice(h.start, h.end))?.[1] ?? '';
    return MADE_UP.test(value);
  });
}

/** The words between the code's name and its digits must not say the code was sent, lost or changed. */
function detectCardCodeLater(text: string): DetectorHit[] {
  const hits: DetectorHit[] = [];
  CARD_CODE_LATER.lastIndex = 0;
  for (let m; (m = CARD_CODE_LATER.exec(text)); ) {
    if (ABOUT_CODE.test(m.groups!.words!)) continue;
    hits.push({ start: m.index, end: m.index + m[0].length, rule: 'identifier.credential', ...WORDING });
  }
  return hits;
}
