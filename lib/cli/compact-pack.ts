/**
 * The built-in pack as the package ships it (dist/builtin-pack.bin). A start reads a
 * small header (the pack's small members as JSON), then only the sections its notes
 * need, each when first needed: one locale's phrase trie as Int32 tables (flat-trie.ts),
 * one locale's typo index with its deletion hashes sorted (typos.ts), and the big members
 * (phrases, cancels, typo lists) as JSON text if someone reads them. No schema pass, no
 * trie or hash table built: typed-array views over the bytes read. A French note never
 * reads the English sections.
 *
 * Layout: "CNLPACK4" | u32 LE header length | u32 LE length of the eager part | header
 * JSON (UTF-8) | zero padding to a multiple of 4 (the end of the eager part) | the
 * sections, each padded to 4 bytes. The build bakes the checksum (CRC-32, checksum.ts) of
 * the eager part into the code; the header gives each section's place and checksum,
 * checked when it is read, so a start reads and hashes only what it uses.
 */
import type { Locale } from '../categories.ts';
import type { CompiledPack } from '../schema/dictionary.ts';
import { FLAT_TRIE_ARRAYS, type FlatTrieArray, type FlatTrieData } from '../engine/flat-trie.ts';
import { attachPrebuilt, detachPrebuilt, prebuildIndex, type PrebuiltIndex } from '../engine/pack-index.ts';
import type { TypoPrebuilt } from '../engine/typos.ts';
import { checksum } from './checksum.ts';

const MAGIC = 'CNLPACK4';
const LAZY = ['phrases', 'unless', 'typos'] as const;
type LazyKey = (typeof LAZY)[number];

/** Byte offset and length of a part, from the start of its section. */
type Range = [offset: number, length: number];
/** A section: its offset from the end of the eager part, its length and the checksum of its bytes (checksum.ts). */
type Checked = [offset: number, length: number, checksum: string];

interface TrieSection {
  section: Checked;
  nodes: number;
  exact: string[];
  tokens: Range;
  arrays: Record<FlatTrieArray, Range>;
}

const TYPO_TEXTS = ['words', 'shown', 'known'] as const;
const TYPO_INTS = ['keys', 'ids'] as const;
type TypoSection = { section: Checked } & Record<(typeof TYPO_TEXTS)[number] | (typeof TYPO_INTS)[number], Range>;

interface Header {
  /** The pack's members in their order; the lazy ones are in `lazy`. */
  order: string[];
  pack: Record<string, unknown>;
  lazy: Partial<Record<LazyKey, Checked>>;
  tries: Partial<Record<Locale, TrieSection>>;
  typos: Partial<Record<Locale, TypoSection>>;
}

const PREFIX = MAGIC.length + 8;

/** A damaged file: the loader turns it into a clear "reinstall" error. */
export class CompactPackError extends Error {}

/** Where the bytes come from: a whole file in memory, or a file read section by section. */
export interface PackBytes {
  size: number;
  read(offset: number, length: number): Buffer;
}

const inMemory = (b: Buffer): PackBytes => ({ size: b.length, read: (offset, length) => b.subarray(offset, offset + length) });

const padded = (bytes: Uint8Array): Buffer => {
  const out = Buffer.alloc((bytes.length + 3) & ~3);
  out.set(bytes);
  return out;
};

/** Parts laid end to end, each on a 4-byte boundary: the section's bytes and each part's range in it. */
function section(parts: readonly Uint8Array[]): { bytes: Buffer; ranges: Range[] } {
  const ranges: Range[] = [];
  let at = 0;
  const bytes = Buffer.concat(parts.map((p) => {
    ranges.push([at, p.length]);
    const b = padded(p);
    at += b.length;
    return b;
  }));
  return { bytes, ranges };
}

function int32sLE(a: Int32Array): Buffer {
  const out = Buffer.alloc(a.length * 4);
  for (let i = 0; i < a.length; i++) out.writeInt32LE(a[i]!, i * 4);
  return out;
}

export function encodeCompactPack(pack: CompiledPack): Buffer {
  const index = prebuildIndex(pack);
  const sections: Buffer[] = [];
  let size = 0;
  const place = (bytes: Buffer): Checked => {
    const at = size;
    const b = padded(bytes);
    sections.push(b);
    size += b.length;
    return [at, bytes.length, checksum(bytes)];
  };
  const header: Header = { order: Object.keys(pack), pack: {}, lazy: {}, tries: {}, typos: {} };
  for (const [locale, t] of Object.entries(index.tries) as Array<[Locale, FlatTrieData]>) {
    const s = section([...FLAT_TRIE_ARRAYS.map((name) => int32sLE(t.arrays[name])), Buffer.from(t.tokens)]);
    const arrays = Object.fromEntries(FLAT_TRIE_ARRAYS.map((name, i) => [name, s.ranges[i]!])) as Record<FlatTrieArray, Range>;
    header.tries[locale] = { section: place(s.bytes), nodes: t.nodes, exact: t.exact, tokens: s.ranges[FLAT_TRIE_ARRAYS.length]!, arrays };
  }
  for (const [locale, t] of Object.entries(index.typos) as Array<[Locale, TypoPrebuilt]>) {
    const s = section([...TYPO_INTS.map((k) => int32sLE(t[k])), ...TYPO_TEXTS.map((k) => Buffer.from(t[k]))]);
    const ranges = Object.fromEntries([...TYPO_INTS, ...TYPO_TEXTS].map((k, i) => [k, s.ranges[i]!])) as Omit<TypoSection, 'section'>;
    header.typos[locale] = { section: place(s.bytes), ...ranges };
  }
  for (const key of header.order) {
    const value = (pack as Record<string, unknown>)[key];
    if ((LAZY as readonly string[]).includes(key)) header.lazy[key as LazyKey] = place(Buffer.from(JSON.stringify(value)));
    else header.pack[key] = value;
  }
  const json = Buffer.from(JSON.stringify(header));
  const head = Buffer.alloc((PREFIX + json.length + 3) & ~3);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(json.length, MAGIC.length);
  head.writeUInt32LE(head.length, MAGIC.length + 4);
  json.copy(head, PREFIX);
  return Buffer.concat([head, ...sections]);
}

/** The bytes the build's checksum covers: everything a start reads before the first note. */
export function eagerPart(source: Buffer | PackBytes): Buffer {
  const bytes = Buffer.isBuffer(source) ? inMemory(source) : source;
  if (bytes.size < PREFIX) throw new CompactPackError('not a compiled pack file (bad signature)');
  const prefix = bytes.read(0, PREFIX);
  if (prefix.toString('latin1', 0, MAGIC.length) !== MAGIC) {
    throw new CompactPackError(prefix.toString('latin1', 0, 7) === MAGIC.slice(0, 7) ? 'a pack file of another version of crm-note-lint' : 'not a compiled pack file (bad signature)');
  }
  const length = prefix.readUInt32LE(MAGIC.length + 4);
  if (length > bytes.size || length < PREFIX + prefix.readUInt32LE(MAGIC.length)) throw new CompactPackError(`truncated (${bytes.size} bytes, the checked part alone is ${length})`);
  return bytes.read(0, length);
}

function readHeader(eager: Buffer): Header {
  try {
    return JSON.parse(eager.toString('utf8', PREFIX, PREFIX + eager.readUInt32LE(MAGIC.length))) as Header;
  } catch (e) {
    throw new CompactPackError(`damaged header (${(e as Error).message})`);
  }
}

/**
 * Where the locale sections (tries and typo indexes, laid out first) end in the file:
 * the part that worker threads share instead of each reading its own copy.
 */
export function localeSectionsEnd(eager: Buffer): number {
  const header = readHeader(eager);
  let end = 0;
  for (const t of [...Object.values(header.tries), ...Object.values(header.typos)]) end = Math.max(end, t.section[0] + t.section[1]);
  return eager.length + end;
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Defines `key` on `target` as a value computed on first read, then kept (enumerable, so JSON keeps it). */
function lazily<T>(target: Partial<Record<string, T>>, key: string, compute: () => T): void {
  Object.defineProperty(target, key, {
    enumerable: true, configurable: true,
    get() {
      const value = compute();
      Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
  });
}

export interface DecodeOptions {
  /** The eager part, already read (and checked) by the caller. */
  eager?: Buffer;
  /** The error for a section found damaged when it is first read (default CompactPackError). */
  damaged?: (message: string) => Error;
}

/** The pack in `source`, whose eager part the caller has checked; its prebuilt index attached, its sections read on first use. */
export function decodeCompactPack(source: Buffer | PackBytes, options: DecodeOptions = {}): CompiledPack {
  const bytes = Buffer.isBuffer(source) ? inMemory(source) : source;
  const eager = options.eager ?? eagerPart(bytes);
  const damaged = options.damaged ?? ((m: string) => new CompactPackError(m));
  const header = readHeader(eager);
  const sectionsAt = eager.length;
  const within = (ok: boolean) => {
    if (!ok) throw new CompactPackError('truncated (a section lies beyond the end of the file)');
  };
  const inFile = ([offset, length]: Checked | Range) => within(Number.isInteger(offset) && Number.isInteger(length) && offset >= 0 && length >= 0 && sectionsAt + offset + length <= bytes.size);
  const inSection = (s: Checked, [offset, length]: Range, width: number) => within(Number.isInteger(offset) && Number.isInteger(length) && offset >= 0 && length % width === 0 && offset + length <= s[1]);
  // Every place is checked now, so a cut file is refused before any note is read.
  for (const c of Object.values(header.lazy)) inFile(c);
  for (const t of Object.values(header.tries)) {
    inFile(t.section);
    inSection(t.section, t.tokens, 1);
    for (const name of FLAT_TRIE_ARRAYS) inSection(t.section, t.arrays[name], 4);
  }
  for (const t of Object.values(header.typos)) {
    inFile(t.section);
    for (const k of TYPO_TEXTS) inSection(t.section, t[k], 1);
    for (const k of TYPO_INTS) inSection(t.section, t[k], 4);
  }
  const read = ([offset, length, sum]: Checked): Buffer => {
    let b: Buffer;
    try {
      b = bytes.read(sectionsAt + offset, length);
    } catch (e) {
      throw damaged(`the built-in pack cannot be read (${(e as Error).message})`);
    }
    if (b.length !== length || checksum(b) !== sum) throw damaged('the built-in pack is damaged (a section does not match its checksum)');
    return b;
  };
  const text = (b: Buffer, [offset, length]: Range) => b.toString('utf8', offset, offset + length);
  const ints = (b: Buffer, [offset, length]: Range): Int32Array => {
    // A view when the bytes sit right; a copy on a big-endian machine or a misaligned buffer.
    if (littleEndian && (b.byteOffset + offset) % 4 === 0) return new Int32Array(b.buffer, b.byteOffset + offset, length / 4);
    const out = new Int32Array(length / 4);
    for (let i = 0; i < out.length; i++) out[i] = b.readInt32LE(offset + i * 4);
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
    // Checked and parsed on first read, then an ordinary property (the order of the members is kept for JSON).
    Object.defineProperty(pack, key, {
      enumerable: true, configurable: true,
      get() {
        const value: unknown = JSON.parse(read(range).toString('utf8'));
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
  const index: PrebuiltIndex = { tries: {}, typos: {} };
  for (const [locale, t] of Object.entries(header.tries) as Array<[Locale, TrieSection]>) {
    lazily(index.tries, locale, () => {
      const b = read(t.section);
      const arrays = Object.fromEntries(FLAT_TRIE_ARRAYS.map((name) => [name, ints(b, t.arrays[name])])) as Record<FlatTrieArray, Int32Array>;
      return { tokens: text(b, t.tokens), nodes: t.nodes, exact: t.exact, arrays };
    });
  }
  for (const [locale, t] of Object.entries(header.typos) as Array<[Locale, TypoSection]>) {
    lazily(index.typos, locale, () => {
      const b = read(t.section);
      return { words: text(b, t.words), shown: text(b, t.shown), known: text(b, t.known), keys: ints(b, t.keys), ids: ints(b, t.ids) };
    });
  }
  attachPrebuilt(compiled, index);
  return compiled;
}
