/**
 * The fold: recomputes the pre-aggregated cells (migration 2) of the days whose
 * counts changed, and of their weeks, from the stored counts: one transaction under
 * an advisory lock (instances folding at once take turns; the later finds nothing
 * left). Ingest only marks the days (fold_pending): writing every dimension's row at
 * ingest costs ~25–40 µs of CPU a row on PGlite and a 50-bucket batch touches ~300
 * of them, while a fold reads a day once whatever the number of batches.
 * Months already over are folded by month too (migration 3), so a year reads twelve
 * months of rows; the current month is not (every report would re-read all of it).
 * Weeks likewise (migration 5): a week is folded by week once it is over, and read
 * from its daily rows until then, so a read right after a report folds one day.
 * Readers fold first (summary.ts, query.ts), so an answer always includes every stored batch.
 * Before computing cells, the fold merges the rows ingest appended for each pending
 * reporter's day (MERGE_SQL), and afterwards forgets the months retention emptied.
 */
import type { Db, Queryable } from './db.ts';
import { addDays, dayOf, firstDayOfMonth, lastDayOfMonth, monthOf, weekOf } from '../background/stats/model.ts';

/** A period's cell keeps its install ids up to this many reporters (exact minimum-group checks over ranges). */
export const EXACT_IDS_UP_TO = 64;

/** Held by a fold, and by retention (which deletes rows a fold merges). */
export const FOLD_LOCK = 0x636e66; // "cnf"

const PERIODS = 'unnest($1::text[], $2::date[], $3::date[]) AS p(g, lo, hi)';

// GROUPING(team, category, rule, host): bit 8 = not per team; the low 3 bits name the dimension.
const FOLD_SQL = `
  INSERT INTO cells (g, period, scope, team, dim, key, action, count, reporters, installs)
  SELECT g, lo, CASE WHEN s >= 8 THEN 'o' ELSE 't' END, CASE WHEN s >= 8 THEN '' ELSE team END,
         CASE s & 7 WHEN 7 THEN 'a' WHEN 3 THEN 'c' WHEN 1 THEN 'r' WHEN 6 THEN 'h' ELSE 'f' END,
         CASE s & 7 WHEN 7 THEN '' WHEN 3 THEN category WHEN 1 THEN rule || ' ' || category WHEN 6 THEN host
                    ELSE rule || ' ' || category || ' ' || host END,
         action, n, r, ids
  FROM (
    SELECT p.g, p.lo, GROUPING(c.team, c.category, c.rule, c.host)::int AS s, c.team, c.category, c.rule, c.host, c.action,
           sum(c.count)::int8 AS n, count(DISTINCT c.install_id)::int AS r,
           CASE WHEN count(DISTINCT c.install_id) <= $4 THEN array_agg(DISTINCT c.install_id) END AS ids
    FROM ${PERIODS} JOIN counts c ON c.day BETWEEN p.lo AND p.hi
    GROUP BY p.g, p.lo, GROUPING SETS (
      (c.action), (c.category, c.action), (c.rule, c.category, c.action), (c.host, c.action), (c.rule, c.category, c.host, c.action),
      (c.team, c.action), (c.team, c.category, c.action), (c.team, c.rule, c.category, c.action), (c.team, c.host, c.action),
      (c.team, c.rule, c.category, c.host, c.action))
  ) x
  WHERE s & 7 <> 0 OR action = 'field-seen'`;

/**
 * Ingest appends counts (migration 4); a reporter's rows of one pending day that share
 * a cell (its hourly batches, or a month's roll-ups) are merged here into one row with
 * their sum. Readers sum anyway: this keeps storage at one row per cell.
 */
const MERGE_SQL = `
  WITH pend AS (SELECT DISTINCT * FROM unnest($1::date[], $2::uuid[]) AS p(day, install_id)),
  dup AS (
    SELECT c.day, c.granularity, c.install_id, c.team, c.host, c.category, c.rule, c.action
    FROM counts c JOIN pend USING (day, install_id)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING count(*) > 1
  ), gone AS (
    DELETE FROM counts c USING dup d
    WHERE (c.day, c.install_id, c.granularity, c.team, c.host, c.category, c.rule, c.action)
        = (d.day, d.install_id, d.granularity, d.team, d.host, d.category, d.rule, d.action)
    RETURNING c.*
  )
  INSERT INTO counts (day, granularity, install_id, team, host, category, rule, action, count)
  SELECT day, granularity, install_id, team, host, category, rule, action, sum(count) FROM gone
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`;

/**
 * Folds every pending day, and every week and month over (before `today`'s) whose
 * counts changed since it was last folded; returns how many days, weeks and months
 * were folded (a week counted only when none of its days was: 0 when nothing was pending).
 */
export async function foldPending(db: Db, today = dayOf(new Date())): Promise<number> {
  const thisMonth = firstDayOfMonth(monthOf(today));
  const thisWeek = weekOf(today);
  const closedToFold = `SELECT to_char(month, 'YYYY-MM-DD') AS m FROM months WHERE NOT folded AND month < $1::date`;
  const closedWeeksToFold = `SELECT to_char(week, 'YYYY-MM-DD') AS w FROM weeks WHERE NOT folded AND week < $1::date`;
  // Every reader calls this first: one round trip when there is nothing to fold.
  const [todo] = await db.query<{ x: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM fold_pending) OR EXISTS (SELECT 1 FROM months WHERE NOT folded AND month < $1::date)
       OR EXISTS (SELECT 1 FROM weeks WHERE NOT folded AND week < $2::date) AS x`,
    [thisMonth, thisWeek],
  );
  if (!todo?.x) return 0;
  return db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock($1)', [FOLD_LOCK]);
    // Waits for an ingest still holding its pending row: what it stored is then visible below.
    // Locked in key order, the order ingest marks them in: a DELETE alone takes them in the
    // table's physical order, and an ingest holding A < B while the fold held B and waited
    // on A deadlocked on PostgreSQL (test/collector/concurrency.test.ts).
    const pending = await q.query<{ day: string; install_id: string }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, install_id::text AS install_id FROM fold_pending ORDER BY day, install_id FOR UPDATE`,
    );
    if (pending.length) {
      await q.query('DELETE FROM fold_pending p USING unnest($1::date[], $2::uuid[]) AS l(day, install_id) WHERE (p.day, p.install_id) = (l.day, l.install_id)',
        [pending.map((r) => r.day), pending.map((r) => r.install_id)]);
    }
    const days = [...new Set(pending.map((r) => r.day))].sort();
    if (pending.length) await q.query(MERGE_SQL, [pending.map((r) => r.day), pending.map((r) => r.install_id)]);
    const changed = [...new Set(days.map((d) => firstDayOfMonth(monthOf(d))))];
    if (changed.length) {
      await q.query(`INSERT INTO months (month, folded) SELECT unnest($1::date[]), false ON CONFLICT (month) DO UPDATE SET folded = false`, [changed]);
    }
    const changedWeeks = [...new Set(days.map(weekOf))];
    if (changedWeeks.length) {
      await q.query(`INSERT INTO weeks (week, folded) SELECT unnest($1::date[]), false ON CONFLICT (week) DO UPDATE SET folded = false`, [changedWeeks]);
    }
    const months = (await q.query<{ m: string }>(`${closedToFold} ORDER BY 1`, [thisMonth])).map((r) => r.m);
    const weeks = (await q.query<{ w: string }>(`${closedWeeksToFold} ORDER BY 1`, [thisWeek])).map((r) => r.w);
    if (!days.length && !weeks.length && !months.length) return 0;
    const periods = [
      [...days.map(() => 'd'), ...weeks.map(() => 'w'), ...months.map(() => 'm')],
      [...days, ...weeks, ...months],
      [...days, ...weeks.map((w) => addDays(w, 6)), ...months.map((m) => lastDayOfMonth(monthOf(m)))],
    ];
    await q.query(`DELETE FROM cells c USING ${PERIODS} WHERE c.g = p.g AND c.period = p.lo`, periods);
    await q.query(`DELETE FROM period_reporters c USING ${PERIODS} WHERE c.g = p.g AND c.period = p.lo`, periods);
    await q.query(
      `INSERT INTO period_reporters (g, period, team, install_id)
       SELECT DISTINCT p.g, p.lo, c.team, c.install_id FROM ${PERIODS} JOIN counts c ON c.day BETWEEN p.lo AND p.hi`,
      periods,
    );
    await q.query(FOLD_SQL, [...periods, EXACT_IDS_UP_TO]);
    if (months.length) await q.query('UPDATE months SET folded = true WHERE month = ANY($1::date[])', [months]);
    if (weeks.length) await q.query('UPDATE weeks SET folded = true WHERE week = ANY($1::date[])', [weeks]);
    // a month whose every count is gone (retention's keepMonths) is forgotten; its cells were just emptied
    if (changed.length) {
      await q.query(
        `DELETE FROM months m WHERE m.month = ANY($1::date[]) AND folded
           AND NOT EXISTS (SELECT 1 FROM counts c WHERE c.day >= m.month AND c.day < (m.month + interval '1 month')::date)`,
        [changed],
      );
    }
    // likewise a week (its daily cells were just emptied; its weekly ones with its fold)
    if (changedWeeks.length) {
      await q.query(
        `DELETE FROM weeks w WHERE w.week = ANY($1::date[]) AND w.week < $2::date
           AND NOT EXISTS (SELECT 1 FROM counts c WHERE c.day >= w.week AND c.day < w.week + 7)`,
        [changedWeeks, thisWeek],
      );
    }
    return days.length + months.length + weeks.filter((w) => !changedWeeks.includes(w)).length;
  });
}

/** The Mondays of the weeks whose weekly cells are not up to date (readers take their daily rows). */
export async function openWeeks(db: Queryable): Promise<string[]> {
  return (await db.query<{ w: string }>(`SELECT to_char(week, 'YYYY-MM-DD') AS w FROM weeks WHERE NOT folded ORDER BY 1`)).map((r) => r.w);
}

/** The first days of the months whose monthly cells are up to date (readers use only these). */
export async function foldedMonths(db: Queryable): Promise<string[]> {
  return (await db.query<{ m: string }>(`SELECT to_char(month, 'YYYY-MM-DD') AS m FROM months WHERE folded ORDER BY 1`)).map((r) => r.m);
}
