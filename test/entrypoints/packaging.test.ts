/**
 * The built packages themselves: minimum permissions, PNG icons (rendered from
 * public/logo.svg by scripts/render-icons.mjs), and `web-ext lint` on the Firefox
 * build with no error (npm test builds both before vitest runs).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ENGINE_FILE } from '../../lib/content/engine-file.ts';
import { PREBUILT_INDEX_DIR } from '../../lib/prebuilt-index-file.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CHROME = join(ROOT, '.output/chrome-mv3/manifest.json');
const FIREFOX = join(ROOT, '.output/firefox-mv2');

describe('built extension packages', () => {
  it('asks Chrome for the minimum permissions: host access no wider than the content script\'s', () => {
    expect(existsSync(CHROME), 'run `npx wxt build` first (npm test does)').toBe(true);
    const m = JSON.parse(readFileSync(CHROME, 'utf8'));
    expect(m.manifest_version).toBe(3);
    // scripting: re-injection into open tabs after an update (lib/background/reinject.ts); it adds no install warning.
    expect([...m.permissions].sort()).toEqual(['activeTab', 'alarms', 'scripting', 'storage']);
    // Host access only to re-inject the content script into open tabs after an update: the same
    // sites as its matches, so no install warning beyond the content script's own.
    expect(m.host_permissions).toEqual(m.content_scripts[0].matches);
    expect(m.storage.managed_schema).toBe('managed_schema.json');
    const cs = m.content_scripts[0];
    expect(cs).toMatchObject({ all_frames: true, match_about_blank: true, match_origin_as_fallback: true });
  });

  it.each([['chrome', CHROME], ['firefox', join(FIREFOX, 'manifest.json')]])('gives %s PNG icons of the sizes the toolbar and the extensions page use', (_, manifest) => {
    const m = JSON.parse(readFileSync(manifest, 'utf8'));
    expect(Object.keys(m.icons ?? {}).sort((a, b) => +a - +b)).toEqual(['16', '32', '48', '128']);
    for (const [size, file] of Object.entries(m.icons as Record<string, string>)) {
      const png = readFileSync(join(manifest, '..', file));
      // PNG signature, then the IHDR chunk's width and height (big-endian, bytes 16–23).
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([+size, +size]);
    }
  });

  it.each([['chrome', CHROME], ['firefox', join(FIREFOX, 'manifest.json')]])('gives %s a content script within 50 KB gzip, the engine a module file of its own', (_, manifest) => {
    const m = JSON.parse(readFileSync(manifest, 'utf8'));
    const [js] = m.content_scripts[0].js as string[];
    const script = readFileSync(join(manifest, '..', js!));
    expect(gzipSync(script, { level: 9 }).length).toBeLessThanOrEqual(50 * 1024); // what every page gets injected
    expect(script.toString('utf8')).toContain(ENGINE_FILE);
    const engine = readFileSync(join(manifest, '..', ENGINE_FILE), 'utf8');
    expect(engine).toMatch(/export\s*\{[^}]*\bas Linter\b[^}]*\}\s*;?\s*(\/\/# sourceMappingURL=\S+\s*)?$/);
  });

  it('exposes to pages only what a Chrome content script must fetch or import, at a per-session URL; nothing in Firefox', () => {
    const chrome = JSON.parse(readFileSync(CHROME, 'utf8'));
    expect(chrome.web_accessible_resources).toEqual([
      { resources: [`${PREBUILT_INDEX_DIR}/*.bin`, ENGINE_FILE], matches: ['<all_urls>'], use_dynamic_url: true },
    ]);
    const firefox = JSON.parse(readFileSync(join(FIREFOX, 'manifest.json'), 'utf8'));
    expect(firefox.web_accessible_resources).toBeUndefined();
  });

  it('passes web-ext lint on the Firefox build with 0 errors', () => {
    expect(existsSync(join(FIREFOX, 'manifest.json')), 'run `npx wxt build -b firefox` first (npm test does)').toBe(true);
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/web-ext/bin/web-ext.js'), 'lint', '--source-dir', FIREFOX, '--output', 'json', '--no-config-discovery'], { encoding: 'utf8' });
    const report = JSON.parse(r.stdout);
    expect(report.errors.map((e: { message: string; file?: string }) => `${e.file}: ${e.message}`)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  }, 60_000);
});
