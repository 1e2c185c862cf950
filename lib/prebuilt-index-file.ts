/**
 * The built-in pack's matching index, prebuilt at build time, one file per locale in the
 * extension (prebuilt-index/<locale>.bin, written by wxt.config.ts). A content script reads
 * its tables straight from the file (typed-array views over the fetched bytes) instead of
 * receiving the whole expanded pack from the background and building the trie and the typo
 * index itself: that took seconds in each fresh tab (bench/keystroke.bench.ts).
 *
 * Layout: "CNLIDX01" | u32 LE header length | header JSON (UTF-8) | zero padding to a
 * multiple of 4 | the parts, each padded to 4 bytes (Int32 tables little-endian, texts UTF-8).
 * Pure: the build (Node) writes it (prebuilt-index-encode.ts), the content script reads it.
 */
import type { Locale } from './categories.ts';
import { FLAT_TRIE_ARRAYS, type FlatTrieArray, type FlatTrieData } from './engine/flat-trie.ts';
import type { TypoPrebuilt } from './engine/typos.ts';

export const PREBUILT_INDEX_DIR = 'prebuilt-index';
export const prebuiltIndexFile = (locale: Locale): string => `${PREBUILT_INDEX_DIR}/${locale}.bin`;

/** What ties an index file to the pack it was built from (checked before it is used). */
export interface PackStamp {
  id: string;
  version: string;
  rules: number;
  phrases: number;
  unless: number;
}

export const packStamp = (pack: { id: string; version: string; rules: readonly unknown[]; phrases: readonly unknown[]; unless: readonly unknown[] }): PackStamp => ({
  id: pack.id, version: pack.version, rules: pack.rules.length, phrases: pack.phrases.length, unless: pack.unless.length,
});

const sameStamp = (a: PackStamp, b: PackStamp) => a.id === b.id && a.version === b.version && a.rules === b.rules && a.phrases === b.phrases && a.unless === b.unless;

export const MAGIC = 'CNLIDX01';
export const PREFIX = MAGIC.length + 4;
export const TYPO_TEXTS = ['words', 'shown', 'known'] as const;
export const TYPO_INTS = ['keys', 'ids'] as const;

/** Byte offset (from the end of the header's padding) and byte length of a part. */
export type Range = [offset: number, length: number];

export interface Header {
  stamp: PackStamp;
  locale: Locale;
  trie?: { nodes: number; exact: string[]; tokens: Range; arrays: Record<FlatTrieArray, Range> };
  typos?: Record<(typeof TYPO_TEXTS)[number] | (typeof TYPO_INTS)[number], Range>;
}

export interface LocaleIndex {
  trie?: FlatTrieData;
  typos?: TypoPrebuilt;
}

export const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
export const pad4 = (n: number) => (n + 3) & ~3;

/** The index in `bytes`, refused (thrown) unless it is one of `expected`'s pack and well formed. */
export function decodeLocaleIndex(bytes: ArrayBuffer, expected: PackStamp, locale: Locale): LocaleIndex {
  const fail = (why: string) => new Error(`${prebuiltIndexFile(locale)}: ${why}`);
  const u8 = new Uint8Array(bytes);
  if (u8.length < PREFIX || String.fromCharCode(...u8.subarray(0, MAGIC.length)) !== MAGIC) throw fail('not a prebuilt index file');
  const jsonLength = new DataView(bytes).getUint32(MAGIC.length, true);
  if (PREFIX + jsonLength > u8.length) throw fail('truncated');
  const text = new TextDecoder();
  const header = JSON.parse(text.decode(u8.subarray(PREFIX, PREFIX + jsonLength))) as Header;
  if (!sameStamp(header.stamp, expected) || header.locale !== locale) throw fail('built from another pack than the one in force');
  const dataAt = pad4(PREFIX + jsonLength);
  const within = ([offset, length]: Range, width: number) => {
    if (!(offset >= 0 && length >= 0 && length % width === 0 && dataAt + offset + length <= u8.length)) throw fail('truncated');
  };
  const str = (r: Range) => {
    within(r, 1);
    return text.decode(u8.subarray(dataAt + r[0], dataAt + r[0] + r[1]));
  };
  const ints = (r: Range): Int32Array => {
    within(r, 4);
    // A view: no copy (the file is little-endian, as every browser's typed arrays are); a copy elsewhere.
    if (littleEndian) return new Int32Array(bytes, dataAt + r[0], r[1] / 4);
    const view = new DataView(bytes, dataAt + r[0], r[1]);
    return Int32Array.from({ length: r[1] / 4 }, (_, i) => view.getInt32(i * 4, true));
  };
  const out: LocaleIndex = {};
  const t = header.trie;
  if (t) {
    const arrays = Object.fromEntries(FLAT_TRIE_ARRAYS.map((name) => [name, ints(t.arrays[name])])) as Record<FlatTrieArray, Int32Array>;
    out.trie = { nodes: t.nodes, exact: t.exact, tokens: str(t.tokens), arrays };
  }
  const y = header.typos;
  if (y) out.typos = { words: str(y.words), shown: str(y.shown), known: str(y.known), keys: ints(y.keys), ids: ints(y.ids) };
  return out;
}
