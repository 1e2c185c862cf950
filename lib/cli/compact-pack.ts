/**
 * The built-in pack as the package ships it (dist/builtin-pack.bin): the pack's
 * small members as JSON, its matcher structures prebuilt (lib/engine/pack-index.ts)
 * as Int32 sections, and the big members (phrases, cancels, typo lists) as JSON text
 * parsed only if someone reads them. A start reads the file, checks its checksum,
 * parses a small header and wraps typed-array views: no schema pass, no trie build.
 * (The typo index ships folded; its hash table is rebuilt on the first lookup: shipped, it
 * would weigh more than the rest of the file.)
 *
 * Layout: "CNLPACK1" | u32 LE header length | u32 LE length of the eager part | header
 * JSON (UTF-8) | zero padding to a multiple of 4 | the Int32 sections (little-endian) |
 * end of the eager part | the lazy JSON sections (padded to 4 bytes). The build bakes the
 * SHA-256 of the eager part into the code; each lazy section has its own in the header,
 * checked when it is first read, so a start hashes only what it uses.
 */
import { createHash } from 'node:crypto';
import type { Locale } from '../categories.ts';
import type { CompiledPack } from '../schema/dictionary.ts';
import { FLAT_TRIE_ARRAYS, type FlatTrieArray } from '../engine/flat-trie.ts';
import { attachPrebuilt, detachPrebuilt, prebuildIndex, type PrebuiltIndex } from '../engine/pack-index.ts';

const MAGIC = 'CNLPACK1';
const LAZY = ['phrases', 'unless', 'typos'] as const;
type LazyKey = (typeof LAZY)[number];

/** Byte offset and length of a section, from the start of the sections. */
type Range = [offset: number, length: number];
/** A lazy section: its range and the SHA-256 of its bytes. */
type Checked = [offset: number, length: number, sha256: string];

const PREFIX = MAGIC.length + 8;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface Header {
  /** The pack's members in their order; the lazy ones are in `lazy`. */
  order: string[];
  pack: Record<string, unknown>;
  lazy: Partial<Record<LazyKey, Checked>>;
  tries: Partial<Record<Locale, { tokens: string; nodes: number; exact: string[]; arrays: Record<FlatTrieArray, Range> }>>;
  typos: PrebuiltIndex['typos'];
}

/** A damaged file: the loader turns it into a clear "reinstall" error. */
export class CompactPackError extends Error {}

export function encodeCompactPack(pack: CompiledPack): Buffer {
  const index = prebuildIndex(pack);
  const eager: Buffer[] = [];
  const lazy: Buffer[] = [];
  let size = 0;
  const section = (bytes: Buffer, into: Buffer[]): Range => {
    const at = size;
    const padded = Buffer.alloc((bytes.length + 3) & ~3);
    bytes.copy(padded);
    into.push(padded);
    size += padded.length;
    return [at, bytes.length];
  };
  const header: Header = { order: Object.keys(pack), pack: {}, lazy: {}, tries: {}, typos: index.typos };
  for (const [locale, t] of Object.entries(index.tries) as Array<[Locale, NonNullable<PrebuiltIndex['tries'][Locale]>]>) {
    const arrays = Object.fromEntries(FLAT_TRIE_ARRAYS.map((name) => [name, section(int32sLE(t.arrays[name]), eager)])) as Record<FlatTrieArray, Range>;
    header.tries[locale] = { tokens: t.tokens, nodes: t.nodes, exact: t.exact, arrays };
  }
  for (const key of header.order) {
    const value = (pack as Record<string, unknown>)[key];
    if (!(LAZY as readonly string[]).includes(key)) {
      header.pack[key] = value;
      continue;
    }
    const bytes = Buffer.from(JSON.stringify(value));
    header.lazy[key as LazyKey] = [...section(bytes, lazy), sha256(bytes)];
  }
  const json = Buffer.from(JSON.stringify(header));
  const head = Buffer.alloc((PREFIX + json.length + 3) & ~3);
  const eagerLength = head.length + eager.reduce((n, b) => n + b.length, 0);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(json.length, MAGIC.length);
  head.writeUInt32LE(eagerLength, MAGIC.length + 4);
  json.copy(head, PREFIX);
  return Buffer.concat([head, ...eager, ...lazy]);
}

/** The bytes the build's checksum covers: everything a start reads. */
export function eagerPart(bytes: Buffer): Buffer {
  if (bytes.length < PREFIX || bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new CompactPackError('not a compiled pack file (bad signature)');
  const length = bytes.readUInt32LE(MAGIC.length + 4);
  if (length > bytes.length) throw new CompactPackError(`truncated (${bytes.length} bytes, the checked part alone is ${length})`);
  return bytes.subarray(0, length);
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function int32sLE(a: Int32Array): Buffer {
  const out = Buffer.alloc(a.length * 4);
  for (let i = 0; i < a.length; i++) out.writeInt32LE(a[i]!, i * 4);
  return out;
}

/** The pack in `bytes`, whose eager part the caller has checked; its prebuilt index attached. */
export function decodeCompactPack(bytes: Buffer): CompiledPack {
  eagerPart(bytes);
  const headerEnd = PREFIX + bytes.readUInt32LE(MAGIC.length);
  if (headerEnd > bytes.length) throw new CompactPackError('truncated (header cut short)');
  let header: Header;
  try {
    header = JSON.parse(bytes.toString('utf8', PREFIX, headerEnd)) as Header;
  } catch (e) {
    throw new CompactPackError(`damaged header (${(e as Error).message})`);
  }
  const sectionsAt = (headerEnd + 3) & ~3;
  const check = ([offset, length]: Range, width: number): number => {
    const at = sectionsAt + offset;
    if (!Number.isInteger(offset) || !Number.isInteger(length) || length % width || at + length > bytes.length) throw new CompactPackError('truncated (a section lies beyond the end of the file)');
    return at;
  };
  const text = ([offset, length, sum]: Checked) => {
    const at = check([offset, length], 1);
    const section = bytes.subarray(at, at + length);
    if (sha256(section) !== sum) throw new CompactPackError('the built-in pack is damaged (a section does not match its checksum); reinstall crm-note-lint');
    return section.toString('utf8');
  };
  const ints = (r: Range): Int32Array => {
    const at = check(r, 4);
    // A view when the bytes sit right; a copy on a big-endian machine or a misaligned buffer.
    if (littleEndian && (bytes.byteOffset + at) % 4 === 0) return new Int32Array(bytes.buffer, bytes.byteOffset + at, r[1] / 4);
    const out = new Int32Array(r[1] / 4);
    for (let i = 0; i < out.length; i++) out[i] = bytes.readInt32LE(at + i * 4);
    return out;
  };

  const pack: Record<string, unknown> = {};
  const compiled = pack as unknown as CompiledPack;
  for (const key of header.order) {
    const range = header.lazy[key as LazyKey];
    if (!range) {
      pack[key] = header.pack[key];
      continue;
    }
    check([range[0], range[1]], 1);
    // Checked and parsed on first read, then an ordinary property (the order of the members is kept for JSON).
    Object.defineProperty(pack, key, {
      enumerable: true, configurable: true,
      get() {
        const value: unknown = JSON.parse(text(range));
        Object.defineProperty(pack, key, { value, enumerable: true, configurable: true, writable: true });
        return value;
      },
      set(value: unknown) {
        // A pack changed by its user no longer matches what was prebuilt from it.
        detachPrebuilt(compiled);
        Object.defineProperty(pack, key, { value, enumerable: true, configurable: true, writable: true });
      },
    });
  }
  const index: PrebuiltIndex = { tries: {}, typos: header.typos };
  for (const [locale, t] of Object.entries(header.tries) as Array<[Locale, NonNullable<Header['tries'][Locale]>]>) {
    const arrays = Object.fromEntries(FLAT_TRIE_ARRAYS.map((name) => [name, ints(t.arrays[name])])) as Record<FlatTrieArray, Int32Array>;
    index.tries[locale] = { tokens: t.tokens, nodes: t.nodes, exact: t.exact, arrays };
  }
  attachPrebuilt(compiled, index);
  return compiled;
}
