/**
 * The built-in pack as the CLI and the library load it. In the compiled package
 * (dist/) the pack sits beside the code in its compact form (compact-pack.ts): it
 * was validated when it was built, so at start it is only checked against the
 * checksum baked into the build and its header parsed — no schema pass, no
 * compiler, no trie build. From a source checkout it comes from builtin.ts
 * (recompiled when stale).
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { CompiledPack } from '../schema/dictionary.ts';
import { DictionaryError } from '../compiler/errors.ts';
import { PACKAGE_PACK_SHA256 } from '../build-info.ts';
import { decodeCompactPack, eagerPart } from './compact-pack.ts';
// In dist builds this import resolves to a stub (scripts/build-lib.mjs): the compiler stays out.
import { loadBuiltinPack as loadFromSources } from './builtin.ts';

/** Name of the compact pack file beside the bundled code. */
export const DIST_PACK_FILE = 'builtin-pack.bin';

let cached: CompiledPack | undefined;

export function loadBuiltinPack(): CompiledPack {
  if (cached) return cached;
  if (!PACKAGE_PACK_SHA256) return (cached = loadFromSources());
  return (cached = loadPackFile(new URL(`./${DIST_PACK_FILE}`, import.meta.url), PACKAGE_PACK_SHA256));
}

/** Reads a compact pack file and checks it against `sha256` before trusting it. */
export function loadPackFile(url: URL, sha256: string): CompiledPack {
  const file = fileURLToPath(url);
  const fail = (message: string) => new DictionaryError([{ file, message: `${message}; reinstall crm-note-lint` }]);
  let bytes: Buffer;
  try {
    bytes = readFileSync(url);
  } catch (e) {
    throw fail(`cannot read the built-in pack (${(e as Error).message})`);
  }
  try {
    // The part a start reads; the rest is checked section by section when first read.
    if (createHash('sha256').update(eagerPart(bytes)).digest('hex') !== sha256) {
      throw fail(`the built-in pack is damaged: ${bytes.length} bytes that do not match the checksum of this build`);
    }
    return decodeCompactPack(bytes);
  } catch (e) {
    if (e instanceof DictionaryError) throw e;
    throw fail(`the built-in pack cannot be read: ${(e as Error).message}`);
  }
}
