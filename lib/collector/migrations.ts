/**
 * Versioned schema migrations. Each version runs once, in its own transaction,
 * recorded in schema_migrations; an advisory lock makes several collectors
 * starting together on one PostgreSQL apply each version exactly once.
 * Append new versions; never edit a released one.
 */
import type { Db } from './db.ts';

export interface Migration { version: number; name: string; sql: string }

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'counts, batches, settings, sessions',
    sql: `
      -- One row per accepted batch: the idempotency key and a digest of its counts.
      -- No address, no user agent, no time finer than the day.
      CREATE TABLE batches (
        batch_id uuid PRIMARY KEY,
        install_id uuid NOT NULL,
        digest text NOT NULL,
        received_day date NOT NULL,
        buckets integer NOT NULL
      );
      CREATE INDEX batches_received_day ON batches (received_day);
      -- Counts per reporter and day (granularity d) or month (m, after retention roll-up).
      -- A reporter's hourly batches of one day add up in one row.
      CREATE TABLE counts (
        day date NOT NULL,
        granularity char(1) NOT NULL CHECK (granularity IN ('d', 'm')),
        install_id uuid NOT NULL,
        team text NOT NULL,
        host text NOT NULL,
        category text NOT NULL,
        rule text NOT NULL,
        action text NOT NULL,
        count bigint NOT NULL CHECK (count > 0),
        PRIMARY KEY (day, granularity, install_id, team, host, category, rule, action)
      );
      CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL);
      CREATE TABLE sessions (token_hash text PRIMARY KEY, expires_at timestamptz NOT NULL);
    `,
  },
  {
    version: 2,
    name: 'pre-aggregated day and week cells, their reporters, days pending a fold',
    sql: `
      -- Sums per day (g = d) and per ISO week (g = w, period = its Monday) of every cell the
      -- dashboard and the read API show, for the whole organisation (scope o, team '') and
      -- per team (scope t). reporters = distinct install ids of that one period; installs =
      -- those ids while they are few (the minimum group rule's exact check over a range).
      CREATE TABLE cells (
        g char(1) NOT NULL CHECK (g IN ('d', 'w')),
        period date NOT NULL,
        scope char(1) NOT NULL CHECK (scope IN ('o', 't')),
        team text NOT NULL,
        dim char(1) NOT NULL,
        key text NOT NULL,
        action text NOT NULL,
        count bigint NOT NULL,
        reporters integer NOT NULL,
        installs uuid[],
        -- readers take one dimension of one scope over a range of periods
        PRIMARY KEY (scope, dim, g, period, team, key, action)
      );
      -- the fold replaces whole periods
      CREATE INDEX cells_period ON cells (g, period);
      -- Which install ids reported in a period (the exact number of reporting browsers over a range).
      CREATE TABLE period_reporters (
        g char(1) NOT NULL CHECK (g IN ('d', 'w')),
        period date NOT NULL,
        team text NOT NULL,
        install_id uuid NOT NULL,
        PRIMARY KEY (g, period, team, install_id)
      );
      -- Days whose counts changed since their cells were computed (written by ingest and
      -- retention in their own transaction; emptied by the fold). One row per reporter and
      -- day, so concurrent reporters never wait on each other.
      CREATE TABLE fold_pending (day date NOT NULL, install_id uuid NOT NULL, PRIMARY KEY (day, install_id));
      -- Counts stored before this version: every day they cover is folded at the next read.
      INSERT INTO fold_pending (day, install_id) SELECT DISTINCT day, '00000000-0000-0000-0000-000000000000'::uuid FROM counts;
    `,
  },
  {
    version: 3,
    name: 'monthly cells of closed months',
    sql: `
      -- Cells and reporters of a whole calendar month (g = m, period = its first day): a
      -- year's summary reads twelve months of rows instead of 52 weeks. Only months
      -- already over are folded by month (the current one changes with every report).
      ALTER TABLE cells DROP CONSTRAINT cells_g_check;
      ALTER TABLE cells ADD CONSTRAINT cells_g_check CHECK (g IN ('d', 'w', 'm'));
      ALTER TABLE period_reporters DROP CONSTRAINT period_reporters_g_check;
      ALTER TABLE period_reporters ADD CONSTRAINT period_reporters_g_check CHECK (g IN ('d', 'w', 'm'));
      -- Months holding counts (first day): folded = their monthly cells are up to date.
      -- Readers take a month's monthly rows only when folded; the fold sets it back to
      -- false when one of its days changes, and folds it again once the month is over.
      CREATE TABLE months (month date PRIMARY KEY, folded boolean NOT NULL);
      -- Counts stored before this version: their months are folded at the next fold.
      INSERT INTO months (month, folded) SELECT DISTINCT date_trunc('month', day)::date, false FROM counts;
    `,
  },
  {
    version: 4,
    name: 'counts appended at ingest, merged by the fold',
    sql: `
      -- Keeping one row per reporter, day and cell at ingest (an upsert on the 8-column key)
      -- cost two thirds of a batch's database time on PGlite. Ingest now appends; the fold
      -- merges a reporter's rows of one day into one per cell (fold.ts), so readers, which
      -- always sum, see the same numbers and storage stays one row per cell once folded.
      ALTER TABLE counts DROP CONSTRAINT counts_pkey;
      -- the fold reads whole days, and merges one reporter's day
      CREATE INDEX counts_day_install ON counts (day, install_id);
    `,
  },
  {
    version: 5,
    name: 'weekly cells of closed weeks',
    sql: `
      -- Weeks holding counts (their Monday): folded = their weekly cells are up to date.
      -- Like months, only weeks already over are folded by week: folding the current week
      -- at every read re-read seven days of every reporter. Readers take an unfolded
      -- week from its daily rows (cells.ts); the fold sets a week back to false when one
      -- of its days changes, and folds it again once the week is over.
      CREATE TABLE weeks (week date PRIMARY KEY, folded boolean NOT NULL);
      -- Weekly cells written before this version were folded with every change.
      INSERT INTO weeks (week, folded) SELECT DISTINCT period, true FROM cells WHERE g = 'w';
    `,
  },
];

const LOCK_KEY = 0x636e6c; // "cnl"

export async function migrate(db: Db): Promise<number[]> {
  await db.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    await db.tx(async (q) => {
      await q.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      const done = await q.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (done.length) return;
      for (const stmt of m.sql.split(/;\s*$/m).map((s) => s.trim()).filter(Boolean)) await q.query(stmt);
      await q.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    });
  }
  return applied;
}

export async function schemaVersion(db: Db): Promise<number> {
  const r = await db.query<{ v: number | null }>('SELECT max(version)::int AS v FROM schema_migrations');
  return Number(r[0]?.v ?? 0);
}
