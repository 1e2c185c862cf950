/**
 * Node-only access to the built-in pack: the compiled JSON written by
 * `npm run build:dict`, recompiled from `dictionaries/` when missing or older
 * than its sources (so a fresh checkout works before any build step).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledPackSchema, type CompiledPack } from '../schema/dictionary.ts';
import { DictionaryError, type SourceProblem } from '../compiler/errors.ts';
import { readPackSources } from '../compiler/read-pack-dir.ts';
import { compilePack } from '../compiler/compile.ts';
import { loadLexicon } from '../compiler/lexicon.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUILTIN_SOURCES = join(ROOT, 'dictionaries');
export const BUILTIN_COMPILED = join(ROOT, 'lib', 'generated', 'builtin-pack.json');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const st = statSync(full);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(full) : st.mtimeMs);
  }
  return newest;
}

export function loadBuiltinPack(): CompiledPack {
  if (existsSync(BUILTIN_COMPILED) && statSync(BUILTIN_COMPILED).mtimeMs >= newestMtime(BUILTIN_SOURCES)) {
    const parsed = compiledPackSchema.safeParse(JSON.parse(readFileSync(BUILTIN_COMPILED, 'utf8')));
    if (parsed.success) return parsed.data;
  }
  return compileFromSources(BUILTIN_SOURCES);
}

export function compileFromSources(path: string): CompiledPack {
  const src = readPackSources(path);
  if (src.problems.length) throw new DictionaryError(src.problems);
  const result = compilePack(src.meta, src.sources, { lexicon: loadLexicon(), messages: src.messages });
  if (!result.pack) throw new DictionaryError(result.problems);
  return result.pack;
}

/** A pack given on the command line: compiled JSON, or YAML/JSON sources (file or folder). */
export function loadPackArgument(path: string): CompiledPack {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    throw new DictionaryError([{ file: path, message: `cannot read: ${(e as Error).message}` }]);
  }
  if (st.isFile() && /\.json$/i.test(path)) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new DictionaryError([{ file: path, message: `invalid JSON: ${(e as Error).message}` }]);
    }
    if (raw && typeof raw === 'object' && 'format' in raw) {
      const parsed = compiledPackSchema.safeParse(raw);
      if (!parsed.success) {
        throw new DictionaryError(parsed.error.issues.map((i): SourceProblem => ({ file: path, field: i.path.join('.'), message: i.message })));
      }
      return parsed.data;
    }
  }
  return compileFromSources(path);
}
