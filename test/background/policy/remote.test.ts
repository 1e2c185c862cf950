/**
 * Remote signed packs through the policy service (fakeBrowser + a real HTTP
 * server on 127.0.0.1): the good path, 304, and every bad input — each gives a
 * clear error, is logged, and leaves the previous pack in force.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Linter } from '../../../lib/engine/lint.ts';
import { REFRESH_ALARM } from '../../../lib/background/policy/remote-refresh.ts';
import { STORAGE_KEYS } from '../../../lib/background/policy/stored-inputs.ts';
import { startFakeBackground } from '../fake-background.ts';
import { b64decode, b64encode, generateKeyPair, importPrivateKey, signPack, type KeyPairText } from '../../../lib/background/policy/signature.ts';
import type { CompiledPack } from '../../../lib/schema/dictionary.ts';
import { makePack, startServer } from '../../support/policy-pack.ts';

let server: Awaited<ReturnType<typeof startServer>>;
let bg: Awaited<ReturnType<typeof startFakeBackground>>;
const start = () => startFakeBackground({ remote: { maxBytes: 64 * 1024, timeoutMs: 1500 } });
const loadEffectiveConfig = (host: string) => bg.policy.effectiveConfig(host);
const refreshRemote = () => bg.policy.refreshRemote();
let keys: KeyPairText;
let otherKeys: KeyPairText;

async function envelope(pack: CompiledPack, k = keys, opts: { issuedAt?: Date; expiresAt?: Date } = {}) {
  const { key, keyId } = await importPrivateKey(k.privatePem);
  return signPack(pack, key, keyId, opts);
}

function serve(body: string | Buffer, headers: Record<string, string> = {}, status = 200) {
  server.set((req, res) => {
    if (headers.ETag && req.headers['if-none-match'] === headers.ETag) return void res.writeHead(304, { ETag: headers.ETag }).end();
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(body);
  });
}

const V1 = makePack('org-remote', '1.1.0', ['licorne']);

async function flagged(text: string): Promise<string[]> {
  const cfg = await loadEffectiveConfig('crm.example.com');
  return new Linter(cfg.packs, cfg.linter).lint(text, { locale: cfg.locale }).map((f) => f.rule);
}

async function remoteVersion(): Promise<string | undefined> {
  const cfg = await loadEffectiveConfig('crm.example.com');
  return cfg.packs.find((p) => p.id === 'org-remote')?.version;
}

beforeAll(async () => {
  server = await startServer();
  keys = await generateKeyPair();
  otherKeys = await generateKeyPair();
});
afterAll(() => server.close());

beforeEach(async () => {
  fakeBrowser.reset();
  await fakeBrowser.storage.managed.set({ mode: 'warn', packUrl: `${server.url}/org.signed.json`, packPublicKey: keys.publicKey });
  bg = await start();
  // The last good pack: v1.1.0, fetched once.
  serve(JSON.stringify(await envelope(V1)), { ETag: '"v1"' });
  expect(await refreshRemote()).toMatchObject({ ok: true });
  expect(await remoteVersion()).toBe('1.1.0');
});

describe('remote signed pack', () => {
  it('is used by the linter, persisted in storage.local, and the refresh alarm exists', async () => {
    expect(await flagged('Le client est une licorne')).toContain('fr.health.orgremote-0');
    const stored = (await fakeBrowser.storage.local.get(STORAGE_KEYS.remote))[STORAGE_KEYS.remote] as { etag: string; pack: CompiledPack };
    expect(stored.etag).toBe('"v1"');
    expect(stored.pack.version).toBe('1.1.0');
    expect(await fakeBrowser.alarms.get(REFRESH_ALARM)).toMatchObject({ periodInMinutes: 360 });
  });

  it('sends If-None-Match; a 304 keeps the pack and records the check', async () => {
    server.requests.length = 0;
    const r = await refreshRemote();
    expect(r).toEqual({ ok: true, message: 'not-modified' });
    expect(server.requests[0]!.headers['if-none-match']).toBe('"v1"');
    expect(await remoteVersion()).toBe('1.1.0');
  });

  it('installs a newer version and the alarm triggers the refresh', async () => {
    serve(JSON.stringify(await envelope(makePack('org-remote', '1.2.0', ['licorne', 'dragon']))), { ETag: '"v2"' });
    await fakeBrowser.alarms.onAlarm.trigger({ name: REFRESH_ALARM, scheduledTime: Date.now() });
    await new Promise((r) => setTimeout(r, 200));
    expect(await remoteVersion()).toBe('1.2.0');
    expect(await flagged('un dragon')).toHaveLength(1);
  });

  it('survives a restart (service worker start-up) while offline', async () => {
    server.set((req) => req.socket.destroy());
    // A new worker: the old service's listeners go with it, the storage stays.
    fakeBrowser.runtime.resetState();
    bg = await start();
    await fakeBrowser.runtime.onStartup.trigger();
    expect(await remoteVersion()).toBe('1.1.0');
    expect(await flagged('Le client est une licorne')).toHaveLength(1);
  });

  // ---- bad inputs: each a clear error, logged, and the previous pack kept ----
  const tamper = async (mutate: (env: Record<string, unknown>) => void) => {
    const env = (await envelope(makePack('org-remote', '2.0.0', ['dragon']))) as unknown as Record<string, unknown>;
    mutate(env);
    return JSON.stringify(env);
  };

  const cases: Array<[string, () => Promise<void>, RegExp]> = [
    ['tampered payload', async () => serve(await tamper((e) => {
      const bytes = b64decode(e.payload as string);
      const text = new TextDecoder().decode(bytes).replace('dragon', 'dragoN');
      e.payload = b64encode(new TextEncoder().encode(text));
    })), /signature does not match/],
    ['tampered signature', async () => serve(await tamper((e) => {
      const s = b64decode(e.signature as string);
      s[10] ^= 0xff;
      e.signature = b64encode(s);
    })), /signature does not match/],
    ['signature of the wrong length', async () => serve(await tamper((e) => { e.signature = b64encode(new Uint8Array(10)); })), /signature must be 64 bytes/],
    ['signed with another key', async () => serve(JSON.stringify(await envelope(makePack('org-remote', '2.0.0'), otherKeys))), /signed with another key \(key id [0-9a-f]{16}/],
    ['older version', async () => serve(JSON.stringify(await envelope(makePack('org-remote', '1.0.9')))), /1\.0\.9 is older than the installed 1\.1\.0/],
    ['same version, different content', async () => serve(JSON.stringify(await envelope(makePack('org-remote', '1.1.0', ['dragon'])))), /changed without a new version number/],
    ['expired', async () => serve(JSON.stringify(await envelope(makePack('org-remote', '2.0.0'), keys, { expiresAt: new Date(Date.now() - 1000) }))), /expired on/],
    ['issued in the future', async () => serve(JSON.stringify(await envelope(makePack('org-remote', '2.0.0'), keys, { issuedAt: new Date(Date.now() + 3 * 86_400_000) }))), /issued in the future/],
    ['oversized (Content-Length)', async () => serve('x'.repeat(70 * 1024), { 'Content-Length': String(70 * 1024) }), /above the 65536-byte cap/],
    ['oversized (chunked, no Content-Length)', async () => server.set((_q, res) => {
      res.writeHead(200);
      for (let i = 0; i < 80; i++) res.write('x'.repeat(1024));
      res.end();
    }), /larger than the 65536-byte cap/],
    ['malformed JSON', async () => serve('{"format": "crm-note-lint/signed-pack", '), /not valid JSON/],
    ['not UTF-8', async () => serve(Buffer.from([0xff, 0xfe, 0x7b, 0x7d])), /not UTF-8/],
    ['unsigned compiled pack', async () => serve(JSON.stringify(makePack('org-remote', '2.0.0'))), /unsigned compiled pack/],
    ['missing signature', async () => serve(await tamper((e) => { delete e.signature; })), /signature.*\(unsigned\?\)/],
    ['unsupported algorithm', async () => serve(await tamper((e) => { e.alg = 'RS256'; })), /"alg" must be "ES256"/],
    ['schema-invalid pack inside a valid signature', async () => {
      const bad = { ...makePack('org-remote', '2.0.0'), rules: [{ id: 'x' }] } as unknown as CompiledPack;
      serve(JSON.stringify(await envelope(bad)));
    }, /signed payload is not a valid pack: pack\.rules\[0\]/],
    ['HTTP 500', async () => serve('oops', {}, 500), /answered HTTP 500/],
    ['HTTP 404', async () => serve('', {}, 404), /answered HTTP 404/],
    ['network failure', async () => server.set((req) => req.socket.destroy()), /cannot fetch remote pack .*: /],
    ['timeout', async () => server.set(() => { /* never answers */ }), /timed out/],
    ['bad key format in the policy', async () => {
      serve(JSON.stringify(await envelope(makePack('org-remote', '2.0.0'))));
      await fakeBrowser.storage.managed.set({ packPublicKey: 'A'.repeat(120) });
      await new Promise((r) => setTimeout(r, 50));
    }, /packPublicKey is not an ECDSA P-256 public key/],
  ];

  it(`has at least 15 bad-input cases (${cases.length})`, () => expect(cases.length).toBeGreaterThanOrEqual(15));

  it.each(cases)('%s: refused with a clear error, previous pack kept', async (_name, arrange, re) => {
    await arrange();
    const r = await refreshRemote();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(re);
    expect(await remoteVersion()).toBe('1.1.0');
    expect(await flagged('Le client est une licorne')).toContain('fr.health.orgremote-0');
    const log = (await fakeBrowser.storage.local.get(STORAGE_KEYS.errors))[STORAGE_KEYS.errors] as Array<{ source: string; message: string }>;
    expect(log[0]!.source).toBe('remote-pack');
    expect(log[0]!.message).toMatch(re);
    expect(log[0]!.message).toMatch(/org-remote 1\.1\.0 stays in force/);
    // The policy around it is untouched too.
    expect((await loadEffectiveConfig('crm.example.com')).mode).toBe('warn');
  });
});
