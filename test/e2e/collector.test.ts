/**
 * Issue 13, "Done when", end to end: `crm-note-lint serve` on the embedded
 * database, the built extension in Debian's Chromium with a policy pointing at it
 * (endpoint + reporting.token + teamLabel). The rep types a note in a fixture page
 * and applies a suggestion; a report is forced (`stats-report-now`). Then, in the
 * browser, the org dashboard (signed in with the password):
 *  - with --min-group 1 shows the same numbers as the extension's own dashboard
 *    (totals, by category, top rules);
 *  - restarted with --min-group 2 on the same data, after a second reporter sent
 *    diet counts only: the diet row is a number (both reporters), every cell of the
 *    browser alone shows "< 2", in the page and in the CSV export;
 *  - the stored tables (and the raw database files) hold no typed word.
 * Runs on a private copy of .output/chrome-mv3 (CNL_EXT_DIR overrides it). `npm test` builds first.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { Message } from '../../lib/messages.ts';
import type { ReportStatus, StatsSnapshot } from '../../lib/background/stats/snapshot.ts';
import { openPglite } from '../../lib/collector/db.ts';
import { dayOf } from '../../lib/background/stats/model.ts';
import { dumpTables } from '../collector/backends.ts';
import { startServe, type ServeChild } from '../collector/serve-process.ts';
import { ruleIdsIn, typedTextLeaks } from '../support/scan.ts';
import { cardIn, findingsIn, startServer, type FixtureServer } from './harness.ts';
import { ORG_STRINGS } from '../../lib/collector/dashboard/strings.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC_EXT = process.env.CNL_EXT_DIR ?? join(ROOT, '.output/chrome-mv3');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(join(SRC_EXT, 'manifest.json'))) throw new Error(`[collector e2e] no build in ${SRC_EXT}: run \`npx wxt build\` first (npm test does)`);

const NOTE = 'Client diabétique, prévoir 6 menus hallal pour le séminaire.';
const FIXED = 'Client diabétique, prévoir 6 menus spéciaux pour le séminaire.';
const TYPED = [NOTE, FIXED, 'Client diabétique', 'diabétique', 'diabetique', 'menus hallal', 'séminaire', 'seminaire', 'prévoir', 'prevoir'];
const DIET_RULE = 'fr.diet.menu-hallal';
const TEAM = 'Ventes Ouest';
const INGEST = 'e2e-ingest-token-4f1c9a7d2b';
const PASSWORD = 'e2e dashboard password';
const ENV = { CRM_NOTE_LINT_INGEST_TOKEN: INGEST, CRM_NOTE_LINT_ADMIN_PASSWORD: PASSWORD, CRM_NOTE_LINT_ADMIN_TOKEN: '', DATABASE_URL: '' };

let context: BrowserContext;
let profile: string;
let extensionId: string;
let server: FixtureServer;
let serve: ServeChild | undefined;
let probe: Page;
const dataDir = () => join(profile, 'collector-db');

async function send<T>(page: Page, msg: Message): Promise<T> {
  return page.evaluate((m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m), msg) as Promise<T>;
}

const digits = (s: string | null) => (s ?? '').replace(/[\s\u00a0\u202f]/g, '');

async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.locator('#pw').fill(PASSWORD);
  await Promise.all([page.waitForURL(`${url}/`), page.locator('button[type="submit"]').click()]);
  await page.locator('[data-testid="org-kpi-shown"]').waitFor({ timeout: 20_000 });
}

/** Category → cells (shown, applied, ignored, at save) as displayed. */
async function tableCells(page: Page, table: string, keyAttr: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const row of await page.locator(`[data-testid="${table}"] tbody tr`).all()) {
    out[(await row.getAttribute(keyAttr))!] = (await row.locator('td.num').allTextContents()).map(digits);
  }
  return out;
}

describe('org collector end to end: extension → serve (PGlite) → org dashboard', () => {
  beforeAll(async () => {
    server = await startServer({}, { '/compliance/': join(ROOT, 'test/fixtures/compliance') });
    profile = mkdtempSync(join(tmpdir(), 'cnl-collector-e2e-'));
    serve = await startServe(['--data', dataDir(), '--min-group', '1'], ENV);
    const ext = join(profile, 'ext');
    cpSync(SRC_EXT, ext, { recursive: true });
    context = await chromium.launchPersistentContext(join(profile, 'user-data'), {
      executablePath: CHROMIUM,
      headless: true,
      locale: 'fr-FR',
      acceptDownloads: true,
      viewport: { width: 1200, height: 900 },
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-sandbox', '--disable-gpu', '--disable-quic',
        '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--lang=fr-FR'],
    });
    let [w] = context.serviceWorkers();
    w ??= await context.waitForEvent('serviceworker', { timeout: 30_000 });
    extensionId = new URL(w.url()).host;
    probe = await context.newPage();
    await probe.goto(`chrome-extension://${extensionId}/options.html`);
  }, 300_000); // a first PGlite start (initdb in WASM) takes a minute on a loaded 2-core machine

  afterAll(async () => {
    await context?.close();
    await serve?.stop();
    await server?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('the org dashboard shows the extension\'s counts, masks small groups as "< N", and stores no typed word', { timeout: 600_000 }, async () => {
    const imported = await send<{ ok: boolean }>(probe, {
      type: 'policy-import-policy',
      policy: { reporting: { endpoint: `${serve!.url}/v1/reports`, minCount: 1, intervalMinutes: 60, teamLabel: TEAM, token: INGEST } },
      fileName: 'reporting.json',
    });
    expect(imported.ok).toBe(true);
    await expect.poll(async () => (await send<StatsSnapshot>(probe, { type: 'stats-get' })).reporting.enabled, { timeout: 10_000 }).toBe(true);

    // ---- the rep types a note and applies the diet suggestion ----
    const page = await context.newPage();
    await page.goto(`${server.origin}/compliance/note.html`);
    await page.locator('#notes').click();
    await page.keyboard.type(NOTE, { delay: 5 });
    await expect.poll(() => findingsIn(page).count()).toBe(2);
    await findingsIn(page, DIET_RULE).first().click();
    await cardIn(page).waitFor();
    await cardIn(page).locator('[data-action="apply"]').first().click();
    await expect.poll(() => page.locator('#notes').inputValue()).toBe(FIXED);
    await expect.poll(async () => (await send<StatsSnapshot>(probe, { type: 'stats-get' })).summary.totals.applied, { timeout: 10_000 }).toBe(1);
    await page.close();

    // ---- forced report: accepted by the collector (bearer token) ----
    const status = await send<ReportStatus>(probe, { type: 'stats-report-now' });
    expect(status.outbox).toBeNull();
    expect(status.lastSuccessAt).toBeTruthy();

    // ---- the extension's own dashboard ----
    const ext = await context.newPage();
    await ext.goto(`chrome-extension://${extensionId}/options.html#dashboard`);
    const tab = ext.getByRole('tab', { name: /dashboard|tableau de bord|comptages/i });
    if (await tab.count()) await tab.first().click();
    await ext.locator('[data-testid="cnl-kpi-shown"]').waitFor({ timeout: 15_000 });
    const extKpi = async (id: string) => digits(await ext.locator(`[data-testid="cnl-kpi-${id}"] .v`).textContent());
    const extCats: Record<string, string[]> = {};
    for (const row of await ext.locator('[data-testid="cnl-categories"] tbody tr').all()) {
      extCats[(await row.getAttribute('data-testid'))!.replace('cnl-cat-', '')] = (await row.locator('td.num').allTextContents()).map(digits);
    }
    const extRules: Record<string, string> = {};
    for (const row of await ext.locator('[data-testid="cnl-top-rules"] tbody tr').all()) extRules[(await row.getAttribute('data-rule'))!] = (await row.getAttribute('data-shown'))!;
    expect(await extKpi('shown')).toBe('2');

    // ---- the org dashboard, min group 1: the same numbers ----
    const org = await context.newPage();
    await signIn(org, serve!.url);
    const orgKpi = async (id: string) => digits(await org.locator(`[data-testid="org-kpi-${id}"] .v`).textContent());
    for (const id of ['shown', 'applied', 'ignored']) expect(await orgKpi(id), id).toBe(await extKpi(id));
    // No save was made (suggest mode): neither dashboard shows a number for what saves measure.
    for (const id of ['left', 'fixed']) {
      expect(await extKpi(id), id).toBe('notmeasuredinsuggestmode');
      // The org dashboard follows the browser's Accept-Language, the extension its UI language.
      expect([ORG_STRINGS.fr.org_no_save, ORG_STRINGS.en.org_no_save].map(digits), id).toContain(await orgKpi(id));
    }
    // Shown, applied, ignored as in the extension (which leaves out "left at save" while saves are not measured).
    const orgCats = await tableCells(org, 'org-categories', 'data-category');
    expect(Object.fromEntries(Object.entries(orgCats).map(([k, v]) => [k, v.slice(0, 3)]))).toEqual(extCats);
    const orgRules: Record<string, string> = {};
    for (const row of await org.locator('[data-testid="org-top-rules"] tbody tr').all()) {
      orgRules[(await row.getAttribute('data-rule'))!] = digits(await row.locator('[data-testid="shown"]').textContent());
    }
    expect(orgRules).toEqual(extRules);
    expect(await org.locator(`[data-testid="org-by-team"] tr[data-team="${TEAM}"]`).count()).toBe(1);
    // rule labels are the dictionary's explanation, not only the id
    expect((await org.locator(`[data-testid="org-top-rules"] tr[data-rule="${DIET_RULE}"] .cnl-label`).textContent())!.length).toBeGreaterThan(DIET_RULE.length);

    // ---- a second reporter sends diet counts; restart with --min-group 2 on the same data ----
    const today = dayOf(new Date());
    const other = {
      format: 'crm-note-lint.counts-report', version: 1, batchId: randomUUID(), createdAt: new Date().toISOString(), sentAt: new Date().toISOString(), attempt: 1,
      reporter: { installId: randomUUID(), installIdMonth: today.slice(0, 7), team: 'Autre équipe' },
      period: { from: today, to: today }, minCount: 1, heldBackBuckets: 0,
      buckets: [{ host: '127.0.0.1', category: 'diet', rule: DIET_RULE, action: 'shown', count: 4, firstDay: today, lastDay: today }],
    };
    const r = await fetch(`${serve!.url}/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST}` }, body: JSON.stringify(other) });
    expect(r.status).toBe(200);
    await serve!.stop();
    serve = await startServe(['--data', dataDir(), '--min-group', '2'], ENV);
    await signIn(org, serve.url);
    const cats = await tableCells(org, 'org-categories', 'data-category');
    expect(cats.diet![0]).toBe(String(Number(extCats.diet![0]) + 4)); // two reporters: a number
    expect(cats.diet![1]).toBe('<2'); // applied: the browser alone (cells read without spaces)
    expect(cats.health).toEqual(['<2', '0', '0', '0']);
    expect(await orgKpi('applied')).toBe('<2');
    expect(await org.locator('[data-masked="true"]').count()).toBeGreaterThan(0);
    for (const t of await org.locator('[data-masked="true"]').allTextContents()) expect(t).toBe('< 2');
    const byTeam = await tableCells(org, 'org-by-team', 'data-team');
    expect(byTeam[TEAM]![0]).toBe('<2');

    // CSV export from the page's own link: masked cells are "< 2", never a number
    const [download] = await Promise.all([org.waitForEvent('download'), org.locator('[data-testid="org-export-csv"]').click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('week,team,site,category,rule,action,count');
    const lines = csv.trim().split('\r\n').slice(1);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.endsWith(',< 2'), line).toBe(true); // every export cell is one reporter's
    await serve.stop();
    serve = undefined;

    // ---- the stored tables and the raw database files hold no typed word ----
    const db = await openPglite(dataDir());
    const dump = await dumpTables(db);
    await db.close();
    expect(dump).toContain(DIET_RULE);
    expect(typedTextLeaks(dump, TYPED, ruleIdsIn(dump))).toEqual([]);
    const files: string[] = [];
    const walk = (d: string) => { for (const f of readdirSync(d)) { const p = join(d, f); if (statSync(p).isDirectory()) walk(p); else files.push(p); } };
    walk(dataDir());
    for (const f of files) {
      const bytes = readFileSync(f).toString('latin1');
      for (const w of ['diabétique', 'séminaire', 'prévoir', 'menus spéciaux']) expect(bytes.includes(Buffer.from(w).toString('latin1')), `${w} in ${f}`).toBe(false);
    }
  });
});
