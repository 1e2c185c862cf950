/**
 * An extension update with a CRM tab open (issue 16, item 1): `chrome.runtime.reload()`
 * from the service worker orphans the content script in the open tab. Asserted: nothing
 * is thrown or logged as an error in the page (any world: a CDP session sees the content
 * scripts' isolated worlds too), the orphan's underline goes, the new version is injected
 * into the tab and lints it without a reload (one UI, one underline per finding), and the
 * counts typed before the update reach the dashboard's totals exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import type { StatsSnapshot } from '../../lib/background/stats/snapshot.ts';
import { findingsIn, cardIn, launch, NOTE, RULE, startServer, type Browser, type FixtureServer } from './harness.ts';

let b: Browser;
let s: FixtureServer;

beforeAll(async () => {
  s = await startServer();
  b = await launch();
});
afterAll(async () => {
  await b?.close();
  await s?.close();
});

/** Every error the page's targets report: uncaught exceptions and console errors, all worlds. */
async function recordErrors(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  // The browser's own request for /favicon.ico (the fixture server has none) is not the page's error.
  const favicon = (url: string | undefined) => !!url?.endsWith('/favicon.ico');
  page.on('console', (m) => {
    if (m.type() === 'error' && !favicon(m.location().url)) errors.push(`console: ${m.text()}`);
  });
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Runtime.exceptionThrown', (e) => errors.push(`exception: ${e.exceptionDetails.exception?.description ?? e.exceptionDetails.text}`));
  cdp.on('Runtime.consoleAPICalled', (e) => {
    if (e.type === 'error') errors.push(`console(${e.executionContextId}): ${e.args.map((a) => a.value ?? a.description).join(' ')}`);
  });
  cdp.on('Log.entryAdded', (e) => {
    if (e.entry.level === 'error' && !favicon(e.entry.url)) errors.push(`log: ${e.entry.text}`);
  });
  await cdp.send('Runtime.enable');
  await cdp.send('Log.enable');
  return errors;
}

async function stats(): Promise<StatsSnapshot> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/options.html`);
  const snap = await page.evaluate(() =>
    (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'stats-get' }));
  await page.close();
  return snap as StatsSnapshot;
}

/**
 * Chromium keeps a reloaded unpacked extension only in developer mode (otherwise it comes
 * back disabled, "unsupported developer extension"): switch it on as a developer would.
 */
async function developerMode(): Promise<void> {
  const page = await b.context.newPage();
  await page.goto('chrome://extensions');
  await page.evaluate(() => new Promise<void>((r) =>
    (globalThis as unknown as { chrome: { developerPrivate: { updateProfileConfiguration(c: object, cb: () => void): void } } })
      .chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }, r)));
  await page.close();
}

const hosts = (page: Page) => page.evaluate(() => document.querySelectorAll('crm-note-lint').length);

describe('extension update with a notes tab open', () => {
  it('the orphan retires without an error, the new version lints the tab again, no count is lost', async () => {
    await developerMode();
    const page = await b.context.newPage();
    const errors = await recordErrors(page);
    await page.goto(`${s.origin}/plain.html`);
    const ta = page.locator('#notes');
    await ta.click();
    await page.keyboard.type(`${NOTE} Client diabétique.`);
    await findingsIn(page, RULE).first().waitFor({ state: 'attached' });
    await expect.poll(() => findingsIn(page).count()).toBe(2);
    // Apply, then update at once: the `applied` count is still in the old copy's queue.
    await findingsIn(page, RULE).first().click();
    await cardIn(page).locator('[data-action="apply"]').first().click();
    await expect.poll(() => ta.inputValue()).toContain('menus spéciaux');
    await page.evaluate(() => document.querySelector('crm-note-lint')!.setAttribute('data-old-copy', ''));
    const [old] = b.context.serviceWorkers() as Worker[];
    await old!.evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload()).catch(() => undefined);

    // The orphan's UI goes (no stale underline); the new copy, injected into the tab,
    // lints the focused field again by itself: one host, one underline per finding.
    await expect.poll(() => page.locator('crm-note-lint[data-old-copy]').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => findingsIn(page).count(), { timeout: 15_000 }).toBe(1);
    expect(await hosts(page)).toBe(1);
    // Typing (no page reload) is linted by the new copy.
    await ta.click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Menus hallal.');
    await expect.poll(() => findingsIn(page, RULE).count()).toBe(1);
    await page.waitForTimeout(500);
    expect(await findingsIn(page, RULE).count()).toBe(1);
    expect(await hosts(page)).toBe(1);

    // The card of the new copy opens and applies (the stale one would not).
    await findingsIn(page, RULE).first().click();
    await cardIn(page).locator('[data-action="apply"]').first().click();
    await expect.poll(() => ta.inputValue()).not.toMatch(/hallal/i);
    await expect.poll(() => findingsIn(page, RULE).count()).toBe(0);

    // Counts: before the update shown 1 + applied 1 (the orphan's, handed over),
    // after it shown 1 + applied 1 for the menu rule: each exactly once.
    await expect.poll(async () => {
      const rows = (await stats()).summary.topRules.filter((r) => r.rule === RULE);
      return rows.map((r) => [r.counts.shown, r.counts.applied]);
    }, { timeout: 15_000 }).toEqual([[2, 2]]);
    await page.waitForTimeout(1500); // a late duplicate would show up here
    expect((await stats()).summary.topRules.filter((r) => r.rule === RULE).map((r) => [r.counts.shown, r.counts.applied])).toEqual([[2, 2]]);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
