/**
 * The content script's two halves (lib/content/engine-file.ts): the engine module is imported
 * once, again after a failed import; the extension's files are read once and let go; and the
 * engine module's code reads no module state the in-page half sets (lib/i18n, the extension API).
 */
import { describe, expect, it, vi } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { engineLoader, ENGINE_FILE } from '../../lib/content/engine-file.ts';
import { keptFiles, prefetchBuiltinIndex } from '../../lib/content/extension-file.ts';

const ROOT = resolve(import.meta.dirname, '../..');

describe('engine module loading', () => {
  it('imports the module once, at the extension URL of ENGINE_FILE, and nothing before the first load', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnl-engine-'));
    writeFileSync(join(dir, 'engine.mjs'), 'export const Linter = "the engine";');
    const asked: string[] = [];
    vi.stubGlobal('chrome', { runtime: { getURL: (path: string) => (asked.push(path), pathToFileURL(join(dir, 'engine.mjs')).href) } });
    const loader = engineLoader();
    expect(loader.loaded()).toBeNull();
    expect(asked).toEqual([]);
    const [a, b] = await Promise.all([loader.load(), loader.load()]);
    expect((a as unknown as { Linter: string }).Linter).toBe('the engine');
    expect(b).toBe(a);
    expect(await loader.loaded()).toBe(a);
    expect(asked).toEqual([`/${ENGINE_FILE}`]);
    vi.unstubAllGlobals();
  });

  it('tries the import again on the next load after a failed one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnl-engine-'));
    writeFileSync(join(dir, 'engine.mjs'), 'export const Linter = 1;');
    let calls = 0;
    const loader = engineLoader(() => import(pathToFileURL(join(dir, calls++ === 0 ? 'missing.mjs' : 'engine.mjs')).href));
    await expect(loader.load()).rejects.toThrow();
    expect(loader.loaded()).toBeNull();
    expect((await loader.load() as unknown as { Linter: number }).Linter).toBe(1);
    expect(calls).toBe(2);
  });
});

describe('the extension files the content script reads', () => {
  it('reads each file once, reads a failed one again, and lets them go on drop', async () => {
    const reads: string[] = [];
    let fail = true;
    const files = keptFiles(async (path) => {
      reads.push(path);
      if (path === 'b' && fail) throw new Error('HTTP 500');
      return new TextEncoder().encode(path).buffer as ArrayBuffer;
    });
    const a = await files.read('a');
    expect(await files.read('a')).toBe(a);
    await expect(files.read('b')).rejects.toThrow('HTTP 500');
    fail = false;
    expect(new TextDecoder().decode(await files.read('b'))).toBe('b');
    files.drop();
    expect(await files.read('a')).not.toBe(a);
    expect(reads).toEqual(['a', 'b', 'b', 'a']);
  });

  it('prefetches the prebuilt index file of each locale', () => {
    const reads: string[] = [];
    prefetchBuiltinIndex(keptFiles(async (path) => (reads.push(path), new ArrayBuffer(0))), ['fr', 'en']);
    expect(reads).toEqual(['prebuilt-index/fr.bin', 'prebuilt-index/en.bin']);
  });
});

describe('the engine module', () => {
  it('bundles no module whose state the in-page half sets (messages in the UI language come as an argument)', async () => {
    const r = await build({
      entryPoints: [join(ROOT, 'lib/content/engine-module.ts')], bundle: true, format: 'esm', write: false, metafile: true, logLevel: 'silent',
    });
    const inputs = Object.keys(r.metafile.inputs).map((p) => relative(ROOT, resolve(ROOT, p)));
    expect(inputs).toContain('lib/engine/lint.ts');
    expect(inputs.filter((p) => /lib\/(i18n|send)\.ts$|lib\/content\/(extension-api|lint|dom|save-guard|sensitive-fields|lifecycle)\b|node_modules/.test(p))).toEqual([]);
  });
});
