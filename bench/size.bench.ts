/**
 * Size of what the extension injects in every page: the content script, raw and
 * gzip (`npx wxt build` first). Budget: 50 KB gzip on a page with no notes field.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const out: string[] = [];
for (const target of ['chrome-mv3', 'firefox-mv2']) {
  const dir = join(ROOT, '.output', target, 'content-scripts');
  if (!existsSync(dir)) {
    out.push(`${target}: not built (npm run build)`);
    continue;
  }
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.js'))) {
    const buf = readFileSync(join(dir, f));
    const gz = gzipSync(buf, { level: 9 }).length;
    out.push(`${target}/content-scripts/${f}: ${(buf.length / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzip (budget 50 KB gzip) ${gz <= 50 * 1024 ? 'OK' : 'OVER'}`);
  }
}
console.log(`\nContent script size\n${out.map((l) => `  ${l}`).join('\n')}`);
