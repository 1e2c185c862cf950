/**
 * Curated lists under the pack's `vocab/` folder (medications.tsv…): one name a
 * row with the locale it is matched in (fr, en or both) and the class it reveals.
 * The file itself says where the list came from. A name written in lower case (a generic
 * drug name) is given capitalised, as brands are: reps capitalise drug names, and only a word
 * the dictionaries write capitalised may be read as the typo of a capitalised word inside a
 * sentence ("on Sertralin since May"). Matching ignores case either way.
 */
import type { Locale } from '../../categories.ts';
import { readTable } from './data-files.ts';

export function listForms(dataDir: string, file: string, locale: Locale, classes: readonly string[] | undefined, problems: string[]): string[] {
  const table = readTable(dataDir, file, ['name', 'locale', 'class']);
  problems.push(...table.problems);
  const known = new Set(table.rows.map((r) => r.class!));
  for (const c of classes ?? []) if (!known.has(c)) problems.push(`${file} has no class "${c}" (known: ${[...known].sort().join(', ')})`);
  for (const r of table.rows) if (!['fr', 'en', 'both'].includes(r.locale!)) problems.push(`${file}: "${r.name}" has locale "${r.locale}" (fr, en or both)`);
  const wanted = classes ? new Set(classes) : undefined;
  return table.rows.filter((r) => (r.locale === locale || r.locale === 'both') && (!wanted || wanted.has(r.class!))).map((r) => capitalised(r.name!));
}

const capitalised = (name: string): string => (/^\p{Ll}/u.test(name) ? name[0]!.toUpperCase() + name.slice(1) : name);
