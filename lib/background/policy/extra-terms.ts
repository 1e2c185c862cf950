/**
 * The policy's `extraTerms` compiled into a small pack, without the NLP
 * compiler (the background stays light): each term as written, plus a simple
 * plural (French: on the words before the first preposition; English: on the
 * last word). Rule ids: `<locale>.<category>.org-<n>`.
 */
import { CATEGORIES, type Locale } from '../../categories.ts';
import { phraseKey } from '../../engine/tokenize.ts';
import { COMPILED_FORMAT, compiledPackSchema, type CompiledPack, type CompiledRule } from '../../schema/dictionary.ts';
import type { ExtraTerm } from '../../schema/policy.ts';

export const EXTRA_TERMS_PACK_ID = 'org-extra-terms';

const FR_STOP = new Set(['de', 'du', 'des', 'd', 'à', 'au', 'aux', 'en', 'pour', 'avec', 'sans', 'sur', 'par']);

function pluralWord(w: string, locale: Locale): string {
  if (/\d/.test(w) || w.length < 2) return w;
  if (locale === 'fr') {
    if (/[sxz]$/i.test(w)) return w;
    if (/al$/i.test(w)) return w.slice(0, -2) + 'aux';
    if (/(eau|eu)$/i.test(w)) return w + 'x';
    return w + 's';
  }
  if (/(s|x|z|ch|sh)$/i.test(w)) return w + 'es';
  if (/[^aeiou]y$/i.test(w)) return w.slice(0, -1) + 'ies';
  return w + 's';
}

export function simplePlural(term: string, locale: Locale): string {
  const words = term.split(/\s+/);
  if (locale === 'en') {
    words[words.length - 1] = pluralWord(words[words.length - 1]!, 'en');
    return words.join(' ');
  }
  let head = true;
  return words.map((w, i) => {
    if (i > 0 && (FR_STOP.has(w.toLowerCase()) || /^\p{L}{1,2}['’]/u.test(w))) head = false;
    return head ? pluralWord(w, 'fr') : w;
  }).join(' ');
}

const DEFAULT_MESSAGE: Record<Locale, string> = {
  fr: 'Terme signalé par votre organisation.',
  en: 'Wording flagged by your organisation.',
};

/** Compiles extra terms; terms with the same wording, locale and category share one rule. */
export function compileExtraTerms(terms: readonly ExtraTerm[], version = '1.0.0'): CompiledPack | undefined {
  if (!terms.length) return undefined;
  const rules: CompiledRule[] = [];
  const phrases = new Map<string, [string, number, 0 | 1]>();
  const perCategory = new Map<string, number>();
  for (const t of terms) {
    const key = phraseKey(t.term);
    if (!key) continue;
    const n = (perCategory.get(`${t.locale}.${t.category}`) ?? 0) + 1;
    perCategory.set(`${t.locale}.${t.category}`, n);
    const idx = rules.length;
    const suggestion = t.suggestion?.trim();
    rules.push({
      id: `${t.locale}.${t.category}.org-${n}`,
      category: t.category,
      severity: t.severity ?? CATEGORIES[t.category].defaultSeverity,
      locale: t.locale,
      message: t.message ?? DEFAULT_MESSAGE[t.locale],
      source: CATEGORIES[t.category].legalBasis[t.locale],
      sourceTranslations: CATEGORIES[t.category].legalBasis,
      suggestions: [suggestion ? withPlural(suggestion, t.locale) : { remove: true }],
    });
    const add = (form: string, plural: 0 | 1) => {
      const k = phraseKey(form);
      if (k && !phrases.has(`${k}\u0000${idx}`)) phrases.set(`${k}\u0000${idx}`, [k, idx, plural]);
    };
    add(t.term, 0);
    const p = simplePlural(t.term, t.locale);
    if (p !== t.term) add(p, 1);
  }
  if (!rules.length) return undefined;
  const byKey = (a: [string, number, 0 | 1], b: [string, number, 0 | 1]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]);
  return compiledPackSchema.parse({
    format: COMPILED_FORMAT,
    id: EXTRA_TERMS_PACK_ID,
    version,
    description: 'Terms added by the organisation policy (extraTerms)',
    locales: [...new Set(rules.map((r) => r.locale))].sort(),
    rules,
    phrases: [...phrases.values()].sort(byKey),
    unless: [],
  });
}

function withPlural(s: string, locale: Locale): { t: string; p?: string } {
  const p = simplePlural(s, locale);
  return p !== s ? { t: s, p } : { t: s };
}
