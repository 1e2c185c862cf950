/** Writes the prebuilt index files (lib/prebuilt-index-file.ts) at build time; apart so the content script does not carry it. */
import type { Locale } from './categories.ts';
import { FLAT_TRIE_ARRAYS, type FlatTrieArray } from './engine/flat-trie.ts';
import { littleEndian, MAGIC, pad4, PREFIX, TYPO_INTS, TYPO_TEXTS, type Header, type LocaleIndex, type PackStamp, type Range } from './prebuilt-index-file.ts';

function int32Bytes(a: Int32Array): Uint8Array {
  if (littleEndian) return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const out = new Uint8Array(a.byteLength);
  const view = new DataView(out.buffer);
  a.forEach((v, i) => view.setInt32(i * 4, v, true));
  return out;
}

/** One locale's index of `stamp`'s pack as the bytes of its file. */
export function encodeLocaleIndex(stamp: PackStamp, locale: Locale, index: LocaleIndex): Uint8Array {
  const text = new TextEncoder();
  const parts: Uint8Array[] = [];
  let at = 0;
  const place = (bytes: Uint8Array): Range => {
    parts.push(bytes);
    const range: Range = [at, bytes.length];
    at += pad4(bytes.length);
    return range;
  };
  const header: Header = { stamp, locale };
  const { trie, typos } = index;
  if (trie) {
    const arrays = Object.fromEntries(FLAT_TRIE_ARRAYS.map((name) => [name, place(int32Bytes(trie.arrays[name]))])) as Record<FlatTrieArray, Range>;
    header.trie = { nodes: trie.nodes, exact: trie.exact, tokens: place(text.encode(trie.tokens)), arrays };
  }
  if (typos) {
    const ints = Object.fromEntries(TYPO_INTS.map((k) => [k, place(int32Bytes(typos[k]))]));
    const texts = Object.fromEntries(TYPO_TEXTS.map((k) => [k, place(text.encode(typos[k]))]));
    header.typos = { ...ints, ...texts } as Header['typos'] & object;
  }
  const json = text.encode(JSON.stringify(header));
  const dataAt = pad4(PREFIX + json.length);
  const out = new Uint8Array(dataAt + at);
  for (let i = 0; i < MAGIC.length; i++) out[i] = MAGIC.charCodeAt(i);
  new DataView(out.buffer).setUint32(MAGIC.length, json.length, true);
  out.set(json, PREFIX);
  let offset = dataAt;
  for (const p of parts) {
    out.set(p, offset);
    offset += pad4(p.length);
  }
  return out;
}

