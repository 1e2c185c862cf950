/**
 * Generated vocabularies: turns an entry's `vocab:` key into exact forms at
 * compile time (Node only: the data packages stay out of the extension). The
 * compiler reads the result through `generatedForms`; an entry with `vocab:` and
 * no generated forms (a pack compiled in the browser) is refused with a clear message.
 */
import type { Locale } from '../../categories.ts';
import type { SourceEntry } from '../../schema/dictionary.ts';
import { idiomForms } from './conjugation.ts';
import { countrySlots } from './countries.ts';
import { demonymSlots } from './demonyms.ts';
import { fold } from './country-records.ts';
import { listForms } from './curated-list.ts';
import { maskedForms } from './masked.ts';
import { expandPattern, type Slots } from './patterns.ts';
import { setGeneratedForms } from './generated.ts';

export interface VocabResult {
  forms: string[];
  problems: string[];
}

export function expandVocab(entry: SourceEntry, locale: Locale, dataDir: string): VocabResult {
  const v = entry.vocab;
  if (!v) return { forms: [], problems: [] };
  const problems: string[] = [];
  const except = new Set((v.except ?? []).map(fold));
  const out = new Set<string>();
  const fromPatterns = (patterns: readonly string[] | undefined, slots: () => Slots) => {
    if (!patterns) return;
    const s = slots();
    for (const p of patterns) {
      const e = expandPattern(p, s);
      problems.push(...e.problems);
      e.forms.forEach((f) => out.add(f));
    }
  };
  fromPatterns(v.demonyms, () => demonymSlots(locale, dataDir, except, problems));
  fromPatterns(v.countries, () => countrySlots(locale, except));
  fromPatterns(v.phrases, () => ({}));
  if (v.idioms) idiomForms(locale, v.idioms, problems).forEach((f) => out.add(f));
  if (v.list) listForms(dataDir, v.list.file, locale, v.list.classes, problems).filter((f) => !except.has(fold(f))).forEach((f) => out.add(f));
  if (v.masked) maskedForms(v.masked, problems).forEach((f) => out.add(f));
  const forms = [...out];
  setGeneratedForms(entry, forms);
  return { forms, problems };
}
