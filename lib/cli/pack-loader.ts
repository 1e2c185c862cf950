/**
 * The built-in pack as the CLI and the library load it. In the compiled package
 * (dist/) the pack sits beside the code in its compact compiled form: it was
 * validated when it was built, so at start it is only checked against the
 * checksum baked into the build, then parsed — no schema pass, no compiler.
 * From a source checkout it comes from builtin.ts (recompiled when stale).
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { CompiledPack } from '../schema/dictionary.ts';
import { DictionaryError } from '../compiler/errors.ts';
import { PACKAGE_PACK_SHA256 } from '../build-info.ts';
// In dist builds this import resolves to a stub (scripts/build-lib.mjs): the compiler stays out.
import { loadBuiltinPack as loadFromSources } from './builtin.ts';


/** Name of the compiled pack file beside the bundled code. */
export const DIST_PACK_FILE = 'builtin-pack.json';

let cached: CompiledPack | undefined;

export function loadBuiltinPack(): CompiledPack {
  if (cached) return cached;
  if (!PACKAGE_PACK_SHA256) return (cached = loadFromSources());
  const url = new URL(`./${DIST_PACK_FILE}`, import.meta.url);
  let bytes: Buffer;
  try {
    bytes = readFileSync(url);
  } catch (e) {
    throw new DictionaryError([{ file: fileURLToPath(url), message: `cannot read the built-in pack (${(e as Error).message}); reinstall crm-note-lint` }]);
  }
  const sum = createHash('sha256').update(bytes).digest('hex');
  if (sum !== PACKAGE_PACK_SHA256) {
    throw new DictionaryError([{ file: fileURLToPath(url), message: 'the built-in pack does not match the checksum of this build; reinstall crm-note-lint' }]);
  }
  return (cached = JSON.parse(bytes.toString('utf8')) as CompiledPack);
}
