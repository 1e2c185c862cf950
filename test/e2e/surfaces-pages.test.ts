/**
 * The extension's own pages in French and English Chromium (chromium-l10n,
 * --lang): the popup lists the page's findings by severity and a click opens the
 * card in the page; every options tab and the dashboard. Each screen: axe-core 0
 * violations, visible text from that language's locale file only, a screenshot in
 * test-results/surfaces/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import { cardIn, findingsIn, launch, NOTE, startServer, type Browser, type FixtureServer } from './harness.ts';
import { axeViolations, foreignText, shot } from './surfaces-support.ts';

type Chrome = { tabs: { query(q: object): Promise<{ id: number }[]> }; i18n: { getUILanguage(): string } };

async function checkScreen(page: Page, loc: 'fr' | 'en', name: string): Promise<void> {
  await shot(page, `${name}-${loc}`);
  expect(await axeViolations(page), `axe on ${name} (${loc})`).toEqual([]);
  const text = await foreignText(page, loc);
  expect(text.otherLanguage, `${name} (${loc}): strings of the other language`).toEqual([]);
  expect(text.unknown, `${name} (${loc}): visible text not in the ${loc} locale file`).toEqual([]);
}

for (const loc of ['fr', 'en'] as const) {
  describe(`extension pages, Chromium --lang=${loc}`, () => {
    let b: Browser;
    let s: FixtureServer;
    let sw: Worker;

    beforeAll(async () => {
      process.env.LANGUAGE = loc;
      s = await startServer();
      b = await launch({ locale: loc });
      sw = b.context.serviceWorkers()[0]!;
    });
    afterAll(async () => {
      await b?.close();
      await s?.close();
    });

    it('runs in that UI language (chromium-l10n installed)', async () => {
      const lang = await sw.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.i18n.getUILanguage());
      expect(lang.slice(0, 2)).toBe(loc);
    });

    it('popup: findings most serious first with their category; a click opens the card', async () => {
      const p = await b.context.newPage();
      await p.goto(`${s.origin}/plain.html`);
      await p.locator('#notes').click();
      await p.keyboard.type(`${NOTE} Le client est handicapé.`);
      await expect.poll(() => findingsIn(p).count()).toBe(2);
      await p.bringToFront();
      const tabId = await sw.evaluate(async () => (await (globalThis as unknown as { chrome: Chrome }).chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]!.id);
      const popup = await b.context.newPage();
      await popup.setViewportSize({ width: 360, height: 520 });
      await popup.goto(`chrome-extension://${b.extensionId}/popup.html?tab=${tabId}`);
      const items = popup.locator('.findings li[data-finding]');
      await expect.poll(() => items.count()).toBe(2);
      expect(await items.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.severity))).toEqual(['error', 'warning']);
      expect(await popup.locator('.total').textContent()).toBe(loc === 'fr' ? '2 signalements sur cette page' : '2 findings on this page');
      // The title stays on one line.
      const h1 = await popup.locator('h1').boundingBox();
      expect(h1!.height).toBeLessThan(26);
      await checkScreen(popup, loc, 'popup');

      const rule = await items.nth(1).getAttribute('data-rule');
      await items.nth(1).locator('button').click();
      await cardIn(p).waitFor({ timeout: 10_000 });
      expect(await p.locator(`crm-note-lint [data-card]`).count()).toBe(1);
      expect(await p.evaluate(() => document.activeElement?.id)).toBe('notes');
      expect(rule).toBe('fr.diet.menu-hallal');
      await p.close();

      // Outside a web page: one state only.
      const blank = await b.context.newPage();
      await blank.goto('about:blank');
      const blankId = await sw.evaluate(async () => (await (globalThis as unknown as { chrome: Chrome }).chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]!.id);
      await popup.goto(`chrome-extension://${b.extensionId}/popup.html?tab=${blankId}`);
      await popup.locator('.none').first().waitFor();
      expect(await popup.locator('.none, .paused, .cats').count()).toBe(1);
      await checkScreen(popup, loc, 'popup-no-page');
      await popup.close();
      await blank.close();
    }, 90_000);

    it('options: every tab is accessible and in one language', async () => {
      const page = await b.context.newPage();
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`chrome-extension://${b.extensionId}/options.html`);
      for (const tab of ['packs', 'editor', 'test', 'sites', 'dashboard']) {
        await page.locator(`#tab-${tab}`).click();
        await page.locator(`#tab-${tab}[aria-selected="true"]`).waitFor();
        await page.locator('[role="tabpanel"] > *:not(p)').first().waitFor();
        if (tab === 'dashboard') await page.locator('[data-testid="cnl-kpi-fixed"], [data-testid="cnl-empty"]').first().waitFor();
        if (tab === 'test') await page.locator('#test-box').fill('Client diabétique, prévoir 6 menus hallal');
        await checkScreen(page, loc, `options-${tab}`);
      }
      await page.close();
    }, 180_000);

    it('dashboard: in suggest mode, "fixed before save" is not measured (no false 100 %)', async () => {
      const page = await b.context.newPage();
      await page.goto(`chrome-extension://${b.extensionId}/options.html#dashboard`);
      const fixed = page.locator('[data-testid="cnl-kpi-fixed"] .v');
      await fixed.waitFor({ timeout: 15_000 });
      expect(await fixed.textContent()).toBe(loc === 'fr' ? 'non mesuré en mode suggérer' : 'not measured in suggest mode');
      const ticks = await page.locator('[data-testid="cnl-weekly-chart"] [data-tick]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-tick'))));
      expect(ticks.length).toBeGreaterThan(1);
      expect(ticks.every(Number.isInteger)).toBe(true);
      const size = await page.locator('[data-testid="cnl-weekly-chart"] .cnl-axis').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize) * (e.closest('svg')!.getBoundingClientRect().width / e.closest('svg')!.viewBox.baseVal.width));
      expect(size).toBeGreaterThanOrEqual(11);
      await page.close();
    });
  });
}
