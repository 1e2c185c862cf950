/**
 * Does a rewritten note read broken? The definition of issue 12, checked on
 * the text alone (no NLP): a defect counts only when the rewrite created it,
 * i.e. the rewritten text has more occurrences of it than the original.
 *
 *  - `double-comma`     ",," (spaces allowed in between)
 *  - `empty-colon`      a colon followed by nothing or by punctuation
 *  - `empty-parens`     "()" or "[]"
 *  - `dangling-word`    a sentence or clause ending on a copula, article,
 *                       possessive or preposition ("est,", "is a,", "de la,", "from,")
 *  - `leading-punct`    a text, line or sentence starting with punctuation
 *  - `double-space`     two spaces in a row (indentation at a line start aside)
 *  - `lowercase-start`  a lowercase letter starting a sentence
 *  - `numeral`          a numeral of 2 or more before a singular word ("4 spécial")
 */

export type BrokenKind = 'double-comma' | 'empty-colon' | 'empty-parens' | 'dangling-word' | 'leading-punct' | 'double-space' | 'lowercase-start' | 'numeral';

export interface Defect {
  kind: BrokenKind;
  /** What was seen, lower-cased: the key two texts are compared by. */
  snippet: string;
  index: number;
}

const words = (s: string) => new Set(s.split(/\s+/).filter(Boolean));
/** Words a clause cannot end on, per locale ("a" is both "il a" and "a"). */
const DANGLING = {
  fr: words(`est sont était étaient sera a ont avait sort souffre porte
    le la les un une des du l' d' ce cet cette ces son sa ses leur leurs mon ma mes notre votre
    de à au aux avec pour sur par chez sans dans vers entre selon`),
  en: words(`is are was were be been has have had wears suffers a an the this these those
    his its their my our your of from with for to at into about without than`),
};

const FR_NUMBERS = new Set(['deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix', 'onze', 'douze', 'quinze', 'vingt', 'trente', 'cent']);
const EN_NUMBERS = new Set(['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'fifteen', 'twenty', 'thirty', 'hundred']);
/** Words that follow a numeral and stay singular: units, months, invariable words. */
const AFTER_NUMERAL_OK = /^(?:[a-zà-ÿ]{1,3}|h|min|kg|km|mg|ml|cm|mm|eur|euro|pm|am|janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december|casher|kasher|hallal|halal|vegan|bio|kosher|sans|pour|de|et|ou|à|a|x|fois|ans|mois|pieds|people|sheep|fish|percent|pourcent|heure|p\.?m|a\.?m|étage|etage|ème|eme|er|e|bis|ter|rue|avenue|bd|boulevard)$/u;

const WORD_AT = /[\p{L}'’]+$/u;

function push(out: Defect[], kind: BrokenKind, snippet: string, index: number) {
  out.push({ kind, snippet: snippet.toLowerCase(), index });
}

/** Every defect of the definition found in `text` (created or not). */
export function findDefects(text: string, locale?: 'fr' | 'en'): Defect[] {
  const dangling = locale ? DANGLING[locale] : new Set([...DANGLING.fr, ...DANGLING.en]);
  const out: Defect[] = [];
  let m: RegExpExecArray | null;

  for (const re = /,[ \t\u00a0\u202f]*,/g; (m = re.exec(text)); ) push(out, 'double-comma', m[0], m.index);
  // "IBAN :" at the end, "IBAN :, prélèvement"; "10:30" and "https://" are fine.
  for (const re = /:[ \t\u00a0\u202f]*(?=$|\n|[,.;:!?)\]»])/g; (m = re.exec(text)); ) {
    const before = text.slice(Math.max(0, m.index - 12), m.index);
    push(out, 'empty-colon', before.replace(/^.*[\s,;]/u, '') + ':', m.index);
    if (re.lastIndex === m.index) re.lastIndex++;
  }
  for (const re = /\([ \t\u00a0\u202f]*\)|\[[ \t\u00a0\u202f]*\]/g; (m = re.exec(text)); ) push(out, 'empty-parens', m[0], m.index);

  // Clause ends: before , ; : . ! ? ) — or a line break, or the end of the text.
  for (const re = /[,;:.!?)\]\n]|$/g; (m = re.exec(text)); ) {
    const head = text.slice(Math.max(0, m.index - 30), m.index).replace(/[ \t\u00a0\u202f]+$/u, '');
    const w = WORD_AT.exec(head)?.[0];
    if (w) {
      const word = w.toLowerCase().replace(/’/g, "'");
      // Only bare function words ("Dupont SA" is a company); "d'", "l'" glued to the end.
      if ((dangling.has(word) && w !== w.toUpperCase()) || /(?:^|[^\p{L}])[ld]'$/u.test(word)) push(out, 'dangling-word', `${word}${m[0] || '$'}`, m.index);
    }
    if (m[0] === '') break;
  }

  for (const re = /(?:^|\n)[ \t\u00a0\u202f]*([,;:.!?)\]])/g; (m = re.exec(text)); ) push(out, 'leading-punct', m[1]!, m.index);
  for (const re = /[.!?][ \t\u00a0\u202f]*([,;:])/g; (m = re.exec(text)); ) {
    if (text[m.index] === '.' && text[m.index - 1] === '.') continue; // an ellipsis "..."
    push(out, 'leading-punct', m[0], m.index);
  }

  for (const re = /(?<=\S)[ \t\u00a0\u202f]{2,}(?=\S)/g; (m = re.exec(text)); ) push(out, 'double-space', text.slice(Math.max(0, m.index - 8), m.index + m[0].length + 8), m.index);

  for (const re = /(?:^|\n|[.!?…][ \t\u00a0\u202f]+)[ \t\u00a0\u202f]*(?:[«"“(-][ \t\u00a0\u202f]*)?(\p{Ll}[\p{L}'’-]*)/gu; (m = re.exec(text)); ) {
    const word = m[1]!;
    const at = m.index + m[0].length - word.length;
    // "etc. voir", "M. martin", "p. ex." — an abbreviation's dot is no sentence end.
    const prev = /(\p{L}+)\.[ \t\u00a0\u202f]*$/u.exec(text.slice(Math.max(0, at - 8), at))?.[1];
    if (/\.\.|…/.test(m[0]) || /\.\.[ \t\u00a0\u202f]*$/.test(text.slice(Math.max(0, at - 6), at))) continue; // after an ellipsis
    if (prev && (prev.length <= 2 || /^(?:etc|cf|env|tél|tel|min|max|resp|ex)$/iu.test(prev))) continue;
    push(out, 'lowercase-start', word, at);
  }

  for (const re = /(?<![\p{L}\p{N},.])(\d+|\p{L}+)[ \u00a0\u202f]+(\p{L}[\p{L}'’-]*)(?:[ \u00a0\u202f]+(\p{L}[\p{L}'’-]*))?/gu; (m = re.exec(text)); ) {
    const num = m[1]!.toLowerCase();
    const isNumeral = /^\d+$/.test(num) ? Number(num) >= 2 : FR_NUMBERS.has(num) || EN_NUMBERS.has(num);
    re.lastIndex = m.index + m[1]!.length; // overlapping: every word may start a numeral phrase
    if (!isNumeral) continue;
    // Units, months and invariable words stay singular: "le 5 juin", "2 h", "4 casher".
    // The noun is the first word (fr "4 menus spéciaux") or the second (en "2 special menus").
    const words = [m[2]!, m[3]].filter((w): w is string => !!w).map((w) => w.toLowerCase());
    if (words.some((w) => AFTER_NUMERAL_OK.test(w) || /[sxz]$/u.test(w))) continue;
    push(out, 'numeral', `${num} ${words.join(' ')}`, m.index);
  }
  return out;
}

/** Defects of `rewritten` that `original` does not have (compared as multisets of kind + snippet). */
export function createdDefects(original: string, rewritten: string, locale?: 'fr' | 'en'): Defect[] {
  const seen = new Map<string, number>();
  for (const d of findDefects(original, locale)) {
    const k = `${d.kind}\u0000${d.snippet}`;
    seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  const out: Defect[] = [];
  for (const d of findDefects(rewritten, locale)) {
    const k = `${d.kind}\u0000${d.snippet}`;
    const left = seen.get(k) ?? 0;
    if (left > 0) seen.set(k, left - 1);
    else out.push(d);
  }
  return out;
}

export function isBroken(original: string, rewritten: string, locale?: 'fr' | 'en'): boolean {
  return rewritten !== original && createdDefects(original, rewritten, locale).length > 0;
}
