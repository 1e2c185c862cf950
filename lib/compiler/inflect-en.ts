/**
 * English inflection for dictionary compilation: plurals of nouns and phrases,
 * forms of verbs. compromise proposes; our rules fill in where it declines
 * (single adjectives used as nouns: "diabetic" → "diabetics").
 */
import { nlpLibs } from './nlp-libs.ts';
import type { Forms } from './inflect-fr.ts';
import { remembered } from './nlp-memo.ts';

/** A final single "s" reads as already plural or invariable (diabetes, news); "boss" still pluralizes. */
const INVARIABLE = /(?<!s)s$/;

export function pluralEn(word: string): string[] {
  if (/[^aeiou]y$/.test(word)) return [word.slice(0, -1) + 'ies'];
  if (/(?:s|sh|ch|x|z)$/.test(word)) return [word + 'es'];
  if (/(?:f)$/.test(word)) return [word + 's', word.slice(0, -1) + 'ves'];
  return [word + 's'];
}

const cache = new Map<string, Forms>();

/**
 * Singular and plural forms of an English phrase. `useNlp: false` keeps to our
 * rules: enough for `unless` and context phrases, and it keeps compiling fast
 * (compromise costs about a millisecond a phrase).
 */
export function phraseForms(phrase: string, useNlp = true): Forms {
  const key = (useNlp ? '1' : '0') + phrase;
  let forms = cache.get(key);
  if (!forms) cache.set(key, (forms = computePhraseForms(phrase, useNlp)));
  return forms;
}

const nlpPlural = new Map<string, string | undefined>();

/**
 * Where our rule (plural of the last word) can be wrong, so compromise is worth its
 * millisecond: a head noun before a preposition ("pains in the neck") or an
 * irregular ending (man → men, person → people, wife → wives, crisis → crises).
 */
const NEEDS_NLP = /\b(?:of|in|on|with|for|from|at|to|by)\b|(?:man|child|person|foot|tooth|mouse|goose|fe|f|is|us|on|um|ex|ix)$/i;

export function needsNlp(phrase: string): boolean {
  return NEEDS_NLP.test(phrase);
}

/** One compromise parse for many phrases (one per line) instead of one each. */
export function prewarmEn(phrases: Iterable<string>): void {
  const todo = [...new Set(phrases)].filter((p) => p && needsNlp(p) && !nlpPlural.has(p) && !p.includes('\n'));
  if (!todo.length) return;
  // compromise slows down on very long documents: parse in chunks.
  for (let i = 0; i < todo.length; i += 100) {
    const chunk = todo.slice(i, i + 100);
    try {
      const out = remembered('en.plural-lines', chunk.join('\n'), () => {
        const doc = nlpLibs().en(chunk.join('\n'));
        doc.nouns().toPlural();
        return doc.text();
      }).split('\n');
      if (out.length !== chunk.length) continue; // misaligned: fall back to one call each
      chunk.forEach((p, j) => nlpPlural.set(p, out[j]!.trim()));
    } catch {
      // compromise failed on the chunk: its phrases fall back to one call each
    }
  }
}

function pluralByNlp(phrase: string): string | undefined {
  if (!nlpPlural.has(phrase)) {
    let p: string | undefined;
    try {
      p = remembered('en.plural', phrase, () => nlpLibs().en(phrase).nouns().toPlural().all().text());
    } catch {
      p = undefined; // compromise declined: our rules still apply
    }
    nlpPlural.set(phrase, p);
  }
  return nlpPlural.get(phrase);
}

function computePhraseForms(phrase: string, useNlp: boolean): Forms {
  const plural = new Set<string>();
  const p = useNlp && needsNlp(phrase) ? pluralByNlp(phrase) : undefined;
  if (p && p.toLowerCase() !== phrase.toLowerCase()) plural.add(p);
  const words = phrase.split(/\s+/);
  if (words.length === 1 && !INVARIABLE.test(phrase)) for (const p of pluralEn(phrase)) plural.add(p);
  if (words.length > 1 && plural.size === 0) {
    // Pluralize the last word of a noun phrase ("union rep" → "union reps").
    const last = words[words.length - 1]!;
    if (!INVARIABLE.test(last)) for (const p of pluralEn(last)) plural.add([...words.slice(0, -1), p].join(' '));
  }
  plural.delete(phrase);
  return { singular: [phrase], plural: [...plural] };
}

export function verbForms(infinitive: string): Forms {
  const out = new Set<string>([infinitive]);
  try {
    for (const c of remembered('en.conjugate', infinitive, () => nlpLibs().en(infinitive).verbs().conjugate() as Array<Record<string, string>>)) {
      for (const [k, v] of Object.entries(c)) if (k !== 'FutureTense' && typeof v === 'string') out.add(v);
    }
  } catch {
    // compromise declined: keep the rules below
  }
  if (out.size === 1) {
    const base = infinitive.replace(/e$/, '');
    out.add(infinitive + 's').add(base + 'ed').add(base + 'ing');
  }
  return { singular: [...out], plural: [] };
}

/**
 * Plural of a suggestion, only when it ends in a singular noun ("special menu" →
 * "special menus"); "accessibility needs" or "temporarily unavailable" stay as written.
 */
const suggestionCache = new Map<string, string | undefined>();

export function suggestionPlural(s: string): string | undefined {
  if (!suggestionCache.has(s)) suggestionCache.set(s, computeSuggestionPlural(s));
  return suggestionCache.get(s);
}

function computeSuggestionPlural(s: string): string | undefined {
  const words = s.split(/\s+/);
  const last = words[words.length - 1]!;
  if (/s$/i.test(last)) return undefined;
  let isNoun = false;
  try {
    isNoun = remembered('en.ends-in-noun', s, () => {
      const tail = nlpLibs().en(s).terms().last();
      return tail.has('#Noun') && !tail.has('#Adjective');
    });
  } catch {
    isNoun = false; // compromise declined: keep the suggestion as written
  }
  if (!isNoun) return undefined;
  const p = phraseForms(s).plural[0];
  return p && p !== s ? p : undefined;
}
