/** Toolbar: badge count per tab, popup by category, pause on this site (remembered), options link. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from 'playwright-core';
import { DIET_LABELS, findingsIn, launch, NOTE, startServer, type Browser, type FixtureServer } from './harness.ts';

let b: Browser;
let s: FixtureServer;
let sw: Worker;

beforeAll(async () => {
  s = await startServer();
  b = await launch();
  sw = b.context.serviceWorkers()[0]!;
});
afterAll(async () => {
  await b?.close();
  await s?.close();
});

type Chrome = {
  tabs: { query(q: object): Promise<{ id: number; url?: string }[]> };
  action: { getBadgeText(d: { tabId: number }): Promise<string> };
  storage: { local: { get(k: string): Promise<Record<string, unknown>> } };
};

describe('badge and popup', () => {
  it('counts findings per tab, lists them by category, pauses and resumes the site', async () => {
    const p = await b.context.newPage();
    await p.goto(`${s.origin}/plain.html`);
    await p.locator('#notes').click();
    await p.keyboard.type(NOTE);
    await p.locator('#ce').click();
    await p.keyboard.type('RIB : FR76 3000 6000 0112 3456 7890 189.');
    await expect.poll(() => findingsIn(p).count()).toBe(2);
    await p.bringToFront();
    const tabId = await sw.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: Chrome }).chrome;
      const [t] = await c.tabs.query({ active: true, lastFocusedWindow: true });
      return t!.id;
    });
    await expect.poll(() => sw.evaluate((id) => (globalThis as unknown as { chrome: Chrome }).chrome.action.getBadgeText({ tabId: id }), tabId)).toBe('2');

    const popup = await b.context.newPage();
    await popup.goto(`chrome-extension://${b.extensionId}/popup.html?tab=${tabId}`);
    await popup.locator('li[data-category="diet"]').waitFor();
    expect(await popup.locator('li[data-category="diet"] .n').textContent()).toBe('1');
    expect(await popup.locator('li[data-category="identifier"] .n').textContent()).toBe('1');
    expect(DIET_LABELS).toContain(await popup.locator('li[data-category="diet"] .label').textContent());
    expect(await popup.locator('[data-action="options"]').count()).toBe(1);
    const pause = popup.locator('[data-action="pause"]');
    expect(await pause.isChecked()).toBe(false);
    expect(await popup.locator('.switch').textContent()).toContain('127.0.0.1');

    // Pause: remembered in storage.local, the page's underlines go away, the badge clears.
    await pause.click();
    await expect.poll(() => sw.evaluate(async () => (await (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.get('pausedSites')).pausedSites)).toEqual(['127.0.0.1']);
    await expect.poll(() => findingsIn(p).count()).toBe(0);
    await expect.poll(() => sw.evaluate((id) => (globalThis as unknown as { chrome: Chrome }).chrome.action.getBadgeText({ tabId: id }), tabId)).toBe('');
    // Typing in a paused site shows nothing; a reload stays paused.
    await p.reload();
    await p.locator('#notes').click();
    await p.keyboard.type(NOTE);
    await p.waitForTimeout(600);
    expect(await findingsIn(p).count()).toBe(0);
    await popup.reload();
    await popup.locator('.paused').waitFor();
    expect(await popup.locator('[data-action="pause"]').isChecked()).toBe(true);

    // Resume: the field is checked again without reloading.
    await popup.locator('[data-action="pause"]').click();
    await expect.poll(() => findingsIn(p).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => sw.evaluate((id) => (globalThis as unknown as { chrome: Chrome }).chrome.action.getBadgeText({ tabId: id }), tabId)).toBe('1');
  });
});
