/**
 * The countries of world-countries that name an origin in notes: the independent
 * ones plus a few overseas parts. Shared by the demonym and country-name vocabularies.
 */
import { createRequire } from 'node:module';

export interface Country {
  cca2: string;
  independent: boolean | null;
  demonyms?: { eng?: { m: string; f: string }; fra?: { m: string; f: string } };
}

/**
 * Overseas parts of France and Puerto Rico: not independent, yet their names are
 * used as origin labels in notes ("une Antillaise", "a Puerto Rican").
 */
export const NON_INDEPENDENT_KEPT = new Set(['GP', 'MQ', 'RE', 'YT', 'GF', 'NC', 'PF', 'PR']);

export function countryRecords(): Country[] {
  const all = createRequire(import.meta.url)('world-countries') as Country[];
  return all.filter((c) => c.independent || NON_INDEPENDENT_KEPT.has(c.cca2));
}

export const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
