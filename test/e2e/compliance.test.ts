/**
 * Issue 5, "Done when", end to end: the built extension in Debian's Chromium.
 *
 * A policy file imported through the options page (`policy-import-policy`) turns
 * organisation reporting on, to a local collector on 127.0.0.1 (minCount 1). A rep
 * types sensitive notes in a fixture page (a textarea and a contenteditable),
 * applies one suggestion and ignores another through the in-page contract
 * (`<crm-note-lint>` open shadow root, `[data-finding]`, card `[data-action]`),
 * keeps typing (a shown finding is not counted again), reloads and types the note
 * again while a second tab types it too (one count per field editing session; two
 * tabs double nothing). Then:
 *  - the options page's Dashboard tab SHOWS the expected numbers (read from the
 *    rendered cells: totals, by category, top rules, share fixed);
 *  - its CSV export (a real download) carries the same figures;
 *  - `stats-report-now` makes the collector receive ONE aggregated report whose
 *    buckets match, valid against docs/report-payload.schema.json;
 *  - every request the browser made (pages, extension pages and the service
 *    worker: Playwright reports service-worker requests in Chromium, which the test
 *    proves by finding the collector POST among them), what the fixture server and
 *    the collector received, and the whole of chrome.storage.local contain none of
 *    the typed words (rule ids such as fr.diet.menu-hallal are dictionary
 *    identifiers and are masked first: test/stats/scan.ts).
 *
 * Runs on a private copy of .output/chrome-mv3 (CNL_EXT_DIR overrides the source),
 * so a rebuild by someone else during the run changes nothing. `npm test` builds first.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page, type Request, type Worker } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { CategoryId } from '../../lib/categories.ts';
import type { CountAction, Message } from '../../lib/messages.ts';
import type { ReportStatus, StatsSnapshot } from '../../lib/background/stats/snapshot.ts';
import { reportPayloadSchema, type ReportPayload } from '../../lib/schema/report.ts';
import { startCollector, type Collector } from '../support/collector.ts';
import { ruleIdsIn, typedTextLeaks } from '../support/scan.ts';
import { cardIn, findingsIn, startServer, waitFor, type FixtureServer } from './harness.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC_EXT = process.env.CNL_EXT_DIR ?? join(ROOT, '.output/chrome-mv3');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(join(SRC_EXT, 'manifest.json')) || !existsSync(join(SRC_EXT, 'options.html'))) {
  throw new Error(`[compliance e2e] no build in ${SRC_EXT}: run \`npx wxt build\` first (npm test does)`);
}

// ---- what the rep types ------------------------------------------------------

/** Textarea note: a health finding (left as is) and a diet finding (rewritten with its suggestion). */
const NOTE1 = 'Client diabétique, prévoir 6 menus hallal pour le séminaire.';
const NOTE1_FIXED = 'Client diabétique, prévoir 6 menus spéciaux pour le séminaire.';
const MORE1 = ' Rappeler jeudi matin.';
/** Contenteditable note: an insult (ignored). */
const NOTE2 = 'Monsieur Durand est un vrai casse-pieds au téléphone.';
const MORE2 = ' Relance prévue vendredi.';

/**
 * Everything the rep typed, as phrases and words, plus the accent-folded forms an
 * engine would use (a leak could store those). None may appear in storage or on
 * the wire. Dictionary rule ids are masked before the search (see scan.ts).
 */
const TYPED = [
  NOTE1, NOTE1_FIXED, NOTE2, MORE1.trim(), MORE2.trim(),
  'Client diabétique', 'diabétique', 'diabetique', 'menus hallal', 'hallal', 'séminaire', 'seminaire',
  'vrai casse-pieds', 'casse-pieds', 'casse pieds', 'Durand', 'téléphone', 'telephone', 'Rappeler jeudi', 'vendredi',
];

const HOST = '127.0.0.1';
const HEALTH = { category: 'health', rule: 'fr.health.diabete-asthme-epilepsie' } as const;
const DIET = { category: 'diet', rule: 'fr.diet.menu-hallal' } as const;
const INSULT = { category: 'insult', rule: 'fr.insult.chiant' } as const;

type Key = `${string}|${string}|${CountAction}`;
/** Expected store: category|rule|action → count (all on HOST, today). */
type Expected = Partial<Record<Key, number>>;
const k = (f: { category: string; rule: string }, action: CountAction): Key => `${f.category}|${f.rule}|${action}`;

// ---- browser -----------------------------------------------------------------

let context: BrowserContext;
let profile: string;
let extensionId: string;
let server: FixtureServer;
let collector: Collector;
/** Every request the browser made: who made it, URL, body. */
const requests: { sw: boolean; method: string; url: string; body: string }[] = [];
let probe: Page;

const sw = (): Worker => {
  const w = context.serviceWorkers().find((x) => x.url().startsWith(`chrome-extension://${extensionId}/`));
  if (!w) throw new Error('extension service worker not running');
  return w;
};

/** Sends a message to the background from an extension page, as the options page does. */
async function send<T>(page: Page, msg: Message): Promise<T> {
  return page.evaluate((m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m), msg) as Promise<T>;
}

/** The store's figures for HOST as category|rule|action → count (from `stats-get` rows). */
async function stored(): Promise<Expected> {
  const snap = await send<StatsSnapshot>(probe, { type: 'stats-get', includeRows: true });
  const out: Expected = {};
  for (const r of snap.rows ?? []) {
    expect(r.host).toBe(HOST);
    const key = `${r.category}|${r.rule}|${r.action}` as Key;
    out[key] = (out[key] ?? 0) + r.count;
  }
  return out;
}

/**
 * Waits until the store holds exactly `want`, then waits past the content
 * script's flush delay (1 s) and checks again: a late re-count would show.
 */
async function expectStored(want: Expected): Promise<void> {
  await expect.poll(stored, { timeout: 10_000, interval: 200 }).toEqual(want);
  await probe.waitForTimeout(1_500);
  expect(await stored()).toEqual(want);
}

async function openNotePage(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.origin}/compliance/note.html`);
  return page;
}

/** Types a note in a field the way a rep does: click, then key by key. */
async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).click();
  await page.keyboard.type(text, { delay: 5 });
}

const fieldText = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => (el instanceof HTMLTextAreaElement ? el.value : (el as HTMLElement).innerText.trim()));

/** The rules of the findings currently underlined in a page (from `[data-finding]`). */
const shownRules = (page: Page) =>
  findingsIn(page).evaluateAll((els) => els.map((e) => `${e.getAttribute('data-category')}|${e.getAttribute('data-rule')}`).sort());

/** Types NOTE1 in the textarea of a page and waits for its two findings. */
async function typeNote1(page: Page): Promise<void> {
  await typeInto(page, '#notes', NOTE1);
  await expect.poll(() => shownRules(page)).toEqual([`${DIET.category}|${DIET.rule}`, `${HEALTH.category}|${HEALTH.rule}`]);
}

describe('compliance counts end to end: type, apply, ignore → dashboard, CSV, report; no typed text anywhere', () => {
  beforeAll(async () => {
    server = await startServer({}, { '/compliance/': join(ROOT, 'test/fixtures/compliance') });
    collector = await startCollector('/crm-note-lint/counts');
    profile = mkdtempSync(join(tmpdir(), 'cnl-compliance-'));
    const ext = join(profile, 'ext');
    cpSync(SRC_EXT, ext, { recursive: true });
    context = await chromium.launchPersistentContext(join(profile, 'user-data'), {
      executablePath: CHROMIUM,
      headless: true,
      locale: 'fr-FR',
      acceptDownloads: true,
      viewport: { width: 1100, height: 800 },
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [
        `--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-sandbox', '--disable-gpu', '--disable-quic',
        '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--lang=fr-FR',
      ],
    });
    // Pages, frames, extension pages AND the extension's service worker (Chromium).
    context.on('request', (r: Request) => {
      requests.push({ sw: !!r.serviceWorker(), method: r.method(), url: r.url(), body: r.postData() ?? '' });
    });
    let [w] = context.serviceWorkers();
    w ??= await context.waitForEvent('serviceworker', { timeout: 30_000 });
    extensionId = new URL(w.url()).host;
    probe = await context.newPage();
    await probe.goto(`chrome-extension://${extensionId}/options.html`);
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    await collector?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('counts what the rep did, shows it, exports it, reports it — and stores and sends no typed text', async () => {
    // ---- the organisation's policy: reporting to the local collector, minCount 1 ----
    const imported = await send<{ ok: boolean }>(probe, {
      type: 'policy-import-policy',
      policy: { reporting: { endpoint: collector.url, minCount: 1, intervalMinutes: 60 } },
      fileName: 'reporting.json',
    });
    expect(imported.ok).toBe(true);
    await expect.poll(async () => (await send<StatsSnapshot>(probe, { type: 'stats-get' })).reporting.enabled, { timeout: 10_000 }).toBe(true);
    expect(await stored()).toEqual({});

    // ---- tab 1, textarea: two findings; apply the diet one; keep typing ----
    const a = await openNotePage();
    await typeNote1(a);
    await findingsIn(a, DIET.rule).first().click();
    const card = cardIn(a);
    await card.waitFor();
    expect(await card.getAttribute('data-rule')).toBe(DIET.rule);
    await card.locator('[data-action="apply"]').first().click();
    await expect.poll(() => fieldText(a, '#notes')).toBe(NOTE1_FIXED);
    await expect.poll(() => shownRules(a)).toEqual([`${HEALTH.category}|${HEALTH.rule}`]);
    // More keystrokes in the same editing session re-show the health finding every time: counted once.
    await a.keyboard.type(MORE1, { delay: 5 });
    await expect.poll(() => fieldText(a, '#notes')).toBe(NOTE1_FIXED + MORE1);
    expect(await shownRules(a)).toEqual([`${HEALTH.category}|${HEALTH.rule}`]);

    // ---- tab 1, contenteditable: an insult; ignore it; keep typing ----
    await typeInto(a, '#ce', NOTE2);
    await expect.poll(() => findingsIn(a, INSULT.rule).count()).toBe(1);
    expect(await findingsIn(a, INSULT.rule).first().getAttribute('data-category')).toBe(INSULT.category);
    await findingsIn(a, INSULT.rule).first().click();
    await card.waitFor();
    expect(await card.getAttribute('data-rule')).toBe(INSULT.rule);
    await card.locator('[data-action="ignore"]').click();
    await expect.poll(() => findingsIn(a, INSULT.rule).count()).toBe(0);
    await a.keyboard.type(MORE2, { delay: 5 });
    await expect.poll(() => fieldText(a, '#ce')).toBe(NOTE2 + MORE2);
    expect(await findingsIn(a, INSULT.rule).count()).toBe(0);

    const afterTab1: Expected = {
      [k(HEALTH, 'shown')]: 1,
      [k(DIET, 'shown')]: 1,
      [k(DIET, 'applied')]: 1,
      [k(INSULT, 'shown')]: 1,
      [k(INSULT, 'ignored')]: 1,
    };
    await expectStored(afterTab1);

    // ---- reload tab 1 (a new editing session) and, at the same time, a second tab: the same note ----
    await a.reload();
    const b = await openNotePage();
    await Promise.all([typeNote1(a), typeNote1(b)]);
    // Both tabs keep typing: nothing more is counted.
    await Promise.all([a.keyboard.type(MORE1, { delay: 5 }), b.keyboard.type(MORE1, { delay: 5 })]);
    const want: Expected = {
      ...afterTab1,
      [k(HEALTH, 'shown')]: 3,
      [k(DIET, 'shown')]: 3,
    };
    await expectStored(want);
    await a.close();
    await b.close();
    await probe.waitForTimeout(300);
    expect(await stored()).toEqual(want);

    // ---- the Dashboard tab: read the numbers the rep's manager sees ----
    const dash = await context.newPage();
    await dash.goto(`chrome-extension://${extensionId}/options.html#dashboard`);
    const tab = dash.getByRole('tab', { name: /dashboard|tableau de bord|comptages/i });
    if (await tab.count()) await tab.first().click();
    await dash.locator('[data-testid="cnl-dashboard"]').waitFor({ timeout: 15_000 });
    await dash.locator('[data-testid="cnl-kpi-shown"]').waitFor({ timeout: 15_000 });

    const num = (s: string | null) => {
      const t = (s ?? '').replace(/[\s\u00a0\u202f]/g, '');
      expect(t).toMatch(/^\d+$/);
      return Number(t);
    };
    const kpi = async (id: string) => (await dash.locator(`[data-testid="cnl-kpi-${id}"] .v`).textContent()) ?? '';
    const sum = (action: CountAction) => Object.entries(want).reduce((n, [key, c]) => n + (key.endsWith(`|${action}`) ? c! : 0), 0);
    const ui = {
      shown: num(await kpi('shown')),
      applied: num(await kpi('applied')),
      ignored: num(await kpi('ignored')),
      left: (await kpi('left')).replace(/[\s\u00a0\u202f]/g, ''),
      fixed: (await kpi('fixed')).replace(/[\s\u00a0\u202f]/g, ''),
    };
    // 7 findings shown (3 + 3 + 1), 1 applied, 1 ignored. The fixture has no save and the mode is
    // suggest, where saves are not observed: "left at save" and "fixed before save" say so instead
    // of a false 0 and 100 %.
    expect(ui).toEqual({ shown: sum('shown'), applied: sum('applied'), ignored: sum('ignored'), left: 'notmeasuredinsuggestmode', fixed: 'notmeasuredinsuggestmode' });
    expect(ui.shown).toBe(7);

    // Totals by category, from the table's cells (shown, applied, ignored, left at save).
    const catRows = dash.locator('[data-testid="cnl-categories"] tbody tr');
    const byCategory: Record<string, number[]> = {};
    for (const row of await catRows.all()) {
      const id = (await row.getAttribute('data-testid'))!.replace('cnl-cat-', '');
      byCategory[id] = (await row.locator('td.num').allTextContents()).map(num);
    }
    // Shown, applied, ignored: the "left at save" column is left out while saves are not measured (suggest mode).
    expect(byCategory).toEqual({
      health: [3, 0, 0],
      diet: [3, 1, 0],
      insult: [1, 0, 1],
    });
    // Top rules, in order, from the table's cells (rule id shown in <code>; shown, applied, ignored).
    const topRules: [string, ...number[]][] = [];
    for (const row of await dash.locator('[data-testid="cnl-top-rules"] tbody tr').all()) {
      topRules.push([(await row.locator('code').textContent())!, ...(await row.locator('td.num').allTextContents()).map(num)]);
    }
    expect(topRules).toEqual([
      [DIET.rule, 3, 1, 0],
      [HEALTH.rule, 3, 0, 0],
      [INSULT.rule, 1, 0, 1],
    ]);
    // One site.
    const sites = await dash.locator('[data-testid="cnl-top-sites"] tbody tr').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-host')));
    expect(sites).toEqual([HOST]);

    // ---- CSV export through the dashboard's button (a real download) ----
    const [download] = await Promise.all([dash.waitForEvent('download'), dash.locator('[data-testid="cnl-export-csv"]').click()]);
    expect(download.suggestedFilename()).toMatch(/^crm-note-lint-counts_.*\.csv$/);
    const csvText = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const csv = parse(csvText, { columns: true }) as Record<string, string>[];
    expect(Object.keys(csv[0] ?? {})).toEqual(['period', 'granularity', 'host', 'category', 'rule', 'action', 'count']);
    const csvBy = (pick: (r: Record<string, string>) => string) => {
      const m: Record<string, number> = {};
      for (const r of csv) m[pick(r)] = (m[pick(r)] ?? 0) + Number(r.count);
      return m;
    };
    // The CSV's figures, summed the way the dashboard shows them, equal what the dashboard showed.
    const csvActions = csvBy((r) => r.action);
    expect({ shown: csvActions.shown, applied: csvActions.applied, ignored: csvActions.ignored, left: (csvActions['saved-with'] ?? 0) + (csvActions['saved-anyway'] ?? 0) })
      .toEqual({ shown: ui.shown, applied: ui.applied, ignored: ui.ignored, left: 0 }); // no save: none left at a save
    const csvCat = csvBy((r) => `${r.category}|${r.action}`);
    for (const [cat, [shown, applied, ignored]] of Object.entries(byCategory)) {
      expect([csvCat[`${cat}|shown`] ?? 0, csvCat[`${cat}|applied`] ?? 0, csvCat[`${cat}|ignored`] ?? 0]).toEqual([shown, applied, ignored]);
    }
    const csvRule = csvBy((r) => `${r.rule}|${r.action}`);
    for (const [rule, shown, applied, ignored] of topRules) {
      expect([csvRule[`${rule}|shown`] ?? 0, csvRule[`${rule}|applied`] ?? 0, csvRule[`${rule}|ignored`] ?? 0]).toEqual([shown, applied, ignored]);
    }
    // … and cell by cell, exactly what was done.
    expect(csvBy((r) => `${r.category}|${r.rule}|${r.action}`)).toEqual(want);
    expect(new Set(csv.map((r) => r.host))).toEqual(new Set([HOST]));

    // ---- the organisation report ----
    expect(collector.received).toHaveLength(0);
    const status = await send<ReportStatus>(probe, { type: 'stats-report-now' });
    expect(status.lastError).toBeUndefined();
    expect(status.sentBatches).toBe(1);
    expect(status.outbox).toBeNull();
    expect(collector.received).toHaveLength(1);
    const body = collector.received[0]!.body;
    const payload = collector.received[0]!.json as ReportPayload;
    const schema = JSON.parse(readFileSync(join(ROOT, 'docs/report-payload.schema.json'), 'utf8'));
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    const valid = ajv.validate(schema, payload);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(reportPayloadSchema.safeParse(payload).success).toBe(true);
    expect(payload.minCount).toBe(1);
    expect(payload.heldBackBuckets).toBe(0);
    expect(payload.reporter.team).toBeUndefined(); // anonymous: no teamLabel in the policy
    const today = (await send<StatsSnapshot>(probe, { type: 'stats-get' })).today;
    expect(payload.period).toEqual({ from: today, to: today });
    const buckets: Expected = {};
    for (const bk of payload.buckets) {
      expect(bk.host).toBe(HOST);
      expect([bk.firstDay, bk.lastDay]).toEqual([today, today]);
      buckets[`${bk.category}|${bk.rule}|${bk.action}` as Key] = bk.count;
    }
    expect(payload.buckets).toHaveLength(Object.keys(want).length);
    expect(buckets).toEqual(want);
    // A second round sends nothing: nothing new was counted, and the batch is not sent twice.
    const again = await send<ReportStatus>(probe, { type: 'stats-report-now' });
    expect(again.sentBatches).toBe(1);
    expect(collector.received).toHaveLength(1);
    // The dashboard says the report went (reload: the page reads the status once).
    await dash.reload();
    await dash.locator('[data-testid="cnl-reporting"]').waitFor({ timeout: 15_000 });
    await expect.poll(() => dash.locator('[data-testid="cnl-reporting"]').textContent()).toMatch(/127\.0\.0\.1/);

    // ---- the privacy scan ----
    // The requests seen include the service worker's: the report POST is among them.
    const post = requests.filter((r) => r.method === 'POST' && r.url === collector.url);
    expect(post).toHaveLength(1);
    expect(post[0]!.sw).toBe(true);
    expect(post[0]!.body).toBe(body);
    expect(requests.some((r) => r.url.startsWith(`${server.origin}/compliance/note.html`))).toBe(true);

    const wire = [
      ...requests.map((r) => `${r.method} ${r.url} ${r.body}`),
      ...server.received,
      ...collector.received.map((r) => r.body),
    ].join('\n');
    expect(typedTextLeaks(wire, TYPED, ruleIdsIn(wire))).toEqual([]);

    const storage = await sw().evaluate(async () => JSON.stringify(
      await (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<Record<string, unknown>> } } } }).chrome.storage.local.get(null),
    ));
    // Sanity: this is the store that holds the counts (and the imported policy).
    expect(storage).toContain('stats.d.');
    expect(storage).toContain(collector.url);
    expect(typedTextLeaks(storage, TYPED, ruleIdsIn(storage))).toEqual([]);
    // The only ids masked are the three rules counted (no other vocabulary was excused).
    expect(new Set([...ruleIdsIn(storage), ...ruleIdsIn(wire)])).toEqual(new Set([HEALTH.rule, DIET.rule, INSULT.rule]));
    await dash.close();
    // One whole journey (three tabs, a reload, the dashboard, an export, a report): 47 s measured
    // beside a CI run with this round's pack (218k forms); each step still fails on its own poll.
  }, 120_000);
});
