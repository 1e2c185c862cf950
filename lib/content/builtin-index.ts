/**
 * The built-in pack's prebuilt index (lib/prebuilt-index-file.ts), read from the extension's
 * own files when the background sent the pack slim (lib/background/pack-delivery.ts): the
 * tables are views over the fetched bytes, nothing is built. Decoded once per page and kept
 * while the pack it was built from stays the same (a policy change re-sends the config).
 * Part of the engine module (lib/content/engine-module.ts): the index is attached to the pack
 * in the module the Linter reads it from. The bytes come through the content script's reader
 * (lib/content/extension-file.ts keptFiles), which started reading them on the first focus.
 */
import type { EffectiveConfig } from '../config.ts';
import type { Locale } from '../categories.ts';
import { attachPrebuilt, type PrebuiltIndex } from '../engine/pack-index.ts';
import { decodeLocaleIndex, prebuiltIndexFile, type PackStamp } from '../prebuilt-index-file.ts';
import type { ReadExtensionFile } from './extension-file.ts';

let cached: { key: string; index: Promise<PrebuiltIndex> } | undefined;

/** Forgets the decoded index (the extension is off for this page: nothing will lint here). */
export function dropBuiltinIndex(): void {
  cached = undefined;
}

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
