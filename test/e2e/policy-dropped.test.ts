/**
 * End-to-end: an off-schema managed policy in a REAL policy file
 * (/etc/chromium/policies/managed/policy.json, seen only by this Chromium: a
 * private mount namespace, test/e2e/private-policy.ts). The admin wrote
 * `"allowUserOverrides": "false"` (a string where the schema says boolean) and
 * `"mode": "explode"`. Chromium drops the first before the extension sees it;
 * the second now reaches the extension (the schema no longer lists modes) and
 * the extension refuses it. The options page names both; once the file is
 * fixed and Chromium reloads it, the policy applies.
 *
 * Needs root and /usr/bin/chromium; otherwise skipped with a warning.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privatePolicy, privatePolicyUnavailable, type PrivatePolicy } from './private-policy.ts';

declare const chrome: {
  runtime: { sendMessage(msg: unknown): Promise<any> };
  storage: { managed: { get(): Promise<Record<string, unknown>> } };
};

const ROOT = resolve(import.meta.dirname, '../..');
const EXT = join(ROOT, '.output/chrome-mv3');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Pinned by the manifest key (wxt.config.ts). */
const EXT_ID = 'pbgighifpnfcgfdchcojkhpnhpgfmloj';

const skipReason = privatePolicyUnavailable(CHROMIUM);
if (skipReason) console.warn(`\n[policy-dropped e2e] SKIPPED: ${skipReason}.\n`);
else if (!existsSync(join(EXT, 'manifest.json'))) throw new Error(`[policy-dropped e2e] no build in ${EXT}: run \`npx wxt build\` first`);

const OFF_SCHEMA = {
  mode: 'explode',
  allowUserOverrides: 'false',
  disabledRules: ['fr.diet.menu-hallal'],
  policyKeys: ['mode', 'allowUserOverrides', 'disabledRules'],
};

describe.skipIf(skipReason !== null)('off-schema managed policy in Chromium (end-to-end, private policy)', () => {
  let policy: PrivatePolicy;
  let context: BrowserContext;
  let profile: string;
  let page: Page;

  const managed = () => page.evaluate(() => chrome.storage.managed.get());
  const state = () => page.evaluate(() => chrome.runtime.sendMessage({ type: 'policy-get-state' }));

  beforeAll(async () => {
    policy = privatePolicy(CHROMIUM);
    policy.writeExtensionPolicy(EXT_ID, OFF_SCHEMA);
    profile = mkdtempSync(join(tmpdir(), 'cnl-dropped-e2e-'));
    const ext = join(profile, 'ext');
    cpSync(EXT, ext, { recursive: true });
    context = await chromium.launchPersistentContext(join(profile, 'user-data'), {
      executablePath: policy.executable,
      headless: true,
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [
        `--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-sandbox', '--disable-gpu', '--disable-quic',
        '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-background-networking',
      ],
    });
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
    expect(new URL(sw.url()).host).toBe(EXT_ID);
    page = await context.newPage();
    await page.goto(`chrome-extension://${EXT_ID}/options.html`);
    // Wait until Chromium has published the policy and the extension has judged it (bounded).
    let seen: string | undefined;
    for (let i = 0; i < 120 && seen !== 'refused'; i++) {
      if (i) await new Promise((r) => setTimeout(r, 250));
      seen = (await state()).managedStatus?.state;
    }
    expect(seen, 'the managed policy reached the extension and was judged').toBe('refused');
  }, 120_000);

  afterAll(async () => {
    await context?.close().catch(() => {});
    if (profile) rmSync(profile, { recursive: true, force: true });
    policy?.cleanup();
  });

  it('Chromium dropped the mistyped key and passed the rest (enums are no longer its business)', async () => {
    const m = await managed();
    expect(m).not.toHaveProperty('allowUserOverrides');
    expect(m).toMatchObject({ mode: 'explode', disabledRules: ['fr.diet.menu-hallal'] });
  });

  it('the extension refuses the policy as a whole: nothing of it applies', { timeout: 60_000 }, async () => {
    const cfg = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'get-config', host: 'crm.example.com' }));
    expect(cfg).toMatchObject({ mode: 'suggest', allowUserOverrides: true });
    expect(cfg.linter.disabledRules).toBeUndefined();
  });

  it('the options page names the dropped key and the refused value', { timeout: 60_000 }, async () => {
    await page.reload();
    await page.locator('#managed-status[data-state="refused"]').waitFor({ timeout: 15_000 });
    expect(await page.getAttribute('#managed-dropped', 'data-keys')).toBe('allowUserOverrides');
    expect(await page.textContent('#managed-dropped')).toMatch(/(dropped key|écarté la clé) allowUserOverrides/);
    const log = (await page.textContent('#errors')) ?? '';
    expect(log).toMatch(/the browser dropped key allowUserOverrides: check its type/);
    expect(log).toMatch(/mode: .*(suggest|warn|block)/);
    expect(await page.textContent('body')).not.toMatch(/Nothing refused|Aucun refus/);
  });

  it('once the file is fixed and Chromium reloads it, the policy applies and the status says so', async () => {
    policy.writeExtensionPolicy(EXT_ID, { ...OFF_SCHEMA, mode: 'warn', allowUserOverrides: false });
    const pol = await context.newPage();
    await pol.goto('chrome://policy');
    await pol.locator('#reload-policies').click({ timeout: 15_000 }).catch(() => console.warn('[policy-dropped e2e] no "Reload policies" button: waiting for the file watcher'));
    await expect.poll(managed, { timeout: 60_000, interval: 250 }).toMatchObject({ mode: 'warn', allowUserOverrides: false });
    await pol.close();
    await expect.poll(async () => (await state()).managedStatus?.state, { timeout: 10_000 }).toBe('applied');
    const cfg = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'get-config', host: 'crm.example.com' }));
    expect(cfg).toMatchObject({ mode: 'warn', allowUserOverrides: false, linter: { disabledRules: ['fr.diet.menu-hallal'] } });
    await page.reload();
    await page.locator('#managed-status[data-state="applied"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('#managed-dropped').count()).toBe(0);
  }, 120_000);
});
