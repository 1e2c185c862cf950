/**
 * The linter for the packs a command asks for: the built-in pack (compact, fast)
 * plus each --dictionary. The dictionary compiler is imported only when a
 * --dictionary is given, so `check` on the built-in pack starts without it.
 */
import { Linter } from '../engine/lint.ts';
import { DictionaryError } from '../compiler/errors.ts';
import type { CompiledPack } from '../schema/dictionary.ts';
import { loadBuiltinPack } from './pack-loader.ts';

/**
 * With `onBadPack`, an invalid --dictionary is reported and skipped (`check`
 * goes on with the rest); without it, it throws.
 */
export async function buildLinter(dictionaries: readonly string[], builtin: boolean, onBadPack?: (e: DictionaryError, path: string) => void): Promise<Linter> {
  const packs: CompiledPack[] = [];
  if (builtin) packs.push(loadBuiltinPack());
  if (dictionaries.length) {
    const { loadPackArgument } = await import('./builtin.ts');
    for (const d of dictionaries) {
      try {
        packs.push(loadPackArgument(d));
      } catch (e) {
        if (!(e instanceof DictionaryError) || !onBadPack) throw e;
        onBadPack(e, d);
      }
    }
  }
  return new Linter(packs);
}
