/**
 * The databases the collector suite runs against: the embedded PGlite always, and
 * PostgreSQL when CRM_NOTE_LINT_TEST_PG_URL is set (.ci/run starts one). On CI the
 * variable is required: `requirePostgresOnCi()` fails the run instead of skipping.
 * Each PostgreSQL suite gets a database of its own, dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import { openPglite, openPostgres, type Db } from '../../lib/collector/db.ts';
import { migrate } from '../../lib/collector/migrations.ts';

export const PG_URL = process.env.CRM_NOTE_LINT_TEST_PG_URL || undefined;

export interface Backend {
  name: 'pglite' | 'postgres';
  /** A fresh, migrated database, and how to throw it away. */
  create(): Promise<{ db: Db; url?: string; dispose(): Promise<void> }>;
}

const pglite: Backend = {
  name: 'pglite',
  async create() {
    const db = await openPglite('memory://');
    await migrate(db);
    return { db, dispose: () => db.close() };
  },
};

const postgres = (url: string): Backend => ({
  name: 'postgres',
  async create() {
    const name = `cnl_test_${randomBytes(6).toString('hex')}`;
    const admin = await openPostgres(url);
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const db = await openPostgres(u.toString());
    await migrate(db);
    return {
      db,
      url: u.toString(),
      async dispose() {
        await db.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.close();
      },
    };
  },
});

export const BACKENDS: Backend[] = [pglite, ...(PG_URL ? [postgres(PG_URL)] : [])];

export const CI_WITHOUT_PG = process.env.CI === 'true' && !PG_URL;

/** Deletes every row (between tests of one suite: opening PGlite takes seconds). */
export async function emptyTables(db: Db): Promise<void> {
  await db.query('TRUNCATE counts, batches, sessions, settings, cells, period_reporters, fold_pending, months, weeks');
}

/** Every stored value of every collector table, as one string (privacy checks). */
export async function dumpTables(db: Db): Promise<string> {
  const out: unknown[] = [];
  for (const t of ['counts', 'batches', 'settings', 'sessions', 'schema_migrations', 'cells', 'period_reporters', 'fold_pending', 'months', 'weeks']) out.push(await db.query(`SELECT * FROM ${t}`));
  return JSON.stringify(out);
}

export async function storedCounts(db: Db): Promise<{ batches: number; cells: number; total: number }> {
  const [b] = await db.query<{ n: string | number }>('SELECT count(*)::int8 AS n FROM batches');
  const [c] = await db.query<{ n: string | number; t: string | number | null }>('SELECT count(*)::int8 AS n, sum(count)::int8 AS t FROM counts');
  return { batches: Number(b!.n), cells: Number(c!.n), total: Number(c!.t ?? 0) };
}
