/**
 * The built-in pack as the CLI and the library load it. In the compiled package
 * (dist/) the pack sits beside the code in its compact form (compact-pack.ts): it
 * was validated when it was built, so at start only its header is read, checked
 * against the checksum baked into the build and parsed — no schema pass, no
 * compiler, no trie build — and each locale's sections are read (and checked) when
 * a note of that locale first needs them. From a source checkout it comes from
 * builtin.ts (recompiled when stale).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CompiledPack } from '../schema/dictionary.ts';
import { DictionaryError } from '../compiler/errors.ts';
import { PACKAGE_PACK_CHECKSUM } from '../build-info.ts';
import { decodeCompactPack, eagerPart, localeSectionsEnd, type PackBytes } from './compact-pack.ts';
import { checksum } from './checksum.ts';
// In dist builds this import resolves to a stub (scripts/build-lib.mjs): the compiler stays out.
import { loadBuiltinPack as loadFromSources } from './builtin.ts';

/** Name of the compact pack file beside the bundled code. */
export const DIST_PACK_FILE = 'builtin-pack.bin';

let cached: CompiledPack | undefined;

/**
 * The start of the pack file (header and every locale section) in memory that worker
 * threads share: read once by the main thread, then each worker's sections are views
 * of it, where each worker used to read (and fault in) its own 14 MB.
 */
export interface SharedPack {
  file: string;
  bytes: SharedArrayBuffer;
}

let shared: SharedPack | undefined;

/** The built-in pack's shared bytes for worker threads (read on the first call); undefined from sources. */
export function sharePack(): SharedPack | undefined {
  if (!PACKAGE_PACK_CHECKSUM) return undefined;
  if (shared) return shared;
  const file = fileURLToPath(new URL(`./${DIST_PACK_FILE}`, import.meta.url));
  try {
    const own = fileBytes(file);
    const end = localeSectionsEnd(eagerPart(own));
    const bytes = new SharedArrayBuffer(end);
    readInto(file, Buffer.from(bytes), 0);
    shared = { file, bytes };
  } catch {
    // A damaged file: each worker reports it as its own load would.
    return undefined;
  }
  return shared;
}

/** In a worker thread: read the built-in pack from the main thread's shared bytes. Call before the first load. */
export function useSharedPack(pack: SharedPack | undefined): void {
  if (pack) shared = pack;
}

/** Fills `buf` from `file` at `offset`. */
function readInto(file: string, buf: Buffer, offset: number): void {
  const fd = openSync(file, 'r');
  try {
    let done = 0;
    while (done < buf.length) {
      const n = readSync(fd, buf, done, buf.length - done, offset + done);
      if (n === 0) throw new Error(`the file ends at byte ${offset + done}`);
      done += n;
    }
  } finally {
    closeSync(fd);
  }
}

export function loadBuiltinPack(): CompiledPack {
  if (cached) return cached;
  if (!PACKAGE_PACK_CHECKSUM) return (cached = loadFromSources());
  return (cached = loadPackFile(new URL(`./${DIST_PACK_FILE}`, import.meta.url), PACKAGE_PACK_CHECKSUM));
}

/** The file, read piece by piece where asked (a section is read once, when first used). */
function fileBytes(file: string): PackBytes {
  const fd = openSync(file, 'r');
  let size: number;
  try {
    size = fstatSync(fd).size;
  } finally {
    closeSync(fd);
  }
  return {
    size,
    read(offset, length) {
      // Shared bytes (worker threads) are a view; the checksum is still checked on them.
      if (shared?.file === file && offset + length <= shared.bytes.byteLength) return Buffer.from(shared.bytes, offset, length);
      // Own memory, so the Int32 tables are aligned views of it.
      const buf = Buffer.allocUnsafeSlow(length);
      readInto(file, buf, offset);
      return buf;
    },
  };
}

/** Reads a compact pack file and checks it against `expected` (checksum.ts) before trusting it. */
export function loadPackFile(url: URL, expected: string): CompiledPack {
  const file = fileURLToPath(url);
  const fail = (message: string) => new DictionaryError([{ file, message: `${message}; reinstall crm-note-lint` }]);
  let bytes: PackBytes;
  try {
    bytes = fileBytes(file);
  } catch (e) {
    throw fail(`cannot read the built-in pack (${(e as Error).message})`);
  }
  try {
    // The part a start reads; each section is checked against its own checksum when first read.
    const eager = eagerPart(bytes);
    if (checksum(eager) !== expected) {
      throw fail(`the built-in pack is damaged: ${bytes.size} bytes that do not match the checksum of this build`);
    }
    return decodeCompactPack(bytes, { eager, damaged: fail });
  } catch (e) {
    if (e instanceof DictionaryError) throw e;
    throw fail(`the built-in pack cannot be read: ${(e as Error).message}`);
  }
}
