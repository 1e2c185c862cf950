/**
 * English inflection for dictionary compilation: plurals of nouns and phrases,
 * forms of verbs. compromise proposes; our rules fill in where it declines
 * (single adjectives used as nouns: "diabetic" → "diabetics").
 */
import nlp from 'compromise';
import type { Forms } from './inflect-fr.ts';

const INVARIABLE = /(?:ss|sh|ch|x|z|s)$/;

export function pluralEn(word: string): string[] {
  if (/[^aeiou]y$/.test(word)) return [word.slice(0, -1) + 'ies'];
  if (/(?:s|sh|ch|x|z)$/.test(word)) return [word + 'es'];
  if (/(?:f)$/.test(word)) return [word + 's', word.slice(0, -1) + 'ves'];
  return [word + 's'];
}

export function phraseForms(phrase: string): Forms {
  const plural = new Set<string>();
  try {
    const p = nlp(phrase).nouns().toPlural().all().text();
    if (p && p.toLowerCase() !== phrase.toLowerCase()) plural.add(p);
  } catch {
    // compromise declined: our rule below still applies
  }
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
    for (const c of nlp(infinitive).verbs().conjugate() as Array<Record<string, string>>) {
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
