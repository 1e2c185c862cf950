/**
 * Loading the engine module (lib/content/engine-module.ts) from the content script: a native
 * import() of the extension's file. Chrome lets a content script import only web-accessible
 * files: it is listed with use_dynamic_url, whose URL (runtime.getURL) changes every session,
 * so a page cannot probe for it. Firefox MV2 content scripts import their own extension's
 * files without that, so nothing is exposed there (wxt.config.ts); unless the profile sets
 * `extensions.content_web_accessible.enabled` (off by default), which makes MV2 follow MV3's
 * rule: the import then fails, and the prebuilt index files (which fall back to the full
 * packs) with it; the engine module has no such fallback.
 */
import type * as EngineModule from './engine-module.ts';

export type Engine = typeof EngineModule;

/** The engine module's path in the extension (written by wxt.config.ts). */
export const ENGINE_FILE = 'content-scripts/engine.js';

export interface EngineLoader {
  /** The module, imported on the first call; a failed import is tried again on the next call. */
  load(): Promise<Engine>;
  /** The module if it was imported (or is on its way), else null: nothing is imported. */
  loaded(): Promise<Engine> | null;
}

/** The browser's own extension API object (`chrome` in Chrome, and in Firefox too, as an alias of `browser`). */
declare const chrome: { runtime: { getURL(path: string): string } };

/**
 * The engine module's import, written as `import(chrome.runtime.getURL(…))`: addons-linter
 * recognises that call as the extension's own file (through the shim's `browser.runtime.getURL`,
 * minified to another name, it warns "unsafe call to import").
 */
const importEngine = (): Promise<unknown> => import(/* @vite-ignore */ chrome.runtime.getURL(`/${ENGINE_FILE}`));

export function engineLoader(importModule: () => Promise<unknown> = importEngine): EngineLoader {
  let engine: Promise<Engine> | null = null;
  return {
    load() {
      if (!engine) {
        const p: Promise<Engine> = (importModule() as Promise<Engine>).catch((e: unknown) => {
          if (engine === p) engine = null;
          throw e;
        });
        engine = p;
      }
      return engine;
    },
    loaded: () => engine,
  };
}
