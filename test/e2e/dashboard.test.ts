/**
 * End-to-end: the built extension in Debian's Chromium; counts are seeded through
 * the background (`count-events`, as the content script sends them), then the
 * options page's Dashboard tab must show them, export the same figures as CSV,
 * and clear them after confirmation.
 *
 * Needs a build: `npx wxt build` (npm test builds first). CNL_EXT_DIR overrides
 * the unpacked extension folder (default .output/chrome-mv3).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import { CATEGORIES } from '../../lib/categories.ts';
import type { CountEvent, Message } from '../../lib/messages.ts';
import type { ReportStatus, StatsSnapshot } from '../../lib/background/stats/snapshot.ts';
import type { ReportPayload } from '../../lib/schema/report.ts';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { startCollector } from '../support/collector.ts';
import { ruleIdsIn, typedTextLeaks } from '../support/scan.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const EXT = process.env.CNL_EXT_DIR ?? join(ROOT, '.output/chrome-mv3');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const built = existsSync(join(EXT, 'manifest.json')) && existsSync(join(EXT, 'options.html'));
if (!built) throw new Error(`[dashboard e2e] no options page in ${EXT}: run \`npx wxt build\` first (npm test does)`);

let context: BrowserContext;
let profile: string;
let extensionId: string;

async function openDashboard(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  // The options page shows the dashboard in a tab named "Dashboard" / "Tableau de bord".
  const tab = page.getByRole('tab', { name: /dashboard|tableau de bord|comptages/i });
  if (await tab.count()) await tab.first().click();
  await page.locator('[data-testid="cnl-dashboard"]').waitFor({ timeout: 15_000 });
  return page;
}

/** Sends a message to the background from an extension page, as the dashboard does. */
async function send<T>(page: Page, msg: Message): Promise<T> {
  return page.evaluate((m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m), msg) as Promise<T>;
}

const ev = (category: CountEvent['category'], rule: string, action: CountEvent['action'], n = 1): CountEvent[] =>
  Array.from({ length: n }, () => ({ category, rule, action }));

describe('dashboard in the built extension', () => {
  beforeAll(async () => {
    profile = mkdtempSync(join(tmpdir(), 'cnl-dash-profile-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      locale: 'fr-FR',
      acceptDownloads: true,
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [
        `--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`, '--no-sandbox', '--disable-gpu', '--disable-quic',
        '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--lang=fr-FR',
      ],
    });
    let [sw] = context.serviceWorkers();
    sw ??= await context.waitForEvent('serviceworker', { timeout: 30_000 });
    extensionId = new URL(sw.url()).host;
  });

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('shows an empty state, then the counts seeded through the background, exports them and clears them', async () => {
    const page = await openDashboard();
    await expect.poll(() => page.locator('[data-testid="cnl-empty"]').count()).toBe(1);

    // Two "tabs" of a CRM report what happened to their findings.
    await Promise.all([
      send(page, { type: 'count-events', host: 'crm.example.com', events: [
        ...ev('diet', 'fr.diet.menu-hallal', 'shown', 3), ...ev('diet', 'fr.diet.menu-hallal', 'applied', 2),
        ...ev('insult', 'fr.insult.casse-pieds', 'shown'), ...ev('insult', 'fr.insult.casse-pieds', 'ignored'),
      ] }),
      send(page, { type: 'count-events', host: 'sales.example.org', events: [
        ...ev('health', 'fr.health.diabete', 'shown', 2), ...ev('health', 'fr.health.diabete', 'saved-with'),
      ] }),
    ]);

    // The dashboard refreshes by itself (storage.onChanged).
    const kpi = (id: string) => page.locator(`[data-testid="cnl-kpi-${id}"] .v`);
    await expect.poll(() => kpi('shown').textContent(), { timeout: 10_000 }).toBe('6');
    expect(await kpi('applied').textContent()).toBe('2');
    expect(await kpi('ignored').textContent()).toBe('1');
    expect(await kpi('left').textContent()).toBe('1');
    // fixed before save: 2 ÷ (2 + 1)
    expect((await kpi('fixed').textContent())?.replace(/\s/g, '')).toBe('67%');
    expect(await page.locator('[data-testid="cnl-cat-diet"]').getAttribute('data-shown')).toBe('3');
    expect(await page.locator('[data-testid="cnl-cat-health"]').getAttribute('data-shown')).toBe('2');
    expect(await page.locator('[data-testid="cnl-cat-insult"]').getAttribute('data-ignored')).toBe('1');
    // category labels in the language browser.i18n resolved (headless Chromium's UI is English)
    const lang = (await page.locator('[data-testid="cnl-dashboard"]').getAttribute('lang')) as 'fr' | 'en';
    expect(await page.locator('[data-testid="cnl-cat-diet"] .cnl-cat').textContent()).toBe(CATEGORIES.diet.label[lang]);
    expect(await page.locator('[data-testid="cnl-top-sites"] tbody tr').first().getAttribute('data-host')).toBe('crm.example.com');
    expect(await page.locator('[data-testid="cnl-top-rules"] tbody tr').first().getAttribute('data-rule')).toBe('fr.diet.menu-hallal');
    // the weekly chart has this week's bar
    const bars = page.locator('[data-testid="cnl-weekly-chart"] g[data-week]');
    expect(await bars.count()).toBeGreaterThan(0);
    expect(await bars.last().getAttribute('data-shown')).toBe('6');

    // CSV export: same figures as the store
    const snap = await send<StatsSnapshot>(page, { type: 'stats-get', includeRows: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="cnl-export-csv"]').click()]);
    expect(download.suggestedFilename()).toMatch(/^crm-note-lint-counts_.*\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const rows = (parse(csv, { columns: true }) as Record<string, string>[]).map((r) => ({ ...r, count: Number(r.count) })) as { action: string; count: number }[];
    expect(rows).toEqual(snap.rows);
    expect(rows.filter((r) => r.action === 'shown').reduce((n, r) => n + r.count, 0)).toBe(6);

    // JSON export
    const [jdl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="cnl-export-json"]').click()]);
    const json = JSON.parse(readFileSync((await jdl.path())!, 'utf8'));
    expect(json.totals.shown).toBe(6);

    // "Clear my data" asks first; cancel keeps everything
    await page.locator('[data-testid="cnl-clear"]').click();
    await page.locator('[data-testid="cnl-clear-cancel"]').click();
    expect(await kpi('shown').textContent()).toBe('6');
    await page.locator('[data-testid="cnl-clear"]').click();
    await page.locator('[data-testid="cnl-clear-confirm"]').click();
    await page.locator('[data-testid="cnl-empty"]').waitFor({ timeout: 10_000 });
    const after = await send<StatsSnapshot>(page, { type: 'stats-get' });
    expect(after.hasData).toBe(false);

    // no count key left in storage
    const keys = await page.evaluate(async () => Object.keys(await (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<Record<string, unknown>> } } } }).chrome.storage.local.get(null)));
    expect(keys.filter((k) => k.startsWith('stats.d.') || k.startsWith('stats.m.'))).toEqual([]);
    await page.close();
  });

  it('sends the organisation report to a local collector once the policy sets reporting.endpoint', async () => {
    const collector = await startCollector();
    try {
      const page = await openDashboard();
      // Through the policy file import of the options page: the policy service hands
      // `reporting` to the stats service.
      await send(page, { type: 'policy-import-policy', policy: { reporting: { endpoint: collector.url, minCount: 1, intervalMinutes: 15 } }, fileName: 'reporting.json' } as Message);
      const t0 = Date.now();
      let enabled = false;
      while (!enabled && Date.now() - t0 < 5_000) {
        enabled = (await send<StatsSnapshot>(page, { type: 'stats-get' })).reporting.enabled;
        if (!enabled) await page.waitForTimeout(100);
      }
      expect(enabled).toBe(true);
      await send(page, { type: 'count-events', host: 'crm.example.com', events: [
        ...ev('diet', 'fr.diet.menu-hallal', 'shown', 2), ...ev('diet', 'fr.diet.menu-hallal', 'applied'),
      ] });
      const status = await send<ReportStatus>(page, { type: 'stats-report-now' });
      expect(status.lastError).toBeUndefined();
      expect(status.sentBatches).toBe(1);
      expect(collector.received).toHaveLength(1);
      const p = collector.received[0]!.json as ReportPayload;
      const schema = JSON.parse(readFileSync(join(ROOT, 'docs/report-payload.schema.json'), 'utf8'));
      expect(new Ajv2020({ strict: true }).validate(schema, p)).toBe(true);
      expect(p.buckets.filter((b) => b.rule === 'fr.diet.menu-hallal').map((b) => [b.action, b.count]).sort()).toEqual([['applied', 1], ['shown', 2]]);
      expect(typedTextLeaks(collector.received[0]!.body, ['hallal', 'menus hallal'], ruleIdsIn(collector.received[0]!.body))).toEqual([]);
      // the dashboard tells when the last report went
      await page.reload();
      const tab = page.getByRole('tab', { name: /dashboard|tableau de bord|comptages/i });
      if (await tab.count()) await tab.first().click();
      await expect.poll(() => page.locator('[data-testid="cnl-reporting"]').textContent()).toMatch(/127\.0\.0\.1/);
      await page.close();
    } finally {
      await collector.close();
    }
  });
});
