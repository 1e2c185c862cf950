#!/usr/bin/env node
/**
 * `npm start`: builds the extension and opens Chromium with it loaded on a demo
 * CRM contact record served locally (demo/). Without a display it prints how to
 * load the unpacked build in Chrome, Edge or Firefox, takes a screenshot of the
 * extension at work (in the temp folder, outside the repository) and keeps serving
 * the demo page until Ctrl+C — also when its output is not a terminal.
 * Build output is kept for errors only: a newcomer sees the few lines that matter.
 *
 * Options: --no-build (reuse .output), --screenshot (headless screenshot, then exit),
 *          --screenshot-out FILE (where to write it; --update-docs writes docs/demo-screenshot.png),
 *          --port N (demo server port, default 5178).
 */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const EXT = join(ROOT, '.output/chrome-mv3');
const args = process.argv.slice(2);
const flag = (f) => args.includes(f);
const portArg = args.indexOf('--port');
const PORT = portArg >= 0 ? Number(args[portArg + 1]) : Number(process.env.PORT ?? 5178);
const outArg = args.indexOf('--screenshot-out');
const SHOT = outArg >= 0 ? resolve(args[outArg + 1]) : flag('--update-docs') ? join(ROOT, 'docs/demo-screenshot.png') : join(tmpdir(), 'crm-note-lint-demo.png');
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));

/** Runs a build step quietly; its whole output is shown only when it fails. */
function run(what, cmd, argv) {
  const t0 = Date.now();
  const r = spawnSync(cmd, argv, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, FORCE_COLOR: '0' } });
  if (r.status !== 0) {
    process.stdout.write(r.stdout ?? '');
    process.stderr.write(r.stderr ?? '');
    console.error(`✗ ${what} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status ?? 1);
  }
  console.log(`  ✓ ${what} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}

if (!flag('--no-build')) {
  console.log('› Building the extension (about a minute)…');
  run('dictionaries', process.execPath, ['--import', 'tsx', join(ROOT, 'lib/cli/main.ts'), 'dict', 'build', 'dictionaries', '--out', 'lib/generated/builtin-pack.json']);
  run('Chrome / Edge build', process.execPath, [join(ROOT, 'node_modules/.bin/wxt'), 'build']);
  run('Firefox build', process.execPath, [join(ROOT, 'node_modules/.bin/wxt'), 'build', '-b', 'firefox']);
}

// ---- demo server (loopback only) ----
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  let file;
  if (path.startsWith('/vendor/quill/')) file = join(ROOT, 'node_modules/quill/dist', normalize(path.slice('/vendor/quill/'.length)));
  else file = join(ROOT, 'demo', normalize(path === '/' ? 'index.html' : path));
  if (!file.startsWith(ROOT) || !existsSync(file) || statSync(file).isDirectory()) {
    res.writeHead(404).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise((ok, ko) => server.once('error', ko).listen(PORT, '127.0.0.1', ok)).catch(async (e) => {
  if (e.code !== 'EADDRINUSE') throw e;
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
});
const URL_ = `http://127.0.0.1:${server.address().port}/`;

function launchArgs() {
  return [
    `--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`, '--no-first-run', '--disable-sync',
    '--disable-component-update', '--no-default-browser-check', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ];
}

async function screenshot() {
  const { chromium } = await import('playwright-core');
  const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'cnl-demo-')), {
    executablePath: CHROMIUM, headless: true, ignoreDefaultArgs: ['--disable-extensions'], locale: 'fr-FR',
    viewport: { width: 1280, height: 860 }, args: [...launchArgs(), '--disable-gpu', '--lang=fr-FR'],
  });
  try {
    if (!ctx.serviceWorkers().length) await ctx.waitForEvent('serviceworker', { timeout: 20_000 });
    const page = await ctx.newPage();
    await page.goto(URL_);
    const notes = page.locator('#notes');
    await notes.click({ position: { x: 40, y: 12 } });
    await page.locator('crm-note-lint [data-finding]').first().waitFor({ state: 'attached', timeout: 15_000 });
    await page.waitForTimeout(800); // the other pre-filled fields are picked up too
    const hallal = page.locator('crm-note-lint [data-finding][data-category="diet"]').first();
    await (await hallal.count() ? hallal : page.locator('crm-note-lint [data-finding]').first()).click();
    await page.locator('crm-note-lint [data-card]').waitFor();
    mkdirSync(dirname(SHOT), { recursive: true });
    await page.screenshot({ path: SHOT });
    const n = await page.locator('crm-note-lint [data-finding]').count();
    console.log(`› Screenshot of the demo with ${n} findings underlined: ${SHOT}`);
  } finally {
    await ctx.close();
  }
}

function instructions() {
  console.log(`
CRM Note Lint — the extension is built. Load it unpacked:

  Chrome / Edge   open chrome://extensions (edge://extensions), switch on "Developer mode",
                  "Load unpacked" → ${EXT}
  Firefox         open about:debugging#/runtime/this-firefox, "Load Temporary Add-on…"
                  → ${join(ROOT, '.output/firefox-mv2/manifest.json')}

Then open the demo CRM page: ${URL_}
Click into the notes: sensitive wording is underlined; click an underline (or press
Alt+Shift+N) for the explanation and a one-click neutral rewrite; Escape closes the card.
`);
}

const hasDisplay = process.platform === 'linux' ? !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) : true;

if (flag('--screenshot') || !hasDisplay || !CHROMIUM) {
  if (!CHROMIUM) console.log('› No Chromium found (set CHROMIUM_PATH): skipping the browser.');
  else if (!hasDisplay) console.log('› No display: Chromium cannot open a window here.');
  if (CHROMIUM) await screenshot().catch((e) => console.log(`› Screenshot failed: ${e.message}`));
  instructions();
  if (flag('--screenshot')) {
    server.close();
    process.exit(0);
  }
  // Keep serving whether or not the output is a terminal (a pipe, a CI log, an IDE task).
  console.log(`› Serving the demo at ${URL_} — Ctrl+C to stop.`);
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
} else {
  const { chromium } = await import('playwright-core');
  console.log(`› Opening Chromium with the extension on ${URL_} (close the window to stop).`);
  const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'cnl-demo-')), {
    executablePath: CHROMIUM, headless: false, ignoreDefaultArgs: ['--disable-extensions', '--enable-automation'],
    viewport: null, args: launchArgs(),
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto(URL_);
  instructions();
  ctx.on('close', () => {
    server.close();
    process.exit(0);
  });
}
