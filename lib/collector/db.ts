/**
 * The storage adapter: one tiny interface over PGlite (Postgres compiled to WASM,
 * embedded in a data folder) and PostgreSQL (`pg` pool). Every statement in this
 * folder is plain PostgreSQL, so the same SQL runs unchanged on both; values come
 * back as text or numbers the callers convert (no driver-specific types leak out).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

/** Arrays travel as one parameter (unnest() turns them into rows: one statement per batch). */
export type SqlValue = string | number | boolean | null | readonly (string | number)[];
export type Row = Record<string, unknown>;

export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction: committed when it resolves, rolled back when it throws. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Embedded database in a folder (created when missing). `memory://` keeps it in memory (tests).
 * `thread: true` runs PGlite in a worker thread of its own (pglite-thread.ts). Not the
 * default until it is shown to pay: on the shared 2-core machine (load 16–20, four
 * interleaved pairs in bench runs) it made no difference beyond the noise, neither in
 * server CPU per report nor in throughput; an idle machine, where the two threads get a
 * core each, decides (bench/collector.bench.ts runs both).
 */
export async function openPglite(dir: string, opts: { thread?: boolean } = {}): Promise<Db> {
  const dataDir = dir === 'memory://' ? dir : resolve(dir);
  if (dataDir !== 'memory://') mkdirSync(dataDir, { recursive: true });
  if (opts.thread) return (await import('./pglite-thread.ts')).openPgliteThread(dataDir);
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = await PGlite.create(dataDir);
  const wrap = (q: { query: (s: string, p?: unknown[]) => Promise<{ rows: unknown[] }> }): Queryable => ({
    async query<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
      return (await q.query(sql, [...params])).rows as T[];
    },
  });
  return {
    kind: 'pglite',
    ...wrap(pg),
    tx: (fn) => pg.transaction((t) => fn(wrap(t))),
    close: once(() => pg.close()),
  };
}

/** A PostgreSQL server (`postgres://user@host:port/db`). */
export async function openPostgres(url: string): Promise<Db> {
  const { default: pg } = await import('pg');
  // JIT compiling (on by default since PostgreSQL 12) cost ~150 ms per summary query, for
  // plans that run in tens of milliseconds: off for the collector's own sessions, as a
  // startup option after any the URL or PGOPTIONS gives.
  const given = new URL(url).searchParams.get('options') ?? process.env.PGOPTIONS;
  const pool = new pg.Pool({ connectionString: url, max: 8, options: [given, '-c jit=off'].filter(Boolean).join(' ') });
  // An idle client's network error must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  await pool.query('SELECT 1');
  return {
    kind: 'postgres',
    async query<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
      return (await pool.query(sql, [...params])).rows as T[];
    },
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn({ query: async <T extends Row>(s: string, p: readonly SqlValue[] = []) => (await client.query(s, [...p])).rows as T[] });
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: once(() => pool.end()),
  };
}

export function openDatabase(opts: { data?: string | undefined; database?: string | undefined }): Promise<Db> {
  return opts.database ? openPostgres(opts.database) : openPglite(opts.data ?? './collector-data');
}

/** Closing twice is harmless (tests and shutdown paths may both close). */
function once(fn: () => Promise<void>): () => Promise<void> {
  let p: Promise<void> | undefined;
  return () => (p ??= fn());
}
