/**
 * Where the compiler finds an entry's generated forms. Kept apart from the
 * generators so compile.ts (also bundled in the options page) imports no data package.
 */
import type { SourceEntry } from '../../schema/dictionary.ts';

const generated = new WeakMap<SourceEntry, readonly string[]>();

export function setGeneratedForms(entry: SourceEntry, forms: readonly string[]): void {
  generated.set(entry, forms);
}

export function generatedForms(entry: SourceEntry): readonly string[] | undefined {
  return generated.get(entry);
}
