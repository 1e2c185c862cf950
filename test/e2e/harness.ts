/**
 * End-to-end harness: a loopback HTTP server for the fixture pages (editor
 * libraries served from node_modules, Tiptap/Lexical bundled with esbuild), and
 * Debian's Chromium with the unpacked build from .output/chrome-mv3.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, existsSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium, type BrowserContext, type Frame, type Page, type Request } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const EXT = join(ROOT, '.output/chrome-mv3');
const FIXTURES = join(ROOT, 'test/fixtures/editors');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.woff2': 'font/woff2',
};
/** node_modules packages the fixture pages may load. */
const SERVED = ['quill', 'ckeditor5', 'tinymce'];

let bundleDir: string | null = null;
async function bundles(): Promise<string> {
  if (bundleDir) return bundleDir;
  const dir = mkdtempSync(join(tmpdir(), 'cnl-bundles-'));
  await build({
    entryPoints: { tiptap: join(FIXTURES, 'tiptap-entry.ts'), lexical: join(FIXTURES, 'lexical-entry.ts') },
    bundle: true, format: 'esm', outdir: dir, target: 'chrome120', logLevel: 'error', absWorkingDir: ROOT,
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return (bundleDir = dir);
}

export interface FixtureServer {
  origin: string;
  /** Request bodies and URLs the server received (to prove no note text leaves). */
  received: string[];
  close(): Promise<void>;
}

export async function startServer(extraFiles: Record<string, string> = {}, extraDirs: Record<string, string> = {}): Promise<FixtureServer> {
  const bdir = await bundles();
  const received: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push(`${req.method} ${req.url} ${Buffer.concat(chunks).toString('utf8')}`);
      const url = new URL(req.url ?? '/', 'http://x');
      const path = decodeURIComponent(url.pathname);
      let file: string | null = null;
      if (extraFiles[path]) file = extraFiles[path]!;
      else if (path.startsWith('/node_modules/')) {
        const pkg = path.split('/')[2]!;
        if (SERVED.includes(pkg)) file = join(ROOT, normalize(path));
      } else if (path.startsWith('/bundles/')) file = join(bdir, normalize(path.slice('/bundles/'.length)));
      else {
        for (const [prefix, dir] of Object.entries(extraDirs)) {
          if (path.startsWith(prefix)) file = join(dir, normalize(path.slice(prefix.length)) || 'index.html');
        }
        file ??= join(FIXTURES, normalize(path === '/' ? 'plain.html' : path));
      }
      if (!file || !existsSync(file) || statSync(file).isDirectory()) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(readFileSync(file));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

export interface Browser {
  context: BrowserContext;
  extensionId: string;
  /** Every request the browser made: URL and body (checked for note text). */
  requests: string[];
  close(): Promise<void>;
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launch(opts: { headless?: boolean; locale?: string } = {}): Promise<Browser> {
  if (!existsSync(join(EXT, 'manifest.json'))) throw new Error(`No build in ${EXT}: run \`npx wxt build\` (npm test does).`);
  const profile = mkdtempSync(join(tmpdir(), 'cnl-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    locale: opts.locale ?? 'fr-FR',
    viewport: { width: 1100, height: 800 },
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`, '--no-sandbox', '--disable-gpu', '--disable-quic',
      '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync',
      `--lang=${opts.locale ?? 'fr-FR'}`,
    ],
  });
  const requests: string[] = [];
  const record = (r: Request) => requests.push(`${r.method()} ${r.url()} ${r.postData() ?? ''}`);
  context.on('request', record);
  let [sw] = context.serviceWorkers();
  sw ??= await context.waitForEvent('serviceworker', { timeout: 30_000 });
  const extensionId = new URL(sw.url()).host;
  return {
    context, extensionId, requests,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The overlay's finding elements in a page or frame (Playwright pierces open shadow roots). */
export const findingsIn = (where: Page | Frame, rule?: string) =>
  where.locator(`crm-note-lint [data-finding]${rule ? `[data-rule="${rule}"]` : ''}`);

export const cardIn = (where: Page | Frame) => where.locator('crm-note-lint [data-card]');

export const RULE = 'fr.diet.menu-hallal';
/** The diet label in either UI language (Debian's Chromium ships only the en-US locale). */
export const DIET_LABELS = ['Régime alimentaire', 'Diet'];
export const NOTE = 'Appel du 12/03 : prévoir 6 menus hallal pour le séminaire.';
export const FIXED = 'Appel du 12/03 : prévoir 6 menus spéciaux pour le séminaire.';

/** Asserts no request (browser or server side) carried the note's sensitive wording. */
export function leaked(b: Browser, s: FixtureServer | null, words = ['hallal', 'menus%20hallal', 'menus+hallal']): string[] {
  const all = [...b.requests, ...(s?.received ?? [])];
  return all.filter((r) => words.some((w) => r.toLowerCase().includes(w)));
}

export async function waitFor(cond: () => Promise<boolean>, timeout = 10_000, what = 'condition'): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeout) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
