/**
 * The built-in pack's prebuilt index (lib/prebuilt-index-file.ts), read from the extension's
 * own files when the background sent the pack slim (lib/background/pack-delivery.ts): the
 * tables are views over the fetched bytes, nothing is built. Read once per page and kept
 * while the pack it was built from stays the same (a policy change re-sends the config).
 */
import type { EffectiveConfig } from '../config.ts';
import type { Locale } from '../categories.ts';
import { attachPrebuilt, type PrebuiltIndex } from '../engine/pack-index.ts';
import { decodeLocaleIndex, prebuiltIndexFile, type PackStamp } from '../prebuilt-index-file.ts';

/** The bytes of one of the extension's files (fetch of its runtime URL). */
export type ReadExtensionFile = (path: string) => Promise<ArrayBuffer>;

let cached: { key: string; index: Promise<PrebuiltIndex> } | undefined;

function readIndex(read: ReadExtensionFile, stamp: PackStamp, locales: readonly Locale[]): Promise<PrebuiltIndex> {
  const key = JSON.stringify([stamp, locales]);
  if (cached?.key === key) return cached.index;
  const index = (async () => {
    const out: PrebuiltIndex = { tries: {}, typos: {} };
    await Promise.all(locales.map(async (locale) => {
      const { trie, typos } = decodeLocaleIndex(await read(prebuiltIndexFile(locale)), stamp, locale);
      if (trie) out.tries[locale] = trie;
      if (typos) out.typos[locale] = typos;
    }));
    return out;
  })();
  cached = { key, index };
  index.catch(() => { if (cached?.index === index) cached = undefined; });
  return index;
}

/**
 * Makes `config.packs` ready for the linter: attaches the prebuilt index to the slim built-in
 * pack. Rejects when the files cannot be read or belong to another pack (the caller then asks
 * for the full packs).
 */
export async function attachBuiltinIndex(config: EffectiveConfig, read: ReadExtensionFile): Promise<void> {
  const b = config.builtinIndex;
  const pack = config.packs[0];
  if (!b || !pack) return;
  attachPrebuilt(pack, await readIndex(read, b.stamp, b.locales));
}

/** Reads an extension file by its URL (fetch: the file never leaves the browser). */
export const fetchExtensionFile = (url: (path: string) => string): ReadExtensionFile => async (path) => {
  const res = await fetch(url(path));
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.arrayBuffer();
};
