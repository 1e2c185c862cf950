/**
 * The policy service with fakeBrowser: managed policy (Chrome managed storage /
 * Firefox 3rdparty → storage.managed), precedence, extraTerms, disabled rules,
 * sites, pause list, user imports, last-good policy on invalid input.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Linter } from '../../lib/engine/lint.ts';
import { STORAGE_KEYS } from '../../lib/background/policy/stored-inputs.ts';
import { loadBuiltinPack } from '../support/builtin-pack.ts';
import type { Message, Replies } from '../../lib/messages.ts';
import { policySchema } from '../../lib/schema/policy.ts';
import { ERROR_LOG_MAX, appendError } from '../../lib/background/policy/error-log.ts';
import { makePack } from '../support/policy-pack.ts';
import { startFakeBackground } from './fake-background.ts';

let bg: Awaited<ReturnType<typeof startFakeBackground>>;
const loadEffectiveConfig = (host: string, url?: string) => bg.policy.effectiveConfig(host, url);

async function send<T extends Message['type']>(msg: Extract<Message, { type: T }>): Promise<Replies[T]> {
  return (await fakeBrowser.runtime.sendMessage(msg)) as Replies[T];
}

async function lint(text: string, host = 'crm.example.com') {
  const cfg = await loadEffectiveConfig(host);
  return new Linter(cfg.packs, cfg.linter).lint(text, { locale: cfg.locale });
}

const builtin = await loadBuiltinPack();
const settle = () => new Promise((r) => setTimeout(r, 30));
const builtinRule = () => builtin.rules.find((r) => r.locale === 'fr' && r.category === 'diet') ?? builtin.rules[0]!;

beforeEach(async () => {
  fakeBrowser.reset();
  bg = await startFakeBackground();
});

async function setManaged(policy: Record<string, unknown>) {
  await fakeBrowser.storage.managed.set(policy);
  await settle();
}

describe('policy service', () => {
  it('defaults: built-in pack only, suggest mode, enabled everywhere', async () => {
    const cfg = await send({ type: 'get-config', host: 'crm.example.com' });
    expect(cfg.packs.map((p) => p.id)).toEqual([builtin.id]);
    expect(cfg).toMatchObject({ mode: 'suggest', enabled: true, allowUserOverrides: true, allowJustification: false, locale: 'auto' });
  });

  it('managed policy: an org-added term is flagged and a disabled rule is silent (get-config)', async () => {
    const rule = builtinRule();
    const example = 'Prévoir 6 menus hallal';
    expect((await lint(example)).map((f) => f.rule)).toContain('fr.diet.menu-hallal');
    await setManaged({
      mode: 'block', allowJustification: true, locales: ['fr'],
      disabledRules: ['fr.diet.menu-hallal'],
      extraTerms: [{ term: 'dossier rouge', category: 'criminal', locale: 'fr', suggestion: 'dossier suivi', severity: 'error' }],
    });
    const cfg = await send({ type: 'get-config', host: 'crm.example.com' });
    expect(cfg).toMatchObject({ mode: 'block', allowJustification: true, locale: 'fr' });
    const findings = new Linter(cfg.packs, cfg.linter).lint(`${example}. Client en dossier rouge, deux dossiers rouges.`, { locale: cfg.locale });
    expect(findings.map((f) => f.rule)).not.toContain('fr.diet.menu-hallal');
    const org = findings.filter((f) => f.rule === 'fr.criminal.org-1');
    expect(org.map((f) => f.text)).toEqual(['dossier rouge', 'dossiers rouges']);
    expect(org[1]!.suggestions).toEqual(['dossiers suivis']);
    expect(rule).toBeDefined();
  });

  it('an invalid managed policy is refused as a whole; the last good one stays; the error is logged', async () => {
    await setManaged({ mode: 'warn', disabledRules: ['insult'] });
    expect((await loadEffectiveConfig('a.example.com')).mode).toBe('warn');
    // One bad key among good ones: nothing of it is applied.
    await setManaged({ mode: 'block', disabledRules: ['health'], sites: { allow: ['not a pattern/*'] } });
    const cfg = await loadEffectiveConfig('a.example.com');
    expect(cfg.mode).toBe('warn');
    expect(cfg.linter.disabledRules).toEqual(['insult']);
    const state = await send({ type: 'policy-get-state' });
    expect(state.errors[0]).toMatchObject({ source: 'managed' });
    expect(state.errors[0]!.message).toMatch(/managed policy refused .*sites\.allow\[0\].*previous policy stays in force/);
    // Across a restart too: a new service over the same storage.
    bg = await startFakeBackground();
    expect((await loadEffectiveConfig('a.example.com')).mode).toBe('warn');
  });

  it('removing the managed policy removes its settings', async () => {
    await setManaged({ mode: 'block' });
    expect((await loadEffectiveConfig('x.com')).mode).toBe('block');
    await fakeBrowser.storage.managed.clear();
    await settle();
    expect((await loadEffectiveConfig('x.com')).mode).toBe('suggest');
  });

  it('precedence: managed inline pack > remote > user-imported > built-in (same rule id)', async () => {
    const user = makePack('user-pack', '1.0.0', ['licorne']);
    const managed = { ...makePack('org-pack', '3.0.0', ['licorne']), rules: user.rules.map((r) => ({ ...r, message: 'message from the organisation' })) };
    expect(await send({ type: 'policy-import-pack', pack: user, fileName: 'user.json' })).toEqual({ ok: true, message: 'imported user-pack 1.0.0' });
    expect((await lint('une licorne'))[0]!.message).toBe(user.rules[0]!.message);
    await setManaged({ packs: [JSON.stringify(managed)] });
    const f = await lint('une licorne');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('message from the organisation');
    const state = await send({ type: 'policy-get-state' });
    expect(state.packs.map((p) => [p.id, p.source])).toEqual([[builtin.id, 'builtin'], ['user-pack', 'user'], ['org-pack', 'managed']]);
    expect(state.orgKeys).toEqual(['packs']);
  });

  it('an invalid imported pack is refused with field paths; the previous packs stay', async () => {
    await send({ type: 'policy-import-pack', pack: makePack('user-pack', '1.0.0'), fileName: 'a.json' });
    const bad = { ...makePack('user-pack', '2.0.0'), phrases: [['licorne', 7, 0]] };
    const r = await send({ type: 'policy-import-pack', pack: bad, fileName: 'b.json' });
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.error).toMatch(/pack b\.json refused: not a valid compiled pack \(phrases\[0\]\[1\]: rule index 7 does not exist\)/);
    expect((await send({ type: 'policy-get-state' })).packs.find((p) => p.id === 'user-pack')!.version).toBe('1.0.0');
    expect(await send({ type: 'policy-remove-pack', id: 'user-pack' })).toEqual({ ok: true });
    expect((await send({ type: 'policy-get-state' })).packs).toHaveLength(1);
  });

  it('a policy file imported in the options page applies below the organisation, and is ignored when overrides are not allowed', async () => {
    expect(await send({ type: 'policy-import-policy', policy: { mode: 'warn', disabledRules: ['diet'] }, fileName: 'team.json' })).toEqual({ ok: true });
    expect(await loadEffectiveConfig('x.com')).toMatchObject({ mode: 'warn', linter: { disabledRules: ['diet'] } });
    await setManaged({ mode: 'block' });
    expect(await loadEffectiveConfig('x.com')).toMatchObject({ mode: 'block', linter: { disabledRules: ['diet'] } });
    await setManaged({ allowUserOverrides: false });
    const cfg = await loadEffectiveConfig('x.com');
    expect(cfg.linter.disabledRules).toBeUndefined();
    expect((await send({ type: 'policy-get-state' })).localPolicy).toMatchObject({ fileName: 'team.json', ignored: true });
    const bad = await send({ type: 'policy-import-policy', policy: { mode: 'loud' } });
    expect(bad.ok).toBe(false);
  });

  it('sites: allow/deny match patterns, per-site selectors, and the pause list (only when overrides are allowed)', async () => {
    await setManaged({
      sites: {
        allow: ['https://*.my.salesforce.com/*', 'crm.example.com'],
        deny: ['*://admin.my.salesforce.com/*'],
        selectors: { '*.my.salesforce.com': ['textarea.notes'], 'crm.example.com': ['#note', 'div[contenteditable]'] },
      },
    });
    expect((await loadEffectiveConfig('acme.my.salesforce.com')).enabled).toBe(true);
    expect((await loadEffectiveConfig('acme.my.salesforce.com')).fieldSelectors).toEqual(['textarea.notes']);
    expect((await loadEffectiveConfig('admin.my.salesforce.com')).enabled).toBe(false);
    expect((await loadEffectiveConfig('news.example.org')).enabled).toBe(false);
    expect((await loadEffectiveConfig('crm.example.com')).fieldSelectors).toEqual(['#note', 'div[contenteditable]']);
    // Scheme and path are compared when the URL is known.
    expect((await loadEffectiveConfig('acme.my.salesforce.com', 'http://acme.my.salesforce.com/x')).enabled).toBe(false);

    await fakeBrowser.storage.local.set({ [STORAGE_KEYS.pausedSites]: ['crm.example.com'] });
    await settle();
    expect((await loadEffectiveConfig('crm.example.com')).enabled).toBe(false);
    await setManaged({ allowUserOverrides: false, sites: { allow: ['crm.example.com'] } });
    expect((await loadEffectiveConfig('crm.example.com')).enabled).toBe(true);
  });

  it('exports the effective policy as a valid policy file', async () => {
    await send({ type: 'policy-import-pack', pack: makePack('user-pack', '1.0.0') });
    await setManaged({ mode: 'warn', extraTerms: [{ term: 'dossier rouge', category: 'criminal', locale: 'fr' }] });
    const { exported } = await send({ type: 'policy-get-state' });
    expect(exported).toMatchObject({ mode: 'warn', allowUserOverrides: true });
    expect(exported.packs!.map((p) => p.id)).toEqual(['user-pack']);
    expect(policySchema.safeParse(JSON.parse(JSON.stringify(exported))).success).toBe(true);
  });

  it('the error log is bounded and collapses repeats', () => {
    let log: ReturnType<typeof appendError> = [];
    for (let i = 0; i < 100; i++) log = appendError(log, { at: String(i), source: 'managed', message: `e${i % 40}` });
    expect(log).toHaveLength(ERROR_LOG_MAX);
    log = appendError(log, { at: 'x', source: 'managed', message: 'e5' });
    expect(log.filter((e) => e.message === 'e5')).toHaveLength(1);
    expect(log[0]!.at).toBe('x');
  });
});
