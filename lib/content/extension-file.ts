/** Reading one of the extension's own files from the content script. */
import type { ReadExtensionFile } from './builtin-index.ts';

/** Reads an extension file by its URL (fetch: the file never leaves the browser). */
export const fetchExtensionFile = (url: (path: string) => string): ReadExtensionFile => async (path) => {
  const res = await fetch(url(path));
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.arrayBuffer();
};
