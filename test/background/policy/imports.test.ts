/**
 * The options page's imports on their own (no service, no browser): at most
 * MAX_USER_PACKS packs, one per id, refused ones logged and nothing stored, a policy
 * file naming a remote pack asks for a refresh, and every stored change is announced.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { KeyValueArea } from '../../../lib/background/deps.ts';
import { PolicyErrorLog } from '../../../lib/background/policy/error-log.ts';
import { generateKeyPair } from '../../../lib/background/policy/signature.ts';
import { MAX_USER_PACKS, PolicyImports } from '../../../lib/background/policy/imports.ts';
import { STORAGE_KEYS } from '../../../lib/background/policy/stored-inputs.ts';
import { makePack } from '../../support/policy-pack.ts';

const local = () => fakeBrowser.storage.local as unknown as KeyValueArea;
const now = () => new Date('2026-03-02T10:00:00Z');

let changes: number;
let refreshes: number;
let errors: PolicyErrorLog;
let imports: PolicyImports;
beforeEach(() => {
  fakeBrowser.reset();
  changes = 0;
  refreshes = 0;
  errors = new PolicyErrorLog(local(), STORAGE_KEYS.errors, now);
  imports = new PolicyImports({ local: local(), errors, now, changed: async () => void changes++, refreshRemote: () => void refreshes++ });
});

const stored = async (key: string) => (await local().get(key))[key];

describe('PolicyImports', () => {
  it('keeps one pack per id (a re-import replaces it) and refuses the one above the cap', async () => {
    expect(await imports.importUserPack(makePack('p0', '1.0.0'), 'p0.json')).toEqual({ ok: true, message: 'imported p0 1.0.0' });
    expect(await imports.importUserPack(makePack('p0', '1.1.0'))).toEqual({ ok: true, message: 'imported p0 1.1.0' });
    const packs = stored(STORAGE_KEYS.userPacks);
    expect((await packs as { pack: { version: string } }[]).map((u) => u.pack.version)).toEqual(['1.1.0']);
    for (let i = 1; i < MAX_USER_PACKS; i++) await imports.importUserPack(makePack(`p${i}`, '1.0.0'));
    const r = await imports.importUserPack(makePack('one-more', '1.0.0'), 'more.json');
    expect(r).toEqual({ ok: false, error: `pack more.json refused: at most ${MAX_USER_PACKS} imported packs; remove one first` });
    expect(await stored(STORAGE_KEYS.userPacks)).toHaveLength(MAX_USER_PACKS);
    expect(changes).toBe(MAX_USER_PACKS + 1);
  });

  it('logs a refused pack with its details, stores nothing and announces nothing', async () => {
    const bad = { ...makePack('p', '2.0.0'), phrases: [['licorne', 7, 0]] };
    const r = await imports.importUserPack(bad, 'bad.json');
    expect(r.ok).toBe(false);
    expect(await stored(STORAGE_KEYS.userPacks)).toBeUndefined();
    expect(changes).toBe(0);
    const log = await errors.read();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ source: 'user-pack', at: '2026-03-02T10:00:00.000Z' });
    expect(log[0]!.details!.join()).toMatch(/rule index 7/);
    await errors.clear();
    expect(await errors.read()).toEqual([]);
  });

  it('removing an unknown pack says so; a policy file with a pack URL asks for a refresh; clearing it removes it', async () => {
    expect(await imports.removeUserPack('nope')).toEqual({ ok: false, error: 'no imported pack "nope"' });
    expect(await imports.importLocalPolicy({ mode: 'warn' }, 'team.json')).toEqual({ ok: true });
    expect(refreshes).toBe(0);
    expect(await stored(STORAGE_KEYS.local)).toMatchObject({ policy: { mode: 'warn' }, fileName: 'team.json', importedAt: '2026-03-02T10:00:00.000Z' });
    const { publicKey } = await generateKeyPair();
    expect(await imports.importLocalPolicy({ packUrl: 'https://packs.example.com/p.json', packPublicKey: publicKey })).toEqual({ ok: true });
    expect(refreshes).toBe(1);
    expect(await imports.clearLocalPolicy()).toEqual({ ok: true });
    expect(await stored(STORAGE_KEYS.local)).toBeUndefined();
    expect(changes).toBe(3);
  });

  it('refuses an invalid policy file and keeps the previous one', async () => {
    await imports.importLocalPolicy({ mode: 'warn' });
    const r = await imports.importLocalPolicy({ mode: 'shout' }, 'x.json');
    expect(r.ok).toBe(false);
    expect(await stored(STORAGE_KEYS.local)).toMatchObject({ policy: { mode: 'warn' } });
    expect((await errors.read())[0]).toMatchObject({ source: 'local-policy' });
    expect((await errors.read())[0]!.message).toMatch(/the previous policy stays in force$/);
  });
});
