/**
 * End-to-end: the card and the save dialog in French and in English Chromium
 * (`--lang`, chromium-l10n), on a page whose own `lang` is French. Each screen speaks
 * the browser's language (labels from public/_locales, the dialog's words, the
 * dictionary message from messages.<lang>.yaml), passes axe-core with no violation,
 * and is saved as a screenshot under test-results/. With ten findings at 1280×720 the
 * dialog's buttons stay inside the viewport and Tab never leaves the modal.
 *
 * Needs a build (`npx wxt build`), copied to a temp dir first like modes.test.ts.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialogWords } from '../../lib/content/save-guard/strings.ts';
import { CHROMIUM, ROOT, startServer, waitFor, type FixtureServer } from './harness.ts';

const SRC_EXT = process.env.CNL_EXT_DIR ?? join(ROOT, '.output/chrome-mv3');
if (!existsSync(join(SRC_EXT, 'manifest.json'))) throw new Error(`[in-page l10n e2e] no build in ${SRC_EXT}: run \`npx wxt build\` first`);
const SHOTS = join(ROOT, 'test-results');
const RULE = 'fr.disability.handicape';
const NOTE = Array.from({ length: 10 }, (_, i) => `Appel ${i + 1} : le client est handicapé.`).join('\n');
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

const catalogue = (lang: 'fr' | 'en') => JSON.parse(readFileSync(join(ROOT, `public/_locales/${lang}/messages.json`), 'utf8')) as Record<string, { message: string }>;
const FR_MESSAGE = (parse(readFileSync(join(ROOT, 'dictionaries/fr/disability.yaml'), 'utf8')) as { entries: { id: string; message: string }[] }).entries.find((e) => e.id === RULE)!.message;
const EN_MESSAGE = (parse(readFileSync(join(ROOT, 'dictionaries/fr/messages.en.yaml'), 'utf8')) as { messages: Record<string, string> }).messages[RULE]!;

let server: FixtureServer;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({}, { '/modes/': join(ROOT, 'test/fixtures/modes') });
});
afterAll(async () => server?.close());

/** axe-core on one element of our shadow roots: every violation, any impact. */
async function axe(p: Page, host: string, selector: string): Promise<string[]> {
  if (!(await p.evaluate(() => 'axe' in window))) await p.addScriptTag({ content: AXE });
  return p.evaluate(async ([h, sel]) => {
    const el = document.querySelector(h!)!.shadowRoot!.querySelector(sel!)!;
    const r = await (window as unknown as { axe: { run(e: Element, o: object): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe.run(el, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  }, [host, selector]);
}

describe.each(['fr', 'en'] as const)('card and save dialog in %s Chromium', (lang) => {
  let context: BrowserContext;
  let tmp: string;
  let p: Page;
  const ui = catalogue(lang);
  const other = catalogue(lang === 'fr' ? 'en' : 'fr');
  const W = dialogWords(lang);

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), `cnl-l10n-${lang}-`));
    const ext = join(tmp, 'ext');
    cpSync(SRC_EXT, ext, { recursive: true });
    const tag = lang === 'fr' ? 'fr-FR' : 'en-US';
    context = await chromium.launchPersistentContext(join(tmp, 'profile'), {
      executablePath: CHROMIUM, headless: true, locale: tag, viewport: { width: 1280, height: 720 },
      env: { ...process.env, LANGUAGE: lang, LANG: `${tag.replace('-', '_')}.UTF-8` },
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-sandbox', '--disable-gpu', '--disable-quic',
        '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', `--lang=${tag}`],
    });
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
    const extPage = await context.newPage();
    await extPage.goto(`chrome-extension://${new URL(sw.url()).host}/options.html`);
    const r = await extPage.evaluate((m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(x: unknown): Promise<{ ok: boolean }> } } }).chrome.runtime.sendMessage(m),
      { type: 'policy-import-policy', policy: { mode: 'warn' }, fileName: 'l10n.json' });
    expect(r.ok).toBe(true);
    await extPage.close();
    p = await context.newPage();
    await p.goto(`${server.origin}/modes/form.html`);
    await p.locator('#notes').click();
    await p.locator('#notes').fill(NOTE);
    await waitFor(async () => (await p.locator(`crm-note-lint [data-finding][data-rule="${RULE}"]`).count()) === 10, 15_000, 'ten findings');
  }, 60_000);
  afterAll(async () => {
    await context?.close().catch(() => {});
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('the card speaks the browser language, passes axe, and Tab to another control closes it', async () => {
    await p.locator('#notes').focus();
    await p.keyboard.press('Control+Home');
    await p.keyboard.press('Alt+Shift+N');
    const card = p.locator('crm-note-lint [data-card]');
    await card.waitFor();
    const text = (await card.textContent())!;
    for (const key of ['severity_error', 'card_ignore', 'card_hint', 'card_legal']) expect(text).toContain(ui[key]!.message);
    // ("Ignore" is inside « Ignorer »: only the words that differ are checked for absence.)
    for (const key of ['severity_error', 'card_hint', 'card_legal']) expect(text).not.toContain(other[key]!.message);
    expect(text).toContain(lang === 'fr' ? FR_MESSAGE : EN_MESSAGE);
    expect(await p.locator('#notes').getAttribute('aria-describedby')).toContain('crm-note-lint-card-description');
    await p.screenshot({ path: join(SHOTS, `card-${lang}.png`) });
    expect(await axe(p, 'crm-note-lint', '[data-card]')).toEqual([]);
    await p.keyboard.press('Tab');
    await card.waitFor({ state: 'detached' });
    expect(await p.locator('#notes').getAttribute('aria-describedby')).toBeNull();
  });

  it('the save dialog: its language, buttons inside 1280×720 with ten findings, focus trapped, axe clean', async () => {
    await p.locator('#save').click();
    const dialog = p.locator('crm-note-lint-save-guard .dialog');
    await dialog.waitFor();
    expect(await p.locator('crm-note-lint-save-guard h2').innerText()).toBe(W.title('warn', 10));
    expect(await p.locator('crm-note-lint-save-guard li').count()).toBe(10);
    expect(await p.locator('crm-note-lint-save-guard li .msg').first().innerText()).toBe(lang === 'fr' ? FR_MESSAGE : EN_MESSAGE);
    const buttons = p.locator('crm-note-lint-save-guard .actions button');
    expect(await buttons.allInnerTexts()).toEqual([W.text('saveAnyway'), W.text('review')]);
    for (const b of await buttons.all()) {
      const box = (await b.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(720);
      expect(box.x + box.width).toBeLessThanOrEqual(1280);
    }
    await p.screenshot({ path: join(SHOTS, `save-dialog-${lang}.png`) });
    expect(await axe(p, 'crm-note-lint-save-guard', '.dialog')).toEqual([]);
    // 10 findings × 2 fixes + 2 footer buttons: 30 presses go round more than once.
    for (let i = 0; i < 30; i++) {
      await p.keyboard.press(i % 7 === 6 ? 'Shift+Tab' : 'Tab');
      expect(await p.evaluate(() => document.activeElement?.localName)).toBe('crm-note-lint-save-guard');
    }
    await p.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await p.evaluate(() => document.activeElement?.id)).toBe('notes');
    expect(await p.evaluate(() => (window as unknown as { saves: number }).saves)).toBe(0);
  });
});
