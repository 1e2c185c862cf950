/** Reading the extension's own files from the content script. */
import type { Locale } from '../categories.ts';
import { prebuiltIndexFile } from '../prebuilt-index-file.ts';

/** The bytes of one of the extension's files (fetch of its runtime URL). */
export type ReadExtensionFile = (path: string) => Promise<ArrayBuffer>;

/** Reads an extension file by its URL (fetch: the file never leaves the browser). */
export const fetchExtensionFile = (url: (path: string) => string): ReadExtensionFile => async (path) => {
  const res = await fetch(url(path));
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.arrayBuffer();
};

/** A reader that keeps what it read (a failed read is tried again next time), until `drop`. */
export interface KeptFiles {
  read: ReadExtensionFile;
  /** Lets the bytes go (the extension is off for this page: nothing will lint here). */
  drop(): void;
}

export function keptFiles(read: ReadExtensionFile): KeptFiles {
  let files = new Map<string, Promise<ArrayBuffer>>();
  return {
    read(path) {
      let b = files.get(path);
      if (!b) {
        const kept = files;
        kept.set(path, (b = read(path)));
        b.catch(() => kept.delete(path));
      }
      return b;
    },
    drop() {
      files = new Map();
    },
  };
}

/**
 * Starts reading the built-in pack's prebuilt index files of `locales` while the configuration
 * is on its way (the reads overlap the background's reply); the engine module, once loaded,
 * reads them through the same reader (lib/content/builtin-index.ts) and finds them there.
 */
export function prefetchBuiltinIndex(files: KeptFiles, locales: readonly Locale[]): void {
  for (const locale of locales) files.read(prebuiltIndexFile(locale)).catch(() => undefined);
}
