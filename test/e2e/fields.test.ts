/**
 * End-to-end (forms issue): the built extension in Debian's Chromium on a fixture
 * form with the seed's fields (French and English labels, plus an iframe) and
 * ordinary fields. Values are typed into every field; then:
 * - the popup lists the sensitive fields with their class and reason, not the ordinary ones;
 * - the counts (`field-seen`, once per field and page load) reach the stats store and the dashboard;
 * - markers appear next to the labels once a policy sets markSensitiveFields;
 * - no typed value is in extension storage (local and session) or in any request.
 *
 * Needs a build: `npx wxt build` (npm test builds first). CNL_EXT_DIR overrides
 * the unpacked extension folder (default .output/chrome-mv3).
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, normalize, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Request, type Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, Replies } from '../../lib/messages.ts';
import type { StatsSnapshot } from '../../lib/background/stats/snapshot.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const EXT = process.env.CNL_EXT_DIR ?? join(ROOT, '.output/chrome-mv3');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FORMS = join(ROOT, 'test/fixtures/forms');
if (!existsSync(join(EXT, 'manifest.json'))) throw new Error(`[fields e2e] no build in ${EXT}: run \`npx wxt build\` first (npm test does)`);

/** What the rep types, field by field (ids of test/fixtures/forms/seed-form.html); none may leave the page. */
const TYPED: Record<string, string> = {
  'fr-groupe_sanguin': 'ZQX-AB-NEGATIF',
  'fr-num_ss': '1 85 05 75 123 456 78',
  'fr-email': 'zqx.dupont@valeur-client.example',
  'fr-date_naissance': '1971-04-12',
  'fr-revenus': '48213',
  'fr-valeur_residuelle_prin': '312977',
  'fr-tarif_devis': '1499,37',
  'fr-adresse': '17 rue Zqxmartin, 29200 Brest',
  'fr-societe': 'Kerbrat Zqx SARL',
  'fr-telephone': '0698765432',
  'fr-prochain_rdv': 'jeudi zqx 14h',
  'en-groupe_sanguin': 'ZQX-O-POS',
  'en-num_ss': '078-05-1120',
  'en-email': 'zqx.smith@value-client.example',
  'en-date_naissance': '1968-11-23',
  'en-revenus': '91377',
  'en-valeur_residuelle_prin': '455311',
  'en-tarif_devis': '2277.91',
  'en-adresse': '42 Zqxwood Lane, Leeds',
  'en-societe': 'Zqx Holdings Ltd',
  'en-telephone': '+44 7700 900123',
  'en-prochain_rdv': 'Friday zqx 3pm',
};
const FRAME_TYPED = { religion: 'Zqxisme réformé' };
const ALL_VALUES = [...Object.values(TYPED), ...Object.values(FRAME_TYPED)];

/** The expected list: rule → class, how many fields on the page. */
const EXPECTED: Record<string, { cls: string; n: number }> = {
  'fr.fields.groupe-sanguin': { cls: 'do-not-collect', n: 1 },
  'fr.fields.num-ss': { cls: 'protect', n: 1 },
  'fr.fields.email': { cls: 'protect', n: 1 },
  'fr.fields.date-naissance': { cls: 'protect', n: 1 },
  'fr.fields.revenus': { cls: 'restricted', n: 2 }, // revenus, valeur_residuelle_prin
  'fr.fields.tarif-devis': { cls: 'restricted', n: 1 }, // "Tarif du devis"
  'en.fields.quote-price': { cls: 'restricted', n: 1 }, // "Quote price"
  'fr.fields.adresse': { cls: 'restricted', n: 1 },
  'en.fields.blood-group': { cls: 'do-not-collect', n: 1 },
  'en.fields.ssn': { cls: 'protect', n: 1 },
  'en.fields.email': { cls: 'protect', n: 1 },
  'en.fields.birth-date': { cls: 'protect', n: 1 },
  'en.fields.income': { cls: 'restricted', n: 2 },
  'en.fields.address': { cls: 'restricted', n: 1 },
  'fr.fields.religion': { cls: 'do-not-collect', n: 1 }, // in the iframe
};
const TOTAL = Object.values(EXPECTED).reduce((n, e) => n + e.n, 0);
const ORDINARY_LABELS = ['Société', 'Téléphone', 'Prochain rendez-vous', 'Company', 'Phone', 'Next meeting', 'Canal de contact'];

type Chrome = {
  tabs: { query(q: object): Promise<{ id: number; url?: string }[]> };
  storage: { local: { get(k: null): Promise<Record<string, unknown>> }; session: { get(k: null): Promise<Record<string, unknown>> } };
  runtime: { sendMessage(m: unknown): Promise<unknown> };
};

let server: Server;
let origin: string;
const serverLog: string[] = [];
let context: BrowserContext;
let profile: string;
let sw: Worker;
let extensionId: string;
const requests: string[] = [];

async function send<K extends keyof Replies>(page: Page, msg: Message & { type: K }): Promise<Replies[K]> {
  return page.evaluate((m) => (globalThis as unknown as { chrome: Chrome }).chrome.runtime.sendMessage(m), msg) as Promise<Replies[K]>;
}

async function fieldCounts(page: Page): Promise<Record<string, number>> {
  const snap = (await send(page, { type: 'stats-get', includeRows: true })) as StatsSnapshot;
  const out: Record<string, number> = {};
  for (const r of snap.rows ?? []) if (r.action === 'field-seen') out[`${r.rule}|${r.category}|${r.host}`] = (out[`${r.rule}|${r.category}|${r.host}`] ?? 0) + r.count;
  return out;
}
const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

/** Every way a typed value could travel: as typed, lower-cased, URL-encoded, without spaces. */
function leaks(haystack: string): string[] {
  const h = haystack.toLowerCase();
  return ALL_VALUES.filter((v) => {
    const forms = [v, encodeURIComponent(v), v.replace(/\s+/g, ''), v.replace(/\s+/g, '+')].map((x) => x.toLowerCase());
    return forms.some((f) => h.includes(f));
  });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      serverLog.push(`${req.method} ${req.url} ${Buffer.concat(chunks).toString('utf8')}`);
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const file = path.startsWith('/forms/') ? join(FORMS, normalize(path.slice('/forms/'.length))) : null;
      if (!file || !file.startsWith(FORMS) || !existsSync(file) || statSync(file).isDirectory()) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(readFileSync(file));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

  profile = mkdtempSync(join(tmpdir(), 'cnl-fields-profile-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'fr-FR',
    viewport: { width: 1100, height: 900 },
    // On Linux the extension catalogue follows LANGUAGE, not --lang.
    env: { ...process.env, LANGUAGE: 'fr_FR' },
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`, '--no-sandbox', '--disable-gpu', '--disable-quic',
      '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--lang=fr-FR',
    ],
  });
  const record = (r: Request) => requests.push(`${r.method()} ${r.url()} ${r.postData() ?? ''}`);
  context.on('request', record);
  [sw] = context.serviceWorkers() as [Worker];
  sw ??= await context.waitForEvent('serviceworker', { timeout: 30_000 });
  extensionId = new URL(sw.url()).host;
});

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  await new Promise<void>((r) => (server ? (server.closeAllConnections(), server.close(() => r())) : r()));
});

describe('sensitive form fields in the built extension', () => {
  it('lists, counts and marks the seed form\'s fields, and no typed value is stored or sent', async () => {
    const page = await context.newPage();
    page.on('request', (r) => requests.push(`page ${r.method()} ${r.url()} ${r.postData() ?? ''}`));
    await page.goto(`${origin}/forms/seed-form.html`);
    const frame = page.frameLocator('#frame');
    await frame.locator('#religion').waitFor();

    // The rep fills the whole form (real key presses; date pickers filled).
    for (const [id, value] of Object.entries(TYPED)) {
      const field = page.locator(`#${id}`);
      if ((await field.getAttribute('type')) === 'date') await field.fill(value);
      else {
        await field.click();
        await page.keyboard.type(value);
      }
    }
    await frame.locator('#religion').click();
    await page.keyboard.type(FRAME_TYPED.religion);
    await frame.locator('#canal').click();
    await page.keyboard.type('Salon Zqx');

    await page.bringToFront();
    const tabId = await sw.evaluate(async () => {
      const [t] = await (globalThis as unknown as { chrome: Chrome }).chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return t!.id;
    });

    // ---- popup ----
    const popup = await context.newPage();
    popup.on('request', (r) => requests.push(`popup ${r.method()} ${r.url()} ${r.postData() ?? ''}`));
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
    const items = popup.locator('[data-testid="sensitive-fields"] li[data-field-rule]');
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(TOTAL);
    const listed: Record<string, { cls: string; n: number }> = {};
    for (const li of await items.all()) {
      const rule = (await li.getAttribute('data-field-rule'))!;
      listed[rule] = { cls: (await li.getAttribute('data-class'))!, n: (listed[rule]?.n ?? 0) + 1 };
    }
    expect(listed).toEqual(EXPECTED);
    const li = (rule: string) => popup.locator(`li[data-field-rule="${rule}"]`).first();
    // Class names in the catalogue browser.i18n resolved ("ui_locale": headless Chromium's may stay English).
    const lang = await popup.evaluate(() => (globalThis as unknown as { chrome: { i18n: { getMessage(k: string): string } } }).chrome.i18n.getMessage('ui_locale'));
    const CLASS = lang === 'fr'
      ? { 'do-not-collect': 'Ne pas collecter', protect: 'À protéger', restricted: 'Accès restreint' }
      : { 'do-not-collect': 'Do not collect', protect: 'Must be protected', restricted: 'Restricted access' };
    expect(await li('fr.fields.groupe-sanguin').locator('.cls').textContent()).toBe(CLASS['do-not-collect']);
    expect(await li('fr.fields.groupe-sanguin').locator('.lbl').textContent()).toBe('Groupe sanguin');
    expect(await li('fr.fields.groupe-sanguin').locator('.why').textContent()).toContain('Donnée médicale');
    expect(await li('fr.fields.num-ss').locator('.cls').textContent()).toBe(CLASS.protect);
    expect(await li('en.fields.blood-group').locator('.lbl').textContent()).toBe('Blood group');
    expect(await li('fr.fields.adresse').locator('.cls').textContent()).toBe(CLASS.restricted);
    expect(await li('fr.fields.religion').locator('.why').textContent()).toContain('religieuses');
    const popupText = (await popup.locator('[data-testid="sensitive-fields"]').textContent()) ?? '';
    for (const l of ORDINARY_LABELS) expect(popupText).not.toContain(l);

    // ---- counts: each classified field once per page load ----
    await expect.poll(async () => sum(await fieldCounts(popup)), { timeout: 10_000 }).toBe(TOTAL);
    const counts = await fieldCounts(popup);
    expect(counts['fr.fields.groupe-sanguin|health|127.0.0.1']).toBe(1);
    expect(counts['fr.fields.revenus|finance|127.0.0.1']).toBe(2);
    expect(counts['fr.fields.email|identifier|127.0.0.1']).toBe(1); // no category in the dictionary: counted as identifier
    expect(counts['fr.fields.religion|religion|127.0.0.1']).toBe(1);

    // ---- dashboard ----
    const options = await context.newPage();
    options.on('request', (r) => requests.push(`options ${r.method()} ${r.url()} ${r.postData() ?? ''}`));
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    const tab = options.getByRole('tab', { name: /dashboard|tableau de bord|comptages/i });
    if (await tab.count()) await tab.first().click();
    const table = options.locator('[data-testid="cnl-fields-table"]');
    await table.waitFor({ timeout: 15_000 });
    expect(await options.locator('[data-testid="cnl-fields"]').getAttribute('data-total')).toBe(String(TOTAL));
    const row = table.locator('tr[data-rule="fr.fields.groupe-sanguin"][data-host="127.0.0.1"]');
    expect(await row.getAttribute('data-count')).toBe('1');
    expect(await table.locator('tr[data-rule="en.fields.income"]').getAttribute('data-count')).toBe('2');
    const dashLang = await options.locator('[data-testid="cnl-dashboard"]').getAttribute('lang');
    expect(await options.locator('#cnl-h-fields').textContent()).toContain(dashLang === 'fr' ? 'Champs sensibles collectés' : 'Sensitive fields collected');

    // ---- markers: off by default, on when the policy says so ----
    const markers = page.locator('crm-note-lint-fields [data-sensitive-field]');
    expect(await markers.count()).toBe(0);
    const imported = await send(options, { type: 'policy-import-policy', policy: { markSensitiveFields: true }, fileName: 'fields.json' });
    expect(imported).toMatchObject({ ok: true });
    await expect.poll(() => markers.count(), { timeout: 10_000 }).toBe(TOTAL - 1);
    await expect.poll(() => frame.locator('crm-note-lint-fields [data-sensitive-field]').count()).toBe(1);
    const gs = page.locator('crm-note-lint-fields [data-sensitive-field][data-rule="fr.fields.groupe-sanguin"]');
    expect(await gs.getAttribute('data-class')).toBe('do-not-collect');
    expect(await page.locator('crm-note-lint-fields [data-sensitive-field][data-rule="fr.fields.num-ss"]').getAttribute('data-class')).toBe('protect');
    expect(await page.locator('crm-note-lint-fields [data-sensitive-field][data-rule="fr.fields.adresse"]').getAttribute('data-class')).toBe('restricted');
    // Next to the label, outside the field; nothing inserted in the form.
    const m = (await gs.boundingBox())!;
    const label = (await page.locator('label[for="fr-groupe_sanguin"]').boundingBox())!;
    const input = (await page.locator('#fr-groupe_sanguin').boundingBox())!;
    const overlaps = (a: typeof m, b: typeof m) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    expect(overlaps(m, input)).toBe(false);
    expect(m.y + m.height).toBeGreaterThan(label.y);
    expect(m.y).toBeLessThan(label.y + label.height);
    expect(m.x).toBeGreaterThanOrEqual(label.x);
    expect(await page.locator('form [data-sensitive-field], form crm-note-lint-fields').count()).toBe(0);
    // Tooltip: class and reason.
    await gs.hover();
    const tip = gs.locator('.tip');
    await expect.poll(() => tip.isVisible()).toBe(true);
    expect(await tip.textContent()).toContain(CLASS['do-not-collect']);
    expect(await tip.textContent()).toContain('Donnée médicale');
    // The values are still where the rep typed them (the extension never touched them).
    expect(await page.locator('#fr-groupe_sanguin').inputValue()).toBe(TYPED['fr-groupe_sanguin']);

    // Reconfiguring did not count the fields again; a reload counts each one once more.
    await page.waitForTimeout(1500);
    expect(sum(await fieldCounts(popup))).toBe(TOTAL);
    await page.reload();
    await page.frameLocator('#frame').locator('#religion').waitFor();
    await expect.poll(async () => sum(await fieldCounts(popup)), { timeout: 10_000 }).toBe(2 * TOTAL);
    await expect.poll(() => markers.count(), { timeout: 10_000 }).toBe(TOTAL - 1);
    // After the reload the popup's list is the new page's (same fields).
    await popup.reload();
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(TOTAL);

    // ---- no value anywhere: extension storage (local and session), requests (browser and server side) ----
    const stored = await sw.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: Chrome }).chrome;
      return JSON.stringify([await c.storage.local.get(null), await c.storage.session.get(null)]);
    });
    expect(stored).toContain('fr.fields.groupe-sanguin');
    expect(leaks(stored)).toEqual([]);
    expect(requests.length).toBeGreaterThan(0);
    expect(leaks(requests.join('\n'))).toEqual([]);
    expect(leaks(serverLog.join('\n'))).toEqual([]);
  });
});
