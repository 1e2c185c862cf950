/**
 * Firefox end-to-end harness: Debian's firefox-esr driven by puppeteer-core over
 * WebDriver BiDi (no geckodriver), with the unpacked build from
 * .output/firefox-mv2 installed as a temporary add-on.
 *
 * Errors of the add-on are collected from two places, because Firefox does not
 * deliver the console of moz-extension:// pages to puppeteer (nor to a raw BiDi
 * `log.entryAdded` subscription):
 * - the browser's stdout/stderr: "JavaScript error: moz-extension://…" lines
 *   (uncaught exceptions and rejections) and "console.error: …" lines, which
 *   the `devtools.console.stdout.*` prefs turn on;
 * - the browser console itself (nsIConsoleService: uncaught exceptions and CSP
 *   violations such as a blocked `eval`; nsIConsoleAPIStorage: console.error),
 *   read in the chrome context that `--remote-allow-system-access` opens on
 *   Firefox 141 and later. Firefox 140 ESR ignores the chrome scope (the
 *   "chrome" context it returns is the content tab, without XPCOM), so there
 *   stdout is the only channel; CSP violations never reach it, which is why
 *   the suite also checks statically that the build holds no `eval`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import puppeteer, { type Browser, type ElementHandle, type Frame, type Page } from 'puppeteer-core';
import { ROOT } from '../e2e/harness.ts';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const EXT_FF = process.env.CNL_FIREFOX_EXT_DIR ?? join(ROOT, '.output/firefox-mv2');

export interface Firefox {
  browser: Browser;
  /** moz-extension://<uuid> of the add-on (the uuid is fixed per run through a pref). */
  base: string;
  /** Everything Firefox printed on stdout and stderr so far. */
  output(): string;
  /** Errors logged by the add-on (its pages, background, content scripts), from stdout and the browser console. */
  addonErrors(): Promise<string[]>;
  /** Whether the browser console (chrome context) is readable, or stdout is the only channel (Firefox 140). */
  readsBrowserConsole: boolean;
  /** Opens an extension page and waits until `ready` (a selector) is in it. */
  openExtensionPage(path: string, ready: string): Promise<Page>;
  close(): Promise<void>;
}

function addonId(): string {
  const manifest = JSON.parse(readFileSync(join(EXT_FF, 'manifest.json'), 'utf8')) as { browser_specific_settings?: { gecko?: { id?: string } } };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${EXT_FF}/manifest.json has no gecko id`);
  return id;
}

/** Runs in Firefox's chrome window: the add-on's errors from the browser console, as lines. */
const CONSOLE_ERRORS = (base: string, id: string) => `(() => {
  const base = ${JSON.stringify(base)}, id = ${JSON.stringify(id)}, out = [];
  const quiet = Ci.nsIScriptError.warningFlag | Ci.nsIScriptError.infoFlag;
  for (const m of Services.console.getMessageArray() ?? []) {
    if (!(m instanceof Ci.nsIScriptError) || (m.flags & quiet)) continue;
    if (!String(m.sourceName).startsWith(base) && !String(m.errorMessage).includes(base)) continue;
    out.push('[' + m.category + '] ' + m.sourceName + ':' + m.lineNumber + ' ' + m.errorMessage);
  }
  const storage = Cc['@mozilla.org/consoleAPI-storage;1'].getService(Ci.nsIConsoleAPIStorage);
  for (const e of storage.getEvents()) {
    if (e.level !== 'error' || !(String(e.filename).startsWith(base) || e.addonId === id)) continue;
    out.push('[console.error] ' + e.filename + ':' + e.lineNumber + ' ' + Array.from(e.arguments, String).join(' '));
  }
  return JSON.stringify(out);
})()`;

export async function launchFirefox(): Promise<Firefox> {
  if (!existsSync(join(EXT_FF, 'manifest.json'))) throw new Error(`No Firefox build in ${EXT_FF}: run \`npx wxt build -b firefox\` (npm test does).`);
  if (!existsSync(FIREFOX)) throw new Error(`No Firefox at ${FIREFOX}: \`apt-get install -y firefox-esr\` (.ci/run does).`);
  const id = addonId();
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // Without it Firefox refuses to open moz-extension:// pages for the automation (and the chrome context).
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [id]: uuid }),
      'intl.locale.requested': 'fr',
      'intl.accept_languages': 'fr-FR, fr',
      // Console calls on stdout ("console.error: …"): the only way to see them where the chrome context is missing.
      'devtools.console.stdout.content': true,
    },
  });
  let out = '';
  const proc = browser.process();
  proc?.stdout?.on('data', (d: Buffer) => (out += d.toString('utf8')));
  proc?.stderr?.on('data', (d: Buffer) => (out += d.toString('utf8')));
  await browser.installExtension(EXT_FF);
  const base = `moz-extension://${uuid}`;

  // Raw BiDi commands (puppeteer's typed API has no chrome scope); the connection is internal but stable.
  const bidi = (browser as unknown as { connection: { send(method: string, params: unknown): Promise<unknown> } }).connection;
  const chromeContext = async (): Promise<string> => {
    const tree = (await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome' })) as { result: { contexts: { context: string }[] } };
    const ctx = tree.result.contexts[0]?.context;
    if (!ctx) throw new Error('Firefox exposed no chrome context (is --remote-allow-system-access honoured?)');
    return ctx;
  };
  type Evaluated = { result: { type: string; result?: { value: string }; exceptionDetails?: { text: string } } };
  const inChrome = async (expression: string) =>
    (await bidi.send('script.evaluate', { expression, target: { context: await chromeContext() }, awaitPromise: false })) as Evaluated;
  // A real chrome window has XPCOM's Services; Firefox 140's stand-in (the content tab) has not.
  const probe = await inChrome('typeof Services');
  const readsBrowserConsole = probe.result.type === 'success' && probe.result.result?.value === 'object';

  return {
    browser, base, readsBrowserConsole,
    output: () => out,
    async addonErrors() {
      // "console.error: …" lines carry no source: every page's count, the fixtures' included (they log none).
      const fromStdout = out.split('\n').filter((l) => (l.includes(base) && /^JavaScript error:|Content-Security-Policy/.test(l)) || /^console\.error:/.test(l));
      let fromConsole: string[] = [];
      if (readsBrowserConsole) {
        const r = await inChrome(CONSOLE_ERRORS(base, id));
        if (r.result.type !== 'success' || !r.result.result) throw new Error(`reading the browser console failed: ${r.result.exceptionDetails?.text ?? r.result.type}`);
        fromConsole = JSON.parse(r.result.result.value) as string[];
      }
      // Firefox reports a runtime query still pending when its page was closed, navigated or its
      // content script replaced by an update ("Promise rejected/resolved after context unloaded"):
      // the context is gone and nobody is left to see it; it is no error of the add-on's.
      const teardown = (l: string) => /Promise (rejected|resolved) after context unloaded/.test(l);
      return [...fromStdout.map((l) => `[stdout] ${l}`), ...fromConsole].filter((l) => !teardown(l));
    },
    async openExtensionPage(path, ready) {
      const page = await browser.newPage();
      const url = `${base}/${path}`;
      // The tab switches process for moz-extension://: goto may never resolve, so poll the page instead.
      page.goto(url).catch(() => undefined);
      await waitFor(async () => {
        try {
          return await page.evaluate((u, sel) => location.href === u && !!document.querySelector(sel), url, ready);
        } catch {
          return false;
        }
        // Right after an add-on update the popup took 5.6 s to render, idle (0.5 s before it), and
        // over 20 s in CI beside other suites: the new background is starting up with the tabs open.
      }, 45_000, `${path} to show ${ready}`);
      return page;
    },
    close: () => browser.close(),
  };
}

export async function waitFor(cond: () => Promise<boolean>, timeout = 10_000, what = 'condition'): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeout) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The overlay's findings (puppeteer's `>>>` pierces our open shadow root). */
export const findings = (where: Page | Frame, rule?: string): Promise<ElementHandle[]> =>
  where.$$(`crm-note-lint >>> [data-finding]${rule ? `[data-rule="${rule}"]` : ''}`);

export const card = (where: Page | Frame) => where.$('crm-note-lint >>> [data-card]');
