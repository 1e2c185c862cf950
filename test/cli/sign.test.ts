import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.ts';
import { verifyEnvelope } from '../../lib/background/policy/signature.ts';
import { OPTION_STRINGS } from '../../lib/pages/options/strings.ts';
import { makePack } from '../support/policy-pack.ts';

async function run(args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await main(args, { stdin: new PassThrough(), stdout, stderr });
  return { code, out, err };
}

describe('crm-note-lint dict keygen / sign', () => {
  it('generates a key pair and signs a pack the extension verifies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnl-sign-'));
    const kg = await run(['dict', 'keygen', '--out', dir]);
    expect(kg.code).toBe(0);
    expect(statSync(join(dir, 'pack-signing.key.pem')).mode & 0o777).toBe(0o600);
    const pub = readFileSync(join(dir, 'pack-signing.pub'), 'utf8').trim();
    expect(kg.out).toContain(`packPublicKey: ${pub}`);
    expect((await run(['dict', 'keygen', '--out', dir])).code).toBe(2); // never overwrites a key

    const packFile = join(dir, 'pack.json');
    writeFileSync(packFile, JSON.stringify(makePack('acme', '1.2.3')));
    const signed = join(dir, 'pack.signed.json');
    const s = await run(['dict', 'sign', packFile, '--key', join(dir, 'pack-signing.key.pem'), '--out', signed, '--expires-days', '30']);
    expect(s.code).toBe(0);
    expect(s.err).toMatch(/signed acme 1\.2\.3 with key id [0-9a-f]{16}/);
    const v = await verifyEnvelope(readFileSync(signed, 'utf8'), pub);
    expect(v.pack.id).toBe('acme');
    expect(Date.parse(v.payload.expiresAt!)).toBeGreaterThan(Date.now() + 29 * 86_400_000);
  });

  it('clear errors: missing key, bad key file, invalid pack', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnl-sign-'));
    writeFileSync(join(dir, 'pack.json'), JSON.stringify(makePack('acme', '1.0.0')));
    expect((await run(['dict', 'sign', join(dir, 'pack.json')])).err).toMatch(/needs a PACK and --key/);
    writeFileSync(join(dir, 'k.pem'), '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
    const bad = await run(['dict', 'sign', join(dir, 'pack.json'), '--key', join(dir, 'k.pem')]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/not an ECDSA P-256 PKCS#8 private key/);
    await run(['dict', 'keygen', '--out', dir]);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...makePack('acme', '1.0.0'), version: 'x' }));
    const inv = await run(['dict', 'sign', join(dir, 'bad.json'), '--key', join(dir, 'pack-signing.key.pem')]);
    expect(inv.code).toBe(2);
    expect(inv.err).toMatch(/version/);
  });
});

describe('options page strings', () => {
  it('every string is in both messages.json files as opt_*', () => {
    for (const loc of ['fr', 'en'] as const) {
      const msgs = JSON.parse(readFileSync(join(import.meta.dirname, `../../public/_locales/${loc}/messages.json`), 'utf8'));
      for (const [k, v] of Object.entries(OPTION_STRINGS)) {
        const key = `opt_${k.replace(/-/g, '_')}`;
        // messages.json names its placeholders: $1 is $ARG$, $2 is $ARG2$, and so on.
        expect(msgs[key]?.message, `${loc} ${key}`).toBe(v[loc].replace('$1', '$ARG$').replace(/\$([2-9])/g, '$$ARG$1$$'));
      }
    }
  });
});
