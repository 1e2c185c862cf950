/**
 * Size of what the extension puts in pages (`npx wxt build && npx wxt build -b firefox` first),
 * raw and gzip. Budget: 50 KB gzip for the content script, what every page gets injected (a
 * page with no notes field gets nothing else). The engine module (lib/content/engine-file.ts)
 * is imported on top of it on the first focused notes field where the extension is on: its
 * size and the total are printed too, outside the budget.
 */
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { ENGINE_FILE } from '../lib/content/engine-file.ts';

const ROOT = join(import.meta.dirname, '..');
const BUDGET = 50 * 1024;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const out: string[] = [];
for (const target of ['chrome-mv3', 'firefox-mv2']) {
  const dir = join(ROOT, '.output', target);
  if (!existsSync(join(dir, 'manifest.json'))) {
    out.push(`${target}: not built (npm run build)`);
    continue;
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { content_scripts?: { js?: string[] }[] };
  const injected = [...new Set((manifest.content_scripts ?? []).flatMap((c) => c.js ?? []))];
  const size = (file: string) => {
    const buf = readFileSync(join(dir, file));
    return { raw: buf.length, gz: gzipSync(buf, { level: 9 }).length };
  };
  const total = { raw: 0, gz: 0 };
  for (const f of injected) {
    const s = size(f);
    total.raw += s.raw;
    total.gz += s.gz;
    out.push(`${target}/${f} (every page): ${kb(s.raw)} raw, ${kb(s.gz)} gzip (budget 50 KB gzip) ${s.gz <= BUDGET ? 'OK' : 'OVER'}`);
  }
  if (existsSync(join(dir, ENGINE_FILE))) {
    const s = size(ENGINE_FILE);
    out.push(`${target}/${ENGINE_FILE} (first focused notes field): ${kb(s.raw)} raw, ${kb(s.gz)} gzip`);
    out.push(`${target} both, on a page with a notes field: ${kb(total.raw + s.raw)} raw, ${kb(total.gz + s.gz)} gzip`);
  } else {
    out.push(`${target}/${ENGINE_FILE}: missing (an older build?)`);
  }
}
console.log(`\nContent script size\n${out.map((l) => `  ${l}`).join('\n')}`);
