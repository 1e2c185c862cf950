/**
 * Node-only: place names, added to the real-word guard of typo matching. The word
 * lists hold few proper nouns, and a capitalised word inside a sentence may be a typo
 * of a demonym ("is Nigerain"): "Indiana" must stay a place, not a typo of "Indians".
 * Countries (names in English and French, official names, alternative spellings) and
 * capitals come from world-countries; US states and Canadian provinces, which it lacks,
 * are listed below (US Census Bureau and Statistics Canada names).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const REGIONS = [
  'Alabama', 'Alaska', 'Arizona', 'Arkansas', 'California', 'Colorado', 'Connecticut', 'Delaware', 'Florida', 'Georgia',
  'Hawaii', 'Idaho', 'Illinois', 'Indiana', 'Iowa', 'Kansas', 'Kentucky', 'Louisiana', 'Maine', 'Maryland',
  'Massachusetts', 'Michigan', 'Minnesota', 'Mississippi', 'Missouri', 'Montana', 'Nebraska', 'Nevada', 'New Hampshire', 'New Jersey',
  'New Mexico', 'New York', 'North Carolina', 'North Dakota', 'Ohio', 'Oklahoma', 'Oregon', 'Pennsylvania', 'Rhode Island', 'South Carolina',
  'South Dakota', 'Tennessee', 'Texas', 'Utah', 'Vermont', 'Virginia', 'Washington', 'West Virginia', 'Wisconsin', 'Wyoming',
  'Alberta', 'British Columbia', 'Manitoba', 'New Brunswick', 'Newfoundland', 'Labrador', 'Nova Scotia', 'Ontario', 'Quebec', 'Saskatchewan',
  'Yukon', 'Nunavut',
];

interface CountryNames {
  name: { common: string; official: string };
  capital?: string[];
  altSpellings?: string[];
  translations?: Record<string, { common: string; official: string }>;
}

let cached: string[] | undefined;

/** Every word of every place name, in lower case (the word lists are). */
export function placeNameWords(): string[] {
  if (cached) return cached;
  const names: string[] = [...REGIONS];
  for (const c of require('world-countries') as CountryNames[]) {
    names.push(c.name.common, c.name.official, ...(c.capital ?? []), ...(c.altSpellings ?? []));
    for (const t of ['eng', 'fra']) if (c.translations?.[t]) names.push(c.translations[t].common, c.translations[t].official);
  }
  return (cached = [...new Set(names.flatMap((n) => n.toLowerCase().split(/[\s,()'’-]+/)).filter((w) => w.length > 3))]);
}
