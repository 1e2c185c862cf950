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
/** The files' bytes by reader and path: read once, from the first focus on (prefetchBuiltinIndex). */
const bytes = new WeakMap<ReadExtensionFile, Map<string, Promise<ArrayBuffer>>>();

function fileBytes(read: ReadExtensionFile, path: string): Promise<ArrayBuffer> {
  let files = bytes.get(read);
  if (!files) bytes.set(read, (files = new Map()));
  let b = files.get(path);
  if (!b) {
    files.set(path, (b = read(path)));
    b.catch(() => files.delete(path));
  }
  return b;
}

/**
 * Starts reading the index files of `locales` while the configuration is on its way (the
 * reads overlap the background's reply); attachBuiltinIndex then uses the bytes read here.
 */
export function prefetchBuiltinIndex(read: ReadExtensionFile, locales: readonly Locale[]): void {
  for (const locale of locales) fileBytes(read, prebuiltIndexFile(locale)).catch(() => undefined);
}

/** Lets the bytes go (the extension is off for this page: nothing will lint here). */
export function dropBuiltinIndex(read: ReadExtensionFile): void {
  bytes.delete(read);
  cached = undefined;
}

function readIndex(read: ReadExtensionFile, stamp: PackStamp, locales: readonly Locale[]): Promise<PrebuiltIndex> {
  const key = JSON.stringify([stamp, locales]);
  if (cached?.key === key) return cached.index;
  const index = (async () => {
    const out: PrebuiltIndex = { tries: {}, typos: {} };
    await Promise.all(locales.map(async (locale) => {
      const { trie, typos } = decodeLocaleIndex(await fileBytes(read, prebuiltIndexFile(locale)), stamp, locale);
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
