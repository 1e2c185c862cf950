/**
 * French inflection for dictionary compilation: gender and number of nouns and
 * adjectives, conjugated forms of verbs. fr-compromise proposes forms; our own
 * rules cover what it gets wrong or leaves out (its roots are partial, see
 * shared/engine-notes.md). Extra forms are harmless: they only widen the match
 * of a sensitive word, and authors list irregular forms in `forms`.
 */
import { nlpLibs } from './nlp-libs.ts';
import { remembered } from './nlp-memo.ts';

/** Words after which a French phrase is no longer inflected ("maladie de Crohn"). */
const PREPOSITIONS = new Set(['de', "d'", 'du', 'des', 'à', 'a', 'au', 'aux', 'en', 'pour', 'avec', 'sans', 'sur', 'par', 'chez', 'contre', 'sous', 'dans', 'entre']);
/** Function words that never change inside a phrase. */
const FIXED = new Set(['le', 'la', 'les', "l'", 'un', 'une', 'et', 'ou', 'ne', 'pas', 'plus', 'très', 'trop', 'tres', 'vrai', 'est', 'a', 'son', 'sa', 'ses', 'il', 'elle', 'se', "s'", "n'", "qu'", 'que', 'qui', 'y']);

export interface Forms {
  singular: string[];
  plural: string[];
}

export function pluralFr(w: string): string[] {
  if (/[sxz]$/.test(w)) return [w];
  if (/al$/.test(w)) return [w.slice(0, -2) + 'aux', w + 's'];
  if (/(eau|au|eu)$/.test(w)) return [w + 'x', w + 's'];
  if (/ail$/.test(w)) return [w + 's'];
  return [w + 's'];
}

export function feminineFr(w: string): string[] {
  if (/e$/.test(w)) return [w];
  if (/é$/.test(w)) return [w + 'e'];
  if (/if$/.test(w)) return [w.slice(0, -1) + 've'];
  if (/eux$/.test(w)) return [w.slice(0, -1) + 'se'];
  if (/teur$/.test(w)) return [w.slice(0, -4) + 'trice', w.slice(0, -1) + 'se'];
  // -eur is -euse (râleur) or -eure (majeur, mineur, supérieur): both, the wrong one matches nothing.
  if (/eur$/.test(w)) return [w.slice(0, -1) + 'se', w + 'e'];
  if (/(ien|on|en)$/.test(w)) return [w + 'ne'];
  if (/(el|eil|ul)$/.test(w)) return [w + 'le'];
  if (/et$/.test(w)) return [w + 'te', w.slice(0, -2) + 'ète'];
  if (/ier$/.test(w)) return [w.slice(0, -2) + 'ère'];
  if (/er$/.test(w)) return [w.slice(0, -2) + 'ère'];
  if (/(?:[dtsiun]|ir|ur|or)$/.test(w)) return [w + 'e'];
  return [];
}

type GenderNumber = { fem: string[]; plural: string[] };
const nlpCache = new Map<string, GenderNumber>();

function fromConjugation(word: string, c: Record<string, string> | undefined): GenderNumber {
  const fem: string[] = [];
  const plural: string[] = [];
  if (c) {
    if (c.female && c.female !== word) fem.push(c.female);
    if (c.plural && c.plural !== word) plural.push(c.plural);
    if (c.femalePlural) plural.push(c.femalePlural);
  }
  return { fem, plural };
}

/**
 * Runs fr-compromise once over many words (one per line) and caches what it
 * says of each: one parse instead of one per word keeps compilation fast.
 */
export function prewarmFr(words: Iterable<string>): void {
  const todo = [...new Set(words)].filter((w) => w && !nlpCache.has(w) && !/\s/.test(w));
  if (!todo.length) return;
  try {
    const { texts, conj } = remembered('fr.adjective-lines', todo.join('\n'), () => {
      const adj = nlpLibs().fr(todo.join('\n')).adjectives() as unknown as { out(f: 'array'): string[]; conjugate(): Array<Record<string, string>> };
      return { texts: adj.out('array'), conj: adj.conjugate() };
    });
    texts.forEach((t, i) => nlpCache.set(t.trim(), fromConjugation(t.trim(), conj[i])));
  } catch {
    // fr-compromise failed on the batch: words fall back to one call each.
    return;
  }
  for (const w of todo) if (!nlpCache.has(w)) nlpCache.set(w, { fem: [], plural: [] });
}

function nlpGenderNumber(word: string): GenderNumber {
  let r = nlpCache.get(word);
  if (!r) {
    try {
      const conj = remembered('fr.adjective', word, () => nlpLibs().fr(word).adjectives().conjugate() as Array<Record<string, string>>);
      r = fromConjugation(word, conj[0]);
    } catch {
      r = { fem: [], plural: [] }; // fr-compromise may throw on odd input; our rules still apply
    }
    nlpCache.set(word, r);
  }
  return r;
}

/** Singular and plural forms (both genders) of one French word. */
export function wordForms(word: string): Forms {
  const lower = word;
  const fromNlp = nlpGenderNumber(lower);
  const singular = new Set<string>([lower, ...feminineFr(lower), ...fromNlp.fem.filter(plausibleFeminine(lower))]);
  const plural = new Set<string>(fromNlp.plural.filter(plausiblePlural(lower)));
  for (const s of singular) for (const p of pluralFr(s)) plural.add(p);
  // A word ending in s/x is its own plural: it already sits in `singular`.
  for (const s of singular) plural.delete(s);
  return { singular: [...singular], plural: [...plural] };
}

// fr-compromise sometimes invents forms ("vieux" → "vieuse"); keep only those
// that start like the word, so an invented form can never be a different word.
const plausibleFeminine = (w: string) => (f: string) => f.startsWith(w.slice(0, Math.max(2, w.length - 3)));
const plausiblePlural = plausibleFeminine;

/**
 * Forms of a French phrase: the words before the first preposition are
 * inflected together (all singular / all plural), gender varying per word.
 */
export function phraseForms(phrase: string): Forms {
  // A hyphen separates words for the matcher too: "chauve-souris" → "chauves souris".
  const words = phrase.split(/[\s\-‐‑]+/).filter(Boolean);
  // The first preposition ends the inflected head; an elided word ("d'origine") counts as one.
  let cut = words.findIndex((w, i) => (i > 0 && PREPOSITIONS.has(w.toLowerCase())) || /^\p{L}{1,2}['’]/u.test(w));
  if (cut < 0) cut = words.length;
  const head = words.slice(0, cut);
  const tail = words.slice(cut);
  const perWord = head.map((w) => (FIXED.has(w.toLowerCase()) || /\d/.test(w) || w.length < 2 ? { singular: [w], plural: [w] } : wordForms(w)));
  const combine = (pick: (f: Forms) => string[]): string[] => {
    let acc: string[] = [''];
    for (const f of perWord) {
      const options = pick(f);
      const next: string[] = [];
      for (const a of acc) for (const o of options.length ? options : f.singular) next.push(a ? a + ' ' + o : o);
      acc = next.slice(0, 256); // bounded: long phrases keep their first combinations
    }
    return acc.map((a) => [a, ...tail].join(' ').trim());
  };
  // Plural of a phrase: head words plural ("casiers judiciaires"), each word also
  // allowed to stay as is, since notes often leave one invariable ("menus hallal").
  const singular = combine((f) => f.singular);
  const plural = combine((f) => [...f.plural, ...f.singular]).filter((p) => !singular.includes(p));
  return { singular, plural };
}

/** Conjugated forms of a French verb lemma: present, imperfect, future, past participle (4 agreements). */
export function verbForms(infinitive: string): Forms {
  const out = new Set<string>([infinitive]);
  try {
    const conj = remembered('fr.conjugate', infinitive, () => nlpLibs().fr(infinitive).verbs().conjugate() as Array<Record<string, unknown>>);
    for (const c of conj) {
      for (const v of Object.values(c)) {
        if (typeof v === 'string') out.add(v);
        else if (v && typeof v === 'object') for (const x of Object.values(v as Record<string, string>)) out.add(x);
      }
    }
  } catch {
    // fall through to our own participle rule
  }
  const participles = new Set<string>();
  if (/er$/.test(infinitive)) participles.add(infinitive.slice(0, -2) + 'é');
  if (/ir$/.test(infinitive)) participles.add(infinitive.slice(0, -2) + 'i');
  for (const p of [...out].filter((f) => /[éiu]$/.test(f) && f.length >= infinitive.length - 2)) participles.add(p);
  const plural = new Set<string>();
  for (const p of participles) {
    out.add(p);
    out.add(p + 'e');
    plural.add(p + 's');
    plural.add(p + 'es');
  }
  return { singular: [...out].filter((f) => f && !f.includes(' ')), plural: [...plural] };
}
