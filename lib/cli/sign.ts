/**
 * `crm-note-lint dict keygen [--out DIR]` and `dict sign PACK --key KEY [--out FILE] [--expires-days N]`:
 * ECDSA P-256 keys and signed-pack envelopes (lib/background/policy/signature.ts, the very
 * code the extension verifies with; format in docs/admin.md).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadPackArgument } from './builtin.ts';
import { generateKeyPair, importPrivateKey, signPack } from '../background/policy/signature.ts';

export const PRIVATE_KEY_FILE = 'pack-signing.key.pem';
export const PUBLIC_KEY_FILE = 'pack-signing.pub';

interface KeyIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export async function keyCommand(args: string[], io: KeyIo): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { out: { type: 'string' }, key: { type: 'string' }, 'expires-days': { type: 'string' } },
  });
  if (action === 'keygen') {
    const dir = values.out ?? '.';
    const priv = join(dir, PRIVATE_KEY_FILE);
    const pub = join(dir, PUBLIC_KEY_FILE);
    for (const f of [priv, pub]) {
      if (existsSync(f)) {
        io.stderr.write(`crm-note-lint: ${f} exists; refusing to overwrite a key\n`);
        return 2;
      }
    }
    const k = await generateKeyPair();
    mkdirSync(dir, { recursive: true });
    writeFileSync(priv, k.privatePem, { mode: 0o600 });
    chmodSync(priv, 0o600);
    writeFileSync(pub, k.publicKey + '\n');
    io.stdout.write(`private key: ${priv} (keep it secret, never in the repository)\npublic key:  ${pub} (key id ${k.keyId})\npackPublicKey: ${k.publicKey}\n`);
    return 0;
  }
  if (action === 'sign') {
    const [packPath] = positionals;
    if (!packPath || !values.key) {
      io.stderr.write('crm-note-lint: dict sign needs a PACK and --key KEY (a private key from `dict keygen`)\n');
      return 2;
    }
    let days: number | undefined;
    if (values['expires-days'] !== undefined) {
      days = Number(values['expires-days']);
      if (!Number.isInteger(days) || days < 1) {
        io.stderr.write('crm-note-lint: --expires-days must be a whole number of days (1 or more)\n');
        return 2;
      }
    }
    let keyText: string;
    try {
      keyText = readFileSync(values.key, 'utf8');
    } catch (e) {
      io.stderr.write(`crm-note-lint: cannot read key ${values.key}: ${(e as Error).message}\n`);
      return 2;
    }
    let key;
    try {
      key = await importPrivateKey(keyText);
    } catch (e) {
      io.stderr.write(`crm-note-lint: ${values.key}: ${(e as Error).message}\n`);
      return 2;
    }
    const pack = loadPackArgument(packPath); // throws DictionaryError (exit 2) with located problems
    const now = new Date();
    const env = await signPack(pack, key.key, key.keyId, {
      issuedAt: now,
      ...(days ? { expiresAt: new Date(now.getTime() + days * 86_400_000) } : {}),
    });
    const json = JSON.stringify(env, null, 2) + '\n';
    if (values.out) {
      mkdirSync(dirname(values.out), { recursive: true });
      writeFileSync(values.out, json);
      io.stderr.write(`signed ${pack.id} ${pack.version} with key id ${key.keyId} → ${values.out}\n`);
    } else io.stdout.write(json);
    return 0;
  }
  io.stderr.write(`crm-note-lint: unknown key action "${action}"\n`);
  return 2;
}
