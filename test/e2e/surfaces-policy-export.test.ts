/**
 * The policy editor's exported Chrome JSON, deployed for real: the file the
 * editor writes ("Chrome / Edge on Linux") goes to /etc/chromium/policies/managed
 * inside a private mount namespace (only this test's Chromium sees it; see
 * /work/shared/toolchain.md), and a fresh Chromium applies it: storage.managed
 * holds it, the policy service has it in force, and the editor shows those keys locked.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

declare const chrome: { runtime: { sendMessage(m: unknown): Promise<any> }; storage: { managed: { get(): Promise<Record<string, unknown>> } } };

const ETC = mkdtempSync(join(tmpdir(), 'cnl-etc-chromium-'));
const WRAPPER = join(ETC, 'chromium-in-namespace.sh');
const REAL = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const canUnshare = process.getuid?.() === 0 && existsSync(REAL)
  && ['/usr/bin/unshare', '/bin/unshare'].some(existsSync);
if (!canUnshare) console.warn('\n[policy export e2e] SKIPPED: needs root and unshare(1) for a private /etc/chromium.\n');

// /etc/chromium as Chromium will see it: the real master_preferences, our policies.
mkdirSync(join(ETC, 'etc/policies/managed'), { recursive: true });
if (existsSync('/etc/chromium/master_preferences')) copyFileSync('/etc/chromium/master_preferences', join(ETC, 'etc/master_preferences'));
writeFileSync(WRAPPER, `#!/bin/sh\nexec unshare --mount --propagation private sh -c 'mount --bind "$0" /etc/chromium && exec "$@"' "${join(ETC, 'etc')}" "${REAL}" "$@"\n`);
chmodSync(WRAPPER, 0o755);
process.env.CHROMIUM_PATH = WRAPPER;
const { launch } = await import('./harness.ts');

afterAll(() => rmSync(ETC, { recursive: true, force: true }));

describe.skipIf(!canUnshare)('policy editor export → real managed policy', () => {
  it('the exported Chrome JSON is accepted by Chromium and in force; its keys show locked', async () => {
    // 1. Edit and export (no managed policy yet).
    let exported = '';
    const first = await launch({ locale: 'en' });
    try {
      const page = await first.context.newPage();
      await page.goto(`chrome-extension://${first.extensionId}/options.html`);
      await page.locator('#tab-editor').click();
      await page.locator('#pe-mode').selectOption('warn');
      await page.locator('#pe-disabledRules').fill('fr.diet.menu-hallal');
      await page.locator('#pe-reporting\\.minCount').fill('0');
      await page.locator('.ferror[data-path="reporting.minCount"]').waitFor();
      expect(await page.locator('#editor-download').isDisabled()).toBe(true);
      await page.locator('#pe-reporting\\.minCount').fill('5');
      await page.locator('#editor-status.ok').waitFor();
      expect(await page.locator('#editor-diff tr[data-key="mode"]').getAttribute('data-kind')).toBe('changed');
      await page.locator('input[name="export-format"][value="chrome-linux"]').check();
      exported = await page.locator('#editor-preview').inputValue();
    } finally {
      await first.close();
    }
    const parsed = JSON.parse(exported);
    const id = Object.keys(parsed['3rdparty'].extensions)[0]!;
    expect(parsed['3rdparty'].extensions[id]).toMatchObject({ mode: 'warn', disabledRules: ['fr.diet.menu-hallal'], reporting: { minCount: 5 } });

    // 2. Deploy it as the admin would, start a fresh browser.
    writeFileSync(join(ETC, 'etc/policies/managed/crm-note-lint.json'), exported);
    const second = await launch({ locale: 'en' });
    try {
      expect(second.extensionId).toBe(id);
      const page = await second.context.newPage();
      await page.goto(`chrome-extension://${second.extensionId}/options.html`);
      await expect.poll(() => page.evaluate(() => chrome.storage.managed.get()), { timeout: 30_000, interval: 250 })
        .toMatchObject({ mode: 'warn', disabledRules: ['fr.diet.menu-hallal'] });
      await expect.poll(async () => {
        const s = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'policy-get-state' }));
        return { managed: s.managed, mode: s.policy.mode, org: s.orgKeys.includes('mode') && s.orgKeys.includes('disabledRules') };
      }, { timeout: 15_000 }).toEqual({ managed: true, mode: 'warn', org: true });
      await page.reload();
      await page.locator('#tab-editor').click();
      expect(await page.locator('#pe-mode').isDisabled()).toBe(true);
      expect(await page.locator('#pe-mode').inputValue()).toBe('warn');
      expect(await page.locator('[data-field="mode"] .org').count()).toBe(1);
    } finally {
      await second.close();
    }
  }, 150_000);
});
