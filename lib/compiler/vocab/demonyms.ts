/**
 * Nationality words (demonyms) in French and English, every gender and number,
 * from world-countries (ODbL: names and demonyms kept by the mledoze/countries
 * project), plus a short curated list of group names that are not countries
 * (`vocab/demonyms-extra.tsv`: "maghrébin", "Asian"…).
 */
import type { Locale } from '../../categories.ts';
import { pluralFr } from '../inflect-fr.ts';
import { readTable } from './data-files.ts';
import type { Slots } from './patterns.ts';
import { countrySlots } from './countries.ts';
import { countryRecords, fold } from './country-records.ts';

/** "Antiguaise et barbudien", "Bosnian, Herzegovinian": one demonym per part. */
const parts = (s: string | undefined) => (s ?? '').split(/,\s*|\s+et\s+|\s+and\s+/).map((p) => p.trim().toLowerCase()).filter((p) => p.length > 2);

/** English demonyms whose plural noun is the adjective itself ("the Chinese", "the Swiss", "the French"). */
const invariableEn = (w: string) => /(?:ese|ss|ish|ch)$/.test(w) && w !== 'czech';

const cache = new Map<string, Slots>();

export function demonymSlots(locale: Locale, dataDir: string, except: ReadonlySet<string>, problems: string[]): Slots {
  const key = `${locale}\u0000${dataDir}\u0000${[...except].join(',')}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const pairs: Array<[string, string]> = []; // [masculine, feminine] (English: the same word twice)
  for (const c of countryRecords()) {
    const d = locale === 'fr' ? c.demonyms?.fra : c.demonyms?.eng;
    const ms = parts(d?.m);
    const fs = parts(d?.f);
    ms.forEach((m, i) => pairs.push([m, fs[i] ?? m]));
  }
  const extra = readTable(dataDir, 'demonyms-extra.tsv', ['locale', 'masculine', 'feminine']);
  problems.push(...extra.problems);
  for (const r of extra.rows) if (r.locale === locale) pairs.push([r.masculine!.toLowerCase(), r.feminine!.toLowerCase()]);

  const kept = pairs.filter(([m, f]) => !except.has(fold(m)) && !except.has(fold(f)));
  // A demonym spelled like a country ("Philippines", "la Suisse") would flag the place itself.
  const places = new Set(countrySlots(locale, new Set()).country!.map(fold));
  const uniq = (xs: string[]) => [...new Set(xs)].filter((x) => !places.has(fold(x))).sort();
  // Demonyms are written capitalised (English always, French as nouns: "les Maliennes"), so a
  // capitalised typo inside a sentence ("les Malienes", "is Nigerain") may match; matching is folded anyway.
  const cap = (w: string) => w.replace(/(^|[\s-])(\p{Ll})/gu, (_, a: string, b: string) => a + b.toUpperCase());
  let slots: Slots;
  if (locale === 'fr') {
    const ms = uniq(kept.map(([m]) => m));
    const fs = uniq(kept.map(([, f]) => f));
    const mp = uniq(ms.flatMap((m) => pluralFr(m)));
    const fp = uniq(fs.flatMap((f) => pluralFr(f)));
    const c = (xs: string[]) => xs.map(cap);
    slots = { demonym: c(uniq([...ms, ...fs, ...mp, ...fp])), 'demonym.ms': c(ms), 'demonym.fs': c(fs), 'demonym.mp': c(mp), 'demonym.fp': c(fp) };
  } else {
    const words = uniq(kept.map(([m]) => m));
    slots = { demonym: words.map(cap), 'demonym.plural': uniq(words.filter((w) => !invariableEn(w)).map((w) => w + 's')).map(cap) };
  }
  cache.set(key, slots);
  return slots;
}

