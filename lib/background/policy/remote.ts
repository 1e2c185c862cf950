/**
 * Remote signed pack: one refresh step, pure apart from `fetch`. Given the last
 * known good state and the policy's packUrl + packPublicKey, returns the next
 * state, or a PackError with the previous state untouched (the caller keeps it).
 * Checks, in order: HTTP status (304 keeps the pack), size cap (Content-Length
 * and bytes actually read), JSON, envelope, key, signature, payload schema,
 * expiry, version not going backwards.
 */
import type { CompiledPack } from '../../schema/dictionary.ts';
import { compareVersions } from './semver.ts';
import { PackError, verifyEnvelope } from './signature.ts';

/** What storage.local keeps (key `policy.remote`): survives restarts and offline periods. */
export interface RemoteState {
  url: string;
  /** Key id of packPublicKey the pack was verified with. */
  keyId?: string;
  etag?: string;
  pack?: CompiledPack;
  /** SHA-256 (hex) of the envelope's payload: same version with other content is refused. */
  payloadHash?: string;
  issuedAt?: string;
  /** Last time a new pack was accepted (ISO). */
  updatedAt?: string;
  /** Last successful check, 200 or 304 (ISO). */
  checkedAt?: string;
}

export const MAX_PACK_BYTES = 4 * 1024 * 1024;

export interface RefreshDeps {
  fetch?: typeof fetch;
  now?: () => Date;
  maxBytes?: number;
  timeoutMs?: number;
}

export type RefreshOutcome =
  | { ok: true; status: 'updated' | 'not-modified' | 'unchanged'; state: RemoteState }
  | { ok: false; error: PackError };

async function sha256Hex(text: string): Promise<string> {
  const d = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function readCapped(res: Response, max: number): Promise<string> {
  const len = Number(res.headers.get('content-length'));
  if (Number.isFinite(len) && len > max) throw new PackError('too-large', `remote pack is ${len} bytes, above the ${max}-byte cap`);
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      throw new PackError('too-large', `remote pack is larger than the ${max}-byte cap`);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(all);
  } catch {
    throw new PackError('malformed-json', 'remote pack is not UTF-8 text');
  }
}

export async function refreshRemotePack(
  prev: RemoteState | undefined,
  source: { url: string; publicKey: string },
  deps: RefreshDeps = {},
): Promise<RefreshOutcome> {
  const now = deps.now ?? (() => new Date());
  const doFetch = deps.fetch ?? globalThis.fetch.bind(globalThis);
  const max = deps.maxBytes ?? MAX_PACK_BYTES;
  // A conditional request only makes sense for the same URL with a pack in hand.
  const sameSource = prev?.url === source.url && !!prev.pack;
  const headers: Record<string, string> = {};
  if (sameSource && prev!.etag) headers['If-None-Match'] = prev!.etag;
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), deps.timeoutMs ?? 30_000);
  try {
    let res: Response;
    try {
      res = await doFetch(source.url, { headers, cache: 'no-store', credentials: 'omit', redirect: 'follow', signal: ctrl.signal });
    } catch (e) {
      const msg = ctrl.signal.aborted ? 'timed out' : (e as Error).message || 'network error';
      throw new PackError('network', `cannot fetch remote pack ${source.url}: ${msg}`);
    }
    if (res.status === 304) {
      if (!sameSource) throw new PackError('http', `remote pack ${source.url} answered 304 Not Modified to an unconditional request`);
      await res.body?.cancel().catch(() => {});
      return { ok: true, status: 'not-modified', state: { ...prev!, checkedAt: now().toISOString() } };
    }
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => {});
      throw new PackError('http', `remote pack ${source.url} answered HTTP ${res.status}${res.statusText ? ' ' + res.statusText : ''}`);
    }
    const text = await readCapped(res, max);
    const verified = await verifyEnvelope(text, source.publicKey, now());
    const env = JSON.parse(text) as { payload: string };
    const payloadHash = await sha256Hex(env.payload);
    const etag = res.headers.get('etag') ?? undefined;
    const old = prev?.pack;
    if (old && old.id === verified.pack.id) {
      const cmp = compareVersions(verified.pack.version, old.version);
      if (cmp < 0) {
        throw new PackError('older-version', `remote pack ${verified.pack.id} ${verified.pack.version} is older than the installed ${old.version}: refused (versions never go backwards)`);
      }
      if (cmp === 0) {
        if (prev!.payloadHash && prev!.payloadHash !== payloadHash && !sameIgnoringDates(prev!, verified.pack)) {
          throw new PackError('same-version-changed', `remote pack ${verified.pack.id} ${verified.pack.version} changed without a new version number: raise "version" and sign again`);
        }
        return { ok: true, status: 'unchanged', state: { ...prev!, url: source.url, keyId: verified.keyId, ...(etag ? { etag } : {}), checkedAt: now().toISOString() } };
      }
    }
    const at = now().toISOString();
    return {
      ok: true,
      status: 'updated',
      state: {
        url: source.url, keyId: verified.keyId, ...(etag ? { etag } : {}), pack: verified.pack, payloadHash,
        issuedAt: verified.payload.issuedAt, updatedAt: at, checkedAt: at,
      },
    };
  } catch (e) {
    if (e instanceof PackError) return { ok: false, error: e };
    return { ok: false, error: new PackError('network', `remote pack ${source.url}: ${(e as Error).message}`) };
  } finally {
    clearTimeout(timer);
  }
}

/** Re-signing the very same pack (new issuedAt) at the same version is fine. */
function sameIgnoringDates(prev: RemoteState, pack: CompiledPack): boolean {
  return JSON.stringify(prev.pack) === JSON.stringify(pack);
}
