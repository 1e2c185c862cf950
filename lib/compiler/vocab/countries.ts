/**
 * Country names in French and English: i18n-iso-countries (MIT; official and
 * common names, several per country) joined with world-countries' common names,
 * for the same countries as the demonyms (independent ones plus the French
 * overseas regions and Puerto Rico).
 */
import { createRequire } from 'node:module';
import type { Locale } from '../../categories.ts';
import { countryRecords, fold } from './country-records.ts';
import type { Slots } from './patterns.ts';

interface IsoCountries {
  registerLocale(data: unknown): void;
  getNames(lang: string, opts: { select: 'all' }): Record<string, string[]>;
}

interface Translated {
  cca2: string;
  name: { common: string };
  translations: Record<string, { common: string }>;
}

const cache = new Map<string, Slots>();

export function countrySlots(locale: Locale, except: ReadonlySet<string>): Slots {
  const key = `${locale}\u0000${[...except].join(',')}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const require = createRequire(import.meta.url);
  const iso = require('i18n-iso-countries') as IsoCountries;
  iso.registerLocale(require(`i18n-iso-countries/langs/${locale}.json`));
  const names = iso.getNames(locale, { select: 'all' });
  const kept = new Set(countryRecords().map((c) => c.cca2));
  const common = new Map((require('world-countries') as Translated[]).map((c) => [c.cca2, locale === 'fr' ? c.translations.fra?.common : c.name.common]));
  const out = new Set<string>();
  for (const code of kept) {
    for (const n of [...(names[code] ?? []), common.get(code)].filter((x): x is string => !!x)) {
      // Two-letter codes fold to ordinary words ("US" is "us"), "USA" does not; "Korea, Republic of" is a catalogue form.
      const letters = n.replace(/\W/g, '');
      if (letters.length < 3 || (letters.length === 3 && letters !== letters.toUpperCase()) || /[,()]/.test(n) || except.has(fold(n))) continue;
      out.add(n);
    }
  }
  const sorted = [...out].sort();
  const slots: Slots = locale === 'fr' ? { country: sorted, ...frenchPrepositions(sorted) } : { country: sorted, 'country.the': sorted.filter(takesThe) };
  cache.set(key, slots);
  return slots;
}

/** English names said with "the": "the Philippines", "the United Kingdom", "the Congo". */
const takesThe = (n: string) => /s$|\b(?:Republic|Kingdom|States|Islands|Emirates|Congo|Gambia)\b/.test(n);

/** Masculine French country names ending in -e ("le Mexique"); the rest in -e are feminine. */
const MASCULINE_IN_E = new Set(['mexique', 'cambodge', 'mozambique', 'zimbabwe', 'belize', 'suriname', 'liechtenstein']);

/**
 * Country names with the French preposition their gender and number call for:
 * "d'Algérie" / "en Algérie", "du Maroc" / "au Maroc", "des Comores" / "aux Comores";
 * names without an article (islands, city states) also get "de" / "à".
 */
function frenchPrepositions(names: readonly string[]): Slots {
  const de: string[] = [];
  const en: string[] = [];
  for (const n of names) {
    const f = fold(n);
    if (/^[aeiouyh]/.test(f)) { de.push(`d'${n}`); en.push(`en ${n}`); continue; }
    if (/s$/.test(f) && !/(?:laos|belarus|honduras|maurice)$/.test(f)) { de.push(`des ${n}`); en.push(`aux ${n}`); continue; }
    if (/e$/.test(f) && !MASCULINE_IN_E.has(f)) { de.push(`de ${n}`); en.push(`en ${n}`); continue; }
    de.push(`du ${n}`, `de ${n}`);
    en.push(`au ${n}`, `à ${n}`);
  }
  return { 'country.de': de, 'country.en': en };
}
