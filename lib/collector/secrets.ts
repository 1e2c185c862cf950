/**
 * Secrets: bearer tokens compared in constant time, the dashboard password as a
 * salted scrypt hash (node:crypto, no dependency), dashboard sessions stored in
 * the database (only a hash of the cookie value), so any instance behind a load
 * balancer recognises them and a restart logs nobody out.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Db, Queryable } from './db.ts';

const scryptAsync = promisify(scrypt) as (pw: string, salt: Buffer, len: number, opts: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
export const SESSION_HOURS = 12;

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/** Constant-time equality of two secrets (hashed first, so lengths never leak). */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(sha256(given), sha256(expected));
}

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerOf(header: string | undefined): string | null {
  const m = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header ?? '');
  return m ? m[1]! : null;
}

export function randomSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, key] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !key) return false;
  const want = Buffer.from(key, 'base64url');
  const got = await scryptAsync(password, Buffer.from(salt, 'base64url'), want.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: SCRYPT.maxmem });
  return got.length === want.length && timingSafeEqual(got, want);
}

export async function getSetting(q: Queryable, key: string): Promise<string | null> {
  const [row] = await q.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
  return row?.value ?? null;
}

export async function setSetting(q: Queryable, key: string, value: string): Promise<void> {
  await q.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [key, value]);
}

/**
 * The password hash in force. From the environment: hashed and stored when it
 * changed. Otherwise the stored one; at the very first start a random password is
 * generated, stored hashed, and returned once so the caller can print it.
 */
export async function ensureAdminPassword(db: Db, fromEnv: string | undefined): Promise<{ hash: string; generated?: string }> {
  const stored = await getSetting(db, 'admin_password');
  if (fromEnv) {
    if (stored && await verifyPassword(fromEnv, stored)) return { hash: stored };
    const hash = await hashPassword(fromEnv);
    await setSetting(db, 'admin_password', hash);
    return { hash };
  }
  if (stored) return { hash: stored };
  const generated = randomSecret(12);
  const hash = await hashPassword(generated);
  await setSetting(db, 'admin_password', hash);
  return { hash, generated };
}

/** The ingest token: from the environment, else generated once and kept in the database. */
export async function ensureIngestToken(db: Db, fromEnv: string | undefined): Promise<{ token: string; generated: boolean }> {
  if (fromEnv) return { token: fromEnv, generated: false };
  const stored = await getSetting(db, 'ingest_token');
  if (stored) return { token: stored, generated: false };
  const token = randomSecret();
  await setSetting(db, 'ingest_token', token);
  return { token, generated: true };
}

export async function createSession(q: Queryable): Promise<string> {
  const token = randomSecret(32);
  await q.query(`INSERT INTO sessions (token_hash, expires_at) VALUES ($1, now() + make_interval(hours => $2::int))`, [sha256(token).toString('base64url'), SESSION_HOURS]);
  return token;
}

export async function validSession(q: Queryable, token: string | undefined): Promise<boolean> {
  if (!token) return false;
  const r = await q.query('SELECT 1 FROM sessions WHERE token_hash = $1 AND expires_at > now()', [sha256(token).toString('base64url')]);
  return r.length > 0;
}

export async function endSession(q: Queryable, token: string | undefined): Promise<void> {
  if (token) await q.query('DELETE FROM sessions WHERE token_hash = $1', [sha256(token).toString('base64url')]);
}
