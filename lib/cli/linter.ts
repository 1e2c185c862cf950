import { Linter } from '../engine/lint.ts';
import { DictionaryError } from '../compiler/errors.ts';
import type { CompiledPack } from '../schema/dictionary.ts';
import { loadBuiltinPack, loadPackArgument } from './builtin.ts';

/**
 * The linter for the packs asked for. With `onBadPack`, an invalid --dictionary is
 * reported and skipped (`check` goes on with the rest); without it, it throws.
 */
export function buildLinter(dictionaries: string[], builtin: boolean, onBadPack?: (e: DictionaryError, path: string) => void): Linter {
  const packs: CompiledPack[] = [];
  if (builtin) packs.push(loadBuiltinPack());
  for (const d of dictionaries) {
    try {
      packs.push(loadPackArgument(d));
    } catch (e) {
      if (!(e instanceof DictionaryError) || !onBadPack) throw e;
      onBadPack(e, d);
    }
  }
  return new Linter(packs);
}
