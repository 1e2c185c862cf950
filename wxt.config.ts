import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build as esbuild } from 'esbuild';
import type { Locale } from './lib/categories.ts';
import type { CompiledPack } from './lib/schema/dictionary.ts';
import { decodePack } from './lib/schema/pack-encoding.ts';
import { prebuildIndex } from './lib/engine/pack-index.ts';
import { packStamp, prebuiltIndexFile, PREBUILT_INDEX_DIR } from './lib/prebuilt-index-file.ts';
import { encodeLocaleIndex } from './lib/prebuilt-index-encode.ts';
import { ENGINE_FILE } from './lib/content/engine-file.ts';

// Pins the Chrome/Edge extension id to pbgighifpnfcgfdchcojkhpnhpgfmloj, so managed policies
// (keyed by extension id) reach unpacked and test builds. DEVELOPMENT key: its private half is
// not kept anywhere; the store assigns the production id (docs/admin.md "Pinning the extension id").
export const DEV_EXTENSION_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAukRurdOTVAvwSIQh3cngX9S6XwIOdYxAZPlGG12WC7h9ttckSYRgNWUICsSeY1A9IUEbHYH3y7L371dWdjW1brQNSx6wp6e33lfbGbIFEDFxBWPjQVoctdJLbYUqIJmsLQTV5FFweRZL0Z+QqK0MXPbeBX/fo7PMd2DGMLM6UPJvsZRlp8pQM0VzWLmIFH2zEnIhvzjTE4e3kXxD0XBTuTfZopiAmEfmPEIiWmesjwxq4TFx2IZZcayW9oP8ePJhPvFZ8/NXhZG9d28tB7mvGw+toKOw+J5jGhraqF9IA7+qAWkfzzC//fFX58DmKpWg+qKg4Xn8hDDZfjmtfoU+VQIDAQAB';

/**
 * The content script's build resolves `wxt/browser` (its own imports and WXT's helpers) to the
 * small shim of the calls it makes (lib/content/extension-api.ts), not to webextension-polyfill:
 * the polyfill alone was 41 KB of the script's 50 KB budget. Background and pages keep it.
 */
function contentScriptWithoutPolyfill(): Plugin {
  const shim = resolve(import.meta.dirname, 'lib/content/extension-api.ts');
  let content = false;
  return {
    name: 'crm-note-lint:content-script-without-polyfill',
    enforce: 'pre',
    configResolved(config) {
      const entry = config.build.lib ? config.build.lib.entry : undefined;
      const entries = typeof entry === 'string' ? [entry] : Array.isArray(entry) ? entry : Object.values(entry ?? {});
      content = entries.some((e) => /entrypoints[\\/]content\.ts$/.test(e));
    },
    resolveId(id) {
      // The polyfill module aliases wxt/browser before plugins see it: both names are caught.
      if (!process.env.CNL_POLYFILL_EVERYWHERE && content && (id === 'wxt/browser' || id === '@wxt-dev/webextension-polyfill/browser')) return shim;
      return null;
    },
  };
}

/**
 * The content script's lazy half (lib/content/engine-module.ts), built as an ES module file
 * that the content script imports when a notes field is first focused (lib/content/engine-file.ts).
 * A build step of its own, not a WXT entrypoint: WXT builds content and unlisted scripts as
 * IIFEs, one file each with every import inlined (the reason the engine was in content.js),
 * and an IIFE has no exports for import() to return. esbuild (already the library's bundler,
 * scripts/build-lib.mjs) writes one self-contained module in well under a second; the engine
 * imports nothing from WXT or the extension API, so it needs none of the Vite plugins.
 */
async function engineModule(): Promise<{ code: string; map?: string }> {
  const map = !!process.env.CNL_SOURCEMAP;
  const out = await esbuild({
    entryPoints: [resolve(import.meta.dirname, 'lib/content/engine-module.ts')],
    outfile: resolve(import.meta.dirname, '.output', ENGINE_FILE), // names the map; nothing is written
    bundle: true,
    format: 'esm',
    platform: 'browser',
    // Chrome 130: use_dynamic_url; Firefox 128: strict_min_version below.
    target: ['chrome130', 'firefox128'],
    minify: true,
    legalComments: 'none',
    sourcemap: map ? 'external' : false,
    write: false,
    logLevel: 'warning',
  });
  const text = (ext: string) => out.outputFiles.find((f) => f.path.endsWith(ext))?.text;
  return { code: text('.js')!, map: map ? text('.js.map') : undefined };
}

// MV3 for Chrome/Edge, MV2 for Firefox (`wxt build -b firefox`).
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // The built-in pack (npm run build:dict) ships gzipped as a file of its own that the background
  // reads (lib/background/policy/builtin-pack.ts): inlined, background.js passed Firefox's 5 MB
  // parse limit. Written next to the JSON at each build so it never goes stale.
  hooks: {
    'build:publicAssets': async (_wxt, files) => {
      const engine = await engineModule();
      files.push({ contents: engine.code, relativeDest: ENGINE_FILE });
      if (engine.map) files.push({ contents: engine.map, relativeDest: `${ENGINE_FILE}.map` });
      const json = resolve(import.meta.dirname, 'lib/generated/builtin-pack.json');
      writeFileSync(`${json}.gz`, gzipSync(readFileSync(json), { level: 9 }));
      files.push({ absoluteSrc: `${json}.gz`, relativeDest: 'builtin-pack.json.gz' /* BUILTIN_PACK_FILE */ });
      // Its matching index, prebuilt per locale, for content scripts to read as is (lib/prebuilt-index-file.ts).
      const pack = decodePack(JSON.parse(readFileSync(json, 'utf8'))) as unknown as CompiledPack;
      const index = prebuildIndex(pack);
      const dir = resolve(import.meta.dirname, 'lib/generated', PREBUILT_INDEX_DIR);
      mkdirSync(dir, { recursive: true });
      for (const locale of new Set([...Object.keys(index.tries), ...Object.keys(index.typos)]) as Set<Locale>) {
        const file = resolve(dir, `${locale}.bin`);
        writeFileSync(file, encodeLocaleIndex(packStamp(pack), locale, { trie: index.tries[locale], typos: index.typos[locale] }));
        files.push({ absoluteSrc: file, relativeDest: prebuiltIndexFile(locale) });
      }
    },
  },
  vite: () => ({ plugins: [preact(), contentScriptWithoutPolyfill()], ...(process.env.CNL_SOURCEMAP ? { build: { sourcemap: true } } : {}) }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'fr',
    // alarms: periodic compliance report and daily roll-up of old counts (lib/background/stats-service.ts).
    // activeTab: the popup reads the current tab's host (pause on this site) when the rep clicks the icon.
    // scripting + host access equal to the content script's matches (Chrome only): after an install
    // or update the new content script is injected into the tabs already open
    // (lib/background/reinject.ts); Chrome refuses executeScript on a tab without host access, and
    // the content script's matches do not count for it. No new install warning: `<all_urls>`
    // content scripts already carry "read and change your data on all websites". Firefox
    // injects into open tabs by itself.
    permissions: ['storage', 'alarms', 'activeTab', ...(browser === 'firefox' ? [] : ['scripting'])],
    ...(browser === 'firefox' ? {} : { host_permissions: ['<all_urls>'] }),
    // The files the content script reads or imports: the prebuilt index (lib/content/builtin-index.ts)
    // and the engine module (lib/content/engine-file.ts). Chrome lets a content script fetch or
    // import only web-accessible files; use_dynamic_url keeps pages from probing them at the
    // extension's fixed id (the URL changes every session). Firefox's MV2 content scripts read and
    // import their own extension's files without this, so nothing is exposed there.
    ...(browser === 'firefox' ? {} : {
      web_accessible_resources: [{ resources: [`${PREBUILT_INDEX_DIR}/*.bin`, ENGINE_FILE], matches: ['<all_urls>'], use_dynamic_url: true }],
    }),
    // The reporting collector (policy `reporting.endpoint`): granted from the dashboard when the
    // collector does not answer CORS (docs/reporting.md). MV2 (Firefox) takes them as optional_permissions.
    ...(browser === 'firefox'
      ? { optional_permissions: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'] }
      : { optional_host_permissions: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'] }),
    // Organisation policy (docs/admin.md): Chrome/Edge managed storage. Firefox reads the same
    // keys from policies.json "3rdparty" without a schema file.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' }, key: DEV_EXTENSION_KEY }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'crm-note-lint@crm-note-lint.invalid',
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
