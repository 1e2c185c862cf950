/**
 * End-to-end: Debian Chromium with a REAL managed policy file
 * (/etc/chromium/policies/managed/*.json, "3rdparty" → extensions → <id> →
 * storage.managed). The manifest `key` pins the id, so the policy reaches the
 * unpacked build. Shows: an org-added term flagged and a disabled rule silent
 * (get-config and the options test box), the organisation's settings read-only,
 * and an invalid remote pack refused with the previous one still active.
 * Needs root (CI runs as root) and /usr/bin/chromium; the policy file is removed after.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, importPrivateKey, signPack } from '../../lib/policy/signature.ts';
import { makePack, startServer } from '../policy/helpers.ts';

/** The extension page's `chrome` global (code passed to page.evaluate runs there). */
declare const chrome: {
  runtime: { sendMessage(msg: unknown): Promise<any> };
  storage: { managed: { get(): Promise<Record<string, unknown>> } };
};

const ROOT = resolve(import.meta.dirname, '../..');
const EXT = join(ROOT, '.output/chrome-mv3');
const EXT_ID = 'pbgighifpnfcgfdchcojkhpnhpgfmloj';
const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = join(POLICY_DIR, 'crm-note-lint-e2e-policy.json');
const canRun = process.getuid?.() === 0 && existsSync('/usr/bin/chromium') && existsSync(join(EXT, 'manifest.json'));

describe.skipIf(!canRun)('managed policy in Chromium (end-to-end)', () => {
  let context: BrowserContext;
  let profile: string;
  let server: Awaited<ReturnType<typeof startServer>>;
  let page: Page;
  let createdDir = false;

  beforeAll(async () => {
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
      } else res.writeHead(404).end();
    });
    const policy = {
      '3rdparty': {
        extensions: {
          [EXT_ID]: {
            mode: 'warn',
            disabledRules: ['fr.diet.menu-hallal'],
            extraTerms: [{ term: 'dossier rouge', category: 'criminal', locale: 'fr', suggestion: 'dossier suivi', severity: 'error' }],
            allowUserOverrides: false,
            packUrl: `${server.url}/pack.signed.json`,
            packPublicKey: keys.publicKey,
          },
        },
      },
    };
    createdDir = !existsSync(POLICY_DIR);
    mkdirSync(POLICY_DIR, { recursive: true });
    writeFileSync(POLICY_FILE, JSON.stringify(policy, null, 2));
    profile = mkdtempSync(join(tmpdir(), 'cnl-policy-e2e-'));
    // A private copy of the build: same manifest key, so the same pinned id.
    const ext = join(profile, 'ext');
    cpSync(EXT, ext, { recursive: true });
    context = await chromium.launchPersistentContext(join(profile, 'user-data'), {
      executablePath: '/usr/bin/chromium',
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
    rmSync(POLICY_FILE, { force: true });
    if (createdDir) rmSync('/etc/chromium/policies', { recursive: true, force: true });
    if (profile) rmSync(profile, { recursive: true, force: true });
    await server?.close();
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
    expect(await page.textContent('#settings tr[data-key="mode"]')).toMatch(/défini par votre organisation|set by your organisation/);
    expect(await page.textContent('#managed-notice')).toBeTruthy();
    await page.click('#tab-sites');
    expect(await page.isVisible('#paused-not-allowed')).toBe(true);
  });

  it('an invalid (tampered) remote pack is refused; the previous one stays active', async () => {
    await fetch(`${server.url}/use-tampered`);
    const r = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'policy-refresh-remote' }));
    expect(r).toMatchObject({ ok: false });
    expect(r.error).toMatch(/signature does not match/);
    const state = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'policy-get-state' }));
    expect(state.packs.find((p: { id: string }) => p.id === 'org-remote').version).toBe('1.0.0');
    expect(state.errors[0].message).toMatch(/org-remote 1\.0\.0 stays in force/);
  });
});
