/**
 * End-to-end: Debian Chromium with a REAL managed policy file
 * (/etc/chromium/policies/managed/*.json, "3rdparty" → extensions → <id> →
 * storage.managed). The manifest `key` pins the id, so the policy reaches the
 * unpacked build. Shows: an org-added term flagged and a disabled rule silent
 * (get-config and the options test box), the organisation's settings read-only,
 * an invalid remote pack refused with the previous one still active, and the
 * managed `mode` driving the page: `warn` (dialog, the page's own save held, then
 * run exactly once by "save anyway"), then — after the policy FILE is rewritten
 * and Chromium reloads it, no browser restart — `block` (two attempts, no save,
 * no "save anyway"), in a fresh tab and in the tab already open.
 *
 * Needs root (CI runs as root) and /usr/bin/chromium; without root the suite is
 * skipped with a warning. The policy file is seen by this test's Chromium only:
 * it runs in a private mount namespace with a temporary directory bound over
 * /etc/chromium/policies (test/e2e/private-policy.ts), so parallel runs never
 * see each other's policy and nothing is left on the machine.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, importPrivateKey, signPack } from '../../lib/background/policy/signature.ts';
import { makePack, startServer } from '../support/policy-pack.ts';
import { privatePolicy, privatePolicyUnavailable, type PrivatePolicy } from './private-policy.ts';

/** The extension page's `chrome` global (code passed to page.evaluate runs there). */
declare const chrome: {
  runtime: { sendMessage(msg: unknown): Promise<any> };
  storage: { managed: { get(): Promise<Record<string, unknown>> } };
};

const ROOT = resolve(import.meta.dirname, '../..');
const EXT = join(ROOT, '.output/chrome-mv3');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const EXT_ID = 'pbgighifpnfcgfdchcojkhpnhpgfmloj';
const FORM_HTML = readFileSync(join(ROOT, 'test/fixtures/modes/form.html'));

const skipReason = privatePolicyUnavailable(CHROMIUM);
if (skipReason) {
  console.warn(`\n[policy e2e] SKIPPED: ${skipReason}. The managed-policy end-to-end test (issue 4 "Done when") did NOT run.\n`);
} else if (!existsSync(join(EXT, 'manifest.json'))) {
  throw new Error(`[policy e2e] no build in ${EXT}: run \`npx wxt build\` first (npm test does)`);
}

/** One error finding (disability, with a suggestion); the diet warning is disabled by the policy. */
const NOTE = 'Le client est handicapé, prévoir 6 menus hallal.';
const ERR = 'fr.disability.handicape';

// ---- page helpers (as in modes.test.ts) -------------------------------------------------

const saves = (p: Page) => p.evaluate(() => (window as unknown as { saves: number }).saves);
const dialog = (p: Page) => p.locator('crm-note-lint-save-guard');
const inDialog = (p: Page, sel: string) => p.locator(`crm-note-lint-save-guard ${sel}`);
/** Only to show that nothing happens LATE (a second save): every wait for something to happen is on a condition. */
const quiet = (ms = 1200) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(skipReason !== null)('managed policy in Chromium (end-to-end)', () => {
  let context: BrowserContext;
  let profile: string;
  let server: Awaited<ReturnType<typeof startServer>>;
  let page: Page;
  let basePolicy: Record<string, unknown>;
  let policy: PrivatePolicy;
  const writePolicy = (ext: Record<string, unknown>) => policy.writeExtensionPolicy(EXT_ID, ext);

  /** A tab on the fixture form with NOTE typed and its error finding shown. */
  async function openFormWithNote(): Promise<Page> {
    const p = await context.newPage();
    await p.goto(`${server.url}/modes/form.html`);
    await p.locator('#notes').click();
    await p.keyboard.type(NOTE);
    await p.locator(`crm-note-lint [data-finding][data-rule="${ERR}"]`).first().waitFor({ state: 'attached', timeout: 15_000 });
    return p;
  }

  const configMode = () => page.evaluate(async () => (await chrome.runtime.sendMessage({ type: 'get-config', host: '127.0.0.1' })).mode as string);

  beforeAll(async () => {
    policy = privatePolicy(CHROMIUM);
    server = await startServer();
    const keys = await generateKeyPair();
    const { key, keyId } = await importPrivateKey(keys.privatePem);
    const good = JSON.stringify(await signPack(makePack('org-remote', '1.0.0', ['licorne']), key, keyId));
    const tampered = JSON.parse(JSON.stringify(await signPack(makePack('org-remote', '2.0.0', ['dragon']), key, keyId)));
    tampered.payload = tampered.payload.replace(/^(.{20})./, (_m: string, a: string) => a + (tampered.payload[20] === 'A' ? 'B' : 'A'));
    let body = good;
    server.set((req, res) => {
      if (req.url === '/pack.signed.json') res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' }).end(body);
      else if (req.url === '/use-tampered') {
        body = JSON.stringify(tampered);
        res.writeHead(204).end();
      } else if (req.url === '/modes/form.html') res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(FORM_HTML);
      else res.writeHead(404).end();
    });
    basePolicy = {
      mode: 'warn',
      disabledRules: ['fr.diet.menu-hallal'],
      extraTerms: [{ term: 'dossier rouge', category: 'criminal', locale: 'fr', suggestion: 'dossier suivi', severity: 'error' }],
      allowUserOverrides: false,
      packUrl: `${server.url}/pack.signed.json`,
      packPublicKey: keys.publicKey,
    };
    writePolicy(basePolicy);
    profile = mkdtempSync(join(tmpdir(), 'cnl-policy-e2e-'));
    // A private copy of the build: same manifest key, so the same pinned id.
    const ext = join(profile, 'ext');
    cpSync(EXT, ext, { recursive: true });
    context = await chromium.launchPersistentContext(join(profile, 'user-data'), {
      executablePath: policy.executable,
      headless: true,
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [
        `--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-sandbox', '--disable-gpu', '--disable-quic',
        '--disable-component-update', '--no-first-run', '--disable-sync',
      ],
    });
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
    expect(new URL(sw.url()).host).toBe(EXT_ID);
    page = await context.newPage();
    await page.goto(`chrome-extension://${EXT_ID}/options.html`);
    // Wait until Chromium has published the policy to storage.managed and the remote pack is in.
    let seen = '';
    for (let i = 0; i < 60 && !/^true\/.*org-remote.*org-extra-terms/.test(seen); i++) {
      if (i) await new Promise((r) => setTimeout(r, 500));
      seen = await Promise.race([
        page.evaluate(async () => {
          const s = await chrome.runtime.sendMessage({ type: 'policy-get-state' });
          if (s.managed && !s.packs.some((p: { id: string }) => p.id === 'org-remote')) await chrome.runtime.sendMessage({ type: 'policy-refresh-remote' });
          return `${s.managed}/${s.packs.map((p: { id: string }) => p.id).join(',')}`;
        }),
        new Promise<string>((r) => setTimeout(() => r('timeout'), 5000)),
      ]);
    }
    expect(seen, 'policy published to storage.managed and remote pack fetched').toMatch(/^true\/.*org-remote.*org-extra-terms/);
  }, 120_000);

  afterAll(async () => {
    await context?.close().catch(() => {});
    if (profile) rmSync(profile, { recursive: true, force: true });
    await server?.close();
    policy?.cleanup();
  });

  it('storage.managed holds the policy and get-config applies it', async () => {
    const managed = await page.evaluate(() => chrome.storage.managed.get());
    expect(managed).toMatchObject({ mode: 'warn', disabledRules: ['fr.diet.menu-hallal'] });
    const cfg = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'get-config', host: 'crm.example.com' }));
    expect(cfg).toMatchObject({ mode: 'warn', allowUserOverrides: false, linter: { disabledRules: ['fr.diet.menu-hallal'] } });
  });

  it('options test box: the org-added term is flagged, the disabled rule is silent', async () => {
    await page.click('#tab-test');
    await page.fill('#test-box', 'Prévoir 6 menus hallal. Client en dossier rouge, une licorne.');
    await expect.poll(() => page.$$eval('#test-findings li', (lis) => lis.map((li) => li.getAttribute('data-rule'))))
      .toEqual(expect.arrayContaining(['fr.criminal.org-1', 'fr.health.orgremote-0']));
    const rules = await page.$$eval('#test-findings li', (lis) => lis.map((li) => li.getAttribute('data-rule')));
    expect(rules).not.toContain('fr.diet.menu-hallal');
  });

  it('the organisation settings are read-only: "défini par votre organisation" / "set by your organisation"', async () => {
    await page.click('#tab-packs');
    await page.waitForSelector('#settings tr[data-key="mode"].readonly');
    const modeRow = (await page.textContent('#settings tr[data-key="mode"]')) ?? '';
    expect(modeRow).toMatch(/défini par votre organisation|set by your organisation/);
    expect(modeRow).toMatch(/avertir avant l’enregistrement|warn before saving/);
    expect(await page.textContent('#managed-notice')).toBeTruthy();
    await page.click('#tab-sites');
    expect(await page.isVisible('#paused-not-allowed')).toBe(true);
  });

  it('an invalid (tampered) remote pack is refused; the previous one stays active', async () => {
    // Refreshes run one at a time and a request joins the one in flight: let any
    // refresh started earlier (install, policy change) finish on the good pack first.
    const before = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'policy-refresh-remote' }));
    expect(before, JSON.stringify(before)).toMatchObject({ ok: true });
    await fetch(`${server.url}/use-tampered`);
    const r = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'policy-refresh-remote' }));
    expect(r, JSON.stringify(r)).toMatchObject({ ok: false });
    expect(r.error).toMatch(/signature does not match/);
    const state = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'policy-get-state' }));
    expect(state.packs.find((p: { id: string }) => p.id === 'org-remote').version).toBe('1.0.0');
    expect(state.errors[0].message).toMatch(/org-remote 1\.0\.0 stays in force/);
  });

  describe('the managed `mode` drives saving', () => {
    let warnTab: Page;

    it('warn (from the policy file): the dialog holds the page\'s save; "save anyway" runs it exactly once', async () => {
      expect(await configMode()).toBe('warn');
      const p = (warnTab = await openFormWithNote());
      await p.locator('#save').click();
      await inDialog(p, `li[data-rule="${ERR}"]`).waitFor();
      expect(await inDialog(p, 'li').count()).toBe(1); // the disabled diet rule is not listed
      await inDialog(p, 'button.save-anyway').waitFor();
      expect(await saves(p)).toBe(0);
      await inDialog(p, 'button.save-anyway').click();
      await expect.poll(() => saves(p)).toBe(1);
      await expect.poll(() => dialog(p).count()).toBe(0);
      await quiet(); // no late second save
      expect(await saves(p)).toBe(1);
      expect(await p.locator('#count').textContent()).toBe('1');
    });

    it('block: the policy FILE is rewritten, Chromium reloads it (no restart), and the page never saves', async () => {
      const t0 = Date.now();
      writePolicy({ ...basePolicy, mode: 'block' });
      // Chromium watches the directory (inotify; applied once the file is 5 s old). "Reload
      // policies" on chrome://policy makes it read the directory now; either way we wait on the result.
      const pol = await context.newPage();
      await pol.goto('chrome://policy');
      await pol.locator('#reload-policies').click({ timeout: 5000 }).catch(() => console.warn('[policy e2e] no "Reload policies" button: waiting for the file watcher'));
      await expect.poll(() => page.evaluate(() => chrome.storage.managed.get()), { timeout: 30_000, interval: 250 }).toMatchObject({ mode: 'block' });
      await expect.poll(configMode, { timeout: 10_000 }).toBe('block');
      console.info(`[policy e2e] Chromium applied the rewritten policy file in ${Date.now() - t0} ms`);
      await pol.close();

      const p = await openFormWithNote();
      for (const leave of ['cancel', 'Escape'] as const) {
        await p.locator('#save').click();
        await inDialog(p, `li[data-rule="${ERR}"]`).waitFor();
        expect(await inDialog(p, 'h2').textContent()).toMatch(/Enregistrement bloqué|Saving is blocked/);
        expect(await inDialog(p, 'button.save-anyway').count()).toBe(0);
        expect(await inDialog(p, 'button.save-justified').count()).toBe(0);
        expect(await inDialog(p, 'button.save').count()).toBe(0);
        if (leave === 'cancel') await inDialog(p, 'button.cancel').click();
        else await p.keyboard.press('Escape');
        await expect.poll(() => dialog(p).count()).toBe(0);
      }
      await quiet();
      expect(await saves(p)).toBe(0);
      expect(await p.locator('#count').textContent()).toBe('0');
      await p.close();
    }, 90_000); // Chromium's file watcher alone may take 30 s on a loaded machine.

    it('block also reaches the tab that was open in warn mode: no "save anyway", its count stays 1', async () => {
      const p = warnTab;
      await p.locator('#save').click();
      await inDialog(p, `li[data-rule="${ERR}"]`).waitFor();
      expect(await inDialog(p, 'button.save-anyway').count()).toBe(0);
      await inDialog(p, 'button.cancel').click();
      await quiet();
      expect(await saves(p)).toBe(1);
      await p.close();
    });

    it('the options page shows `mode` as set by the organisation, with the new value', async () => {
      await page.reload();
      await page.click('#tab-packs');
      const row = page.locator('#settings tr[data-key="mode"].readonly');
      await expect.poll(() => row.textContent()).toMatch(/bloquer l’enregistrement|block saving/);
      expect(await row.textContent()).toMatch(/défini par votre organisation|set by your organisation/);
    });
  });
});
