/**
 * Signed-pack envelope (docs/admin.md "Signed packs"): verification and
 * signing with WebCrypto ECDSA P-256 / SHA-256. Runs unchanged in the
 * extension (service worker, pages) and in Node 20 (globalThis.crypto).
 *
 *   { "format": "crm-note-lint/signed-pack", "version": 1, "alg": "ES256",
 *     "keyId": "<16 hex>", "payload": "<base64 UTF-8 JSON {pack, issuedAt, expiresAt?}>",
 *     "signature": "<base64 64-byte r‖s>" }
 *
 * The signed bytes are ASCII(SIGNATURE_CONTEXT + payload).
 */
import {
  ENVELOPE_FORMAT, SIGNATURE_CONTEXT, envelopeSchema, signedPayloadSchema, stripPem,
  type Envelope, type SignedPayload,
} from '../../schema/policy.ts';
import { COMPILED_FORMATS, type CompiledPack } from '../../schema/dictionary.ts';
import { zodDetails } from './validate.ts';

export class PackError extends Error {
  constructor(readonly code: PackErrorCode, message: string, readonly details: string[] = []) {
    super(message);
    this.name = 'PackError';
  }
}

export type PackErrorCode =
  | 'network' | 'http' | 'too-large' | 'malformed-json' | 'not-envelope' | 'bad-key'
  | 'bad-signature' | 'wrong-key' | 'bad-payload' | 'expired' | 'not-yet-valid' | 'older-version' | 'same-version-changed';

const subtle = () => globalThis.crypto.subtle;
const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

export function b64encode(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function b64decode(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function hex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** First 16 hex digits of SHA-256 of the SPKI bytes. */
export async function keyIdOf(spki: Uint8Array): Promise<string> {
  return hex(await subtle().digest('SHA-256', spki as BufferSource)).slice(0, 16);
}

/** Imports `packPublicKey` (base64 SPKI or PEM). Throws PackError('bad-key'). */
export async function importPublicKey(text: string): Promise<{ key: CryptoKey; keyId: string }> {
  let spki: Uint8Array;
  try {
    spki = b64decode(stripPem(text));
  } catch {
    throw new PackError('bad-key', 'packPublicKey is not base64: expected the one-line key written by `crm-note-lint dict keygen`');
  }
  try {
    const key = await subtle().importKey('spki', spki as BufferSource, ECDSA, false, ['verify']);
    return { key, keyId: await keyIdOf(spki) };
  } catch (e) {
    throw new PackError('bad-key', `packPublicKey is not an ECDSA P-256 public key (SPKI): ${(e as Error).message || 'import failed'}`);
  }
}

const encoder = new TextEncoder();

export interface VerifiedPack {
  pack: CompiledPack;
  payload: SignedPayload;
  keyId: string;
}

/**
 * Verifies an envelope's text against a public key and returns its pack.
 * Every failure is a PackError with a one-line message naming the cause.
 */
export async function verifyEnvelope(text: string, publicKey: string, now = new Date()): Promise<VerifiedPack> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new PackError('malformed-json', `remote pack is not valid JSON (${(e as Error).message})`);
  }
  if (raw && typeof raw === 'object' && 'format' in raw && COMPILED_FORMATS.includes((raw as { format: number }).format)) {
    throw new PackError('not-envelope', 'remote pack is an unsigned compiled pack: sign it with `crm-note-lint dict sign PACK --key KEY`');
  }
  const env = envelopeSchema.safeParse(raw);
  if (!env.success) {
    const details = zodDetails(env.error);
    const missingSig = env.error.issues.some((i) => i.path[0] === 'signature');
    throw new PackError('not-envelope', `remote pack is not a signed-pack envelope: ${details[0]}${missingSig ? ' (unsigned?)' : ''}`, details);
  }
  const { key, keyId } = await importPublicKey(publicKey);
  let sig: Uint8Array;
  try {
    sig = b64decode(env.data.signature);
  } catch {
    throw new PackError('bad-signature', 'signature is not base64');
  }
  if (sig.length !== 64) throw new PackError('bad-signature', `signature must be 64 bytes (ECDSA P-256 r‖s), got ${sig.length}`);
  const ok = await subtle().verify(SIGN, key, sig as BufferSource, encoder.encode(SIGNATURE_CONTEXT + env.data.payload) as BufferSource);
  if (!ok) {
    if (env.data.keyId && env.data.keyId !== keyId) {
      throw new PackError('wrong-key', `signed with another key (key id ${env.data.keyId}; packPublicKey has key id ${keyId})`);
    }
    throw new PackError('bad-signature', 'signature does not match: the pack was modified after signing, or signed with another key');
  }
  let payloadRaw: unknown;
  try {
    payloadRaw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(b64decode(env.data.payload)));
  } catch (e) {
    throw new PackError('bad-payload', `signed payload is not UTF-8 JSON (${(e as Error).message})`);
  }
  const payload = signedPayloadSchema.safeParse(payloadRaw);
  if (!payload.success) {
    const details = zodDetails(payload.error);
    throw new PackError('bad-payload', `signed payload is not a valid pack: ${details[0]}`, details);
  }
  if (payload.data.expiresAt && Date.parse(payload.data.expiresAt) <= now.getTime()) {
    throw new PackError('expired', `pack ${payload.data.pack.id} ${payload.data.pack.version} expired on ${payload.data.expiresAt}`);
  }
  if (Date.parse(payload.data.issuedAt) > now.getTime() + 24 * 3600_000) {
    throw new PackError('not-yet-valid', `pack issued in the future (${payload.data.issuedAt}): check the signing machine's clock`);
  }
  return { pack: payload.data.pack, payload: payload.data, keyId };
}

// ---- signing (CLI, tests) ----

export interface KeyPairText {
  /** PKCS#8 private key, PEM. Keep it secret. */
  privatePem: string;
  /** base64 SPKI: the `packPublicKey` value. */
  publicKey: string;
  keyId: string;
}

function pem(label: string, der: Uint8Array): string {
  const b64 = b64encode(der).replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

export async function generateKeyPair(): Promise<KeyPairText> {
  const pair = await subtle().generateKey(ECDSA, true, ['sign', 'verify']) as CryptoKeyPair;
  const spki = new Uint8Array(await subtle().exportKey('spki', pair.publicKey));
  const pkcs8 = new Uint8Array(await subtle().exportKey('pkcs8', pair.privateKey));
  return { privatePem: pem('PRIVATE KEY', pkcs8), publicKey: b64encode(spki), keyId: await keyIdOf(spki) };
}

/** Imports a PKCS#8 PEM (or bare base64) private key; returns it and its public key id. */
export async function importPrivateKey(text: string): Promise<{ key: CryptoKey; keyId: string; publicKey: string }> {
  const b64 = text.replace(/-----(BEGIN|END) (EC )?PRIVATE KEY-----/g, '').replace(/\s+/g, '');
  if (/BEGIN EC PRIVATE KEY/.test(text)) throw new Error('SEC1 "EC PRIVATE KEY" files are not supported: convert with `openssl pkcs8 -topk8 -nocrypt`');
  let der: Uint8Array;
  try {
    der = b64decode(b64);
  } catch {
    throw new Error('the key file is not a PEM PKCS#8 private key');
  }
  let key: CryptoKey;
  try {
    key = await subtle().importKey('pkcs8', der as BufferSource, ECDSA, true, ['sign']);
  } catch (e) {
    throw new Error(`the key file is not an ECDSA P-256 PKCS#8 private key (${(e as Error).message})`);
  }
  // Derive the public key through JWK (x, y) to compute the key id.
  const jwk = await subtle().exportKey('jwk', key);
  const pub = await subtle().importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, ext: true }, ECDSA, true, ['verify']);
  const spki = new Uint8Array(await subtle().exportKey('spki', pub));
  return { key, keyId: await keyIdOf(spki), publicKey: b64encode(spki) };
}

export interface SignOptions {
  issuedAt?: Date;
  expiresAt?: Date;
}

export async function signPack(pack: CompiledPack, privateKey: CryptoKey, keyId: string, opts: SignOptions = {}): Promise<Envelope> {
  const payload: SignedPayload = {
    pack,
    issuedAt: (opts.issuedAt ?? new Date()).toISOString(),
    ...(opts.expiresAt ? { expiresAt: opts.expiresAt.toISOString() } : {}),
  };
  const payloadB64 = b64encode(encoder.encode(JSON.stringify(payload)));
  const sig = new Uint8Array(await subtle().sign(SIGN, privateKey, encoder.encode(SIGNATURE_CONTEXT + payloadB64) as BufferSource));
  return { format: ENVELOPE_FORMAT, version: 1, alg: 'ES256', keyId, payload: payloadB64, signature: b64encode(sig) };
}
