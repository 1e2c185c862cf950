/**
 * The pre-aggregated cells answer exactly what the raw counts say, on each backend:
 * random batches stored through the real ingest path, then /v1/counts groupings and
 * the summary compared with a reference computed here from the same buckets (sums,
 * and the minimum-group rule over distinct install ids), for ranges that cut weeks
 * anywhere, open ends, team filters, and minimum groups that need the exact check
 * (the install-id sets) or the fallback over the counts (a minimum group above
 * EXACT_IDS_UP_TO), whole months read from their monthly rows or, while not folded,
 * from weeks and days. A later batch, retention and a second fold keep them right.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../lib/collector/db.ts';
import { EXACT_IDS_UP_TO, foldedMonths, foldPending, openWeeks } from '../../lib/collector/fold.ts';
import { readCells, WEEK_OF_DAY, WEEK_OF_PERIOD, type CellSpec } from '../../lib/collector/cells.ts';
import { storeBatch } from '../../lib/collector/ingest.ts';
import { countsBy, GROUP_BY, type GroupBy } from '../../lib/collector/query.ts';
import { applyRetention } from '../../lib/collector/retention.ts';
import { orgSummary } from '../../lib/collector/summary.ts';
import { digestOf } from '../../lib/collector/validate.ts';
import { addDays, weekOf, type CountAction } from '../../lib/background/stats/model.ts';
import type { ReportBucket } from '../../lib/schema/report.ts';
import { BACKENDS, emptyTables } from './backends.ts';
import { report } from './fixtures.ts';

const TODAY = '2026-06-17'; // a Wednesday
type Stored = { day: string; install: string; team: string; b: ReportBucket };

/** A small deterministic generator (the same data on every run and backend). */
function lcg(seed: number) {
  let s = seed;
  return (n: number) => { s = (s * 1103515245 + 12345) % 2 ** 31; return s % n; };
}

async function store(db: Db, stored: Stored[], install: string, team: string | undefined, buckets: ReportBucket[]): Promise<void> {
  const p = report({ reporter: { installId: install, installIdMonth: TODAY.slice(0, 7), ...(team ? { team } : {}) } }, buckets);
  expect(await storeBatch(db, p, digestOf(p), TODAY)).toBe('stored');
  for (const b of buckets) stored.push({ day: b.lastDay, install, team: team ?? '', b });
}

const keyOf: Record<GroupBy, (s: Stored) => string> = {
  category: (s) => s.b.category, rule: (s) => s.b.rule, site: (s) => s.b.host, team: (s) => s.team, week: (s) => weekOf(s.day), action: (s) => s.b.action,
};

type F = { from?: string; to?: string; team?: string; action?: CountAction };
const inF = (f: F) => (s: Stored) => (!f.from || s.day >= f.from) && (!f.to || s.day <= f.to) && (f.team === undefined || s.team === f.team) && (!f.action || s.b.action === f.action);

/** The reference: sums and distinct install ids straight from the stored buckets. */
function reference(stored: Stored[], key: (s: Stored) => string, f: F, minGroup: number): Map<string, number | null> {
  const cells = new Map<string, { n: number; ids: Set<string> }>();
  for (const s of stored.filter(inF(f))) {
    const k = key(s);
    const c = cells.get(k) ?? { n: 0, ids: new Set() };
    c.n += s.b.count;
    c.ids.add(s.install);
    cells.set(k, c);
  }
  return new Map([...cells].map(([k, c]) => [k, c.ids.size >= minGroup ? c.n : null]));
}

/** A reference cell, 0 when nothing was counted (null stays null: masked). */
const at = (m: Map<string, number | null>, k: string) => (m.has(k) ? m.get(k) : 0);
const asMap = (rows: { key: string; count: number | null }[]) => new Map(rows.map((r) => [r.key, r.count]));

describe.each(BACKENDS)('pre-aggregated cells on $name', (backend) => {
  let db: Db;
  let dispose: () => Promise<void>;
  const stored: Stored[] = [];
  const rnd = lcg(7);
  const installs = Array.from({ length: 24 }, () => randomUUID());
  const teamOf = (i: number) => (i % 3 === 0 ? undefined : `Équipe ${i % 3}`);
  beforeAll(async () => {
    ({ db, dispose } = await backend.create());
    await emptyTables(db);
    for (let n = 0; n < 60; n++) {
      const i = rnd(installs.length);
      const cells = new Map<string, ReportBucket>();
      for (let k = 0; k < 1 + rnd(6); k++) {
        const day = addDays(TODAY, -rnd(40));
        const b: ReportBucket = {
          host: `crm${rnd(3)}.example.com`, category: (['health', 'diet', 'origin'] as const)[rnd(3)]!, rule: `fr.test.r${rnd(5)}`,
          action: (['shown', 'applied', 'saved-anyway', 'field-seen'] as const)[rnd(4)]!, count: 1 + rnd(9), firstDay: day, lastDay: day,
        };
        cells.set(`${b.host}|${b.category}|${b.rule}|${b.action}|${b.lastDay}`, b);
      }
      await store(db, stored, installs[i]!, teamOf(i), [...cells.values()]);
    }
  }, 120_000);
  afterAll(async () => { await dispose?.(); });

  const ranges: F[] = [
    {}, { from: addDays(TODAY, -39), to: TODAY }, { from: '2026-05-13', to: '2026-06-02' }, { from: '2026-05-18', to: '2026-05-31' },
    { from: '2026-06-02', to: '2026-06-04' }, { from: '2026-06-10', to: '2026-06-10' }, { from: '2026-05-20' }, { to: '2026-05-27' },
    // whole months (read from the monthly rows), alone, together, with weeks and days around them
    { from: '2026-05-01', to: '2026-05-31' }, { from: '2026-04-20', to: '2026-06-30' }, { from: '2026-05-01' }, { to: '2026-06-02' }, { from: '2026-04-29', to: '2026-06-05' },
  ];

  it('every /v1/counts grouping matches the raw counts for ranges cutting weeks anywhere, teams and actions', async () => {
    for (const range of ranges) {
      for (const f of [range, { ...range, team: 'Équipe 1' }, { ...range, team: '' }, { ...range, action: 'shown' as const }]) {
        for (const minGroup of [1, 2, 3, 5]) {
          for (const by of GROUP_BY) {
            const got = asMap(await countsBy(db, by, f, minGroup));
            expect(got, `${by} ${JSON.stringify(f)} minGroup ${minGroup}`).toEqual(reference(stored, keyOf[by], f, minGroup));
          }
        }
      }
    }
  }, 300_000);

  it('the summary matches the raw counts: totals, categories, weeks, rules, sites, teams, fields, reporters', async () => {
    for (const range of ranges) {
      for (const f of [range, { ...range, team: 'Équipe 2' }]) {
        const minGroup = 3;
        const s = await orgSummary(db, f, minGroup);
        const where = (a: CountAction) => ({ ...f, action: a });
        for (const a of ['shown', 'applied', 'saved-anyway'] as const) {
          expect(s.totals[a], `total ${a} ${JSON.stringify(f)}`).toBe(at(reference(stored, () => '', where(a), minGroup), ''));
          const cats = reference(stored, keyOf.category, where(a), minGroup);
          for (const c of s.byCategory) expect(c.counts[a]).toBe(at(cats, c.category));
          const weeks = reference(stored, keyOf.week, where(a), minGroup);
          expect(new Map(s.weekly.filter((w) => weeks.has(w.week)).map((w) => [w.week, w.counts[a]]))).toEqual(weeks);
          const rules = reference(stored, (x) => `${x.b.rule} ${x.b.category}`, where(a), minGroup);
          for (const r of s.topRules) expect(r.counts[a]).toBe(at(rules, `${r.rule} ${r.category}`));
          const teams = reference(stored, keyOf.team, where(a), minGroup);
          for (const t of s.byTeam) expect(t.counts[a], `team ${t.team} ${a} ${JSON.stringify(f)}`).toBe(at(teams, t.team));
        }
        const fields = reference(stored, (x) => `${x.b.rule} ${x.b.category} ${x.b.host}`, where('field-seen'), minGroup);
        expect(s.fieldsSeen.length).toBe(Math.min(20, fields.size));
        for (const x of s.fieldsSeen) expect(x.count).toBe(fields.get(`${x.rule} ${x.category} ${x.host}`));
        const ids = new Set(stored.filter(inF(f)).map((x) => x.install));
        expect(s.reporters).toBe(ids.size >= minGroup ? ids.size : null);
      }
    }
  }, 300_000);

  it('reads a month from its monthly rows only once it is over and folded; a changed month goes back to weeks and days', async () => {
    await foldPending(db);
    expect(await foldedMonths(db)).toEqual(['2026-05-01', '2026-06-01']);
    const late = (day: string): ReportBucket => ({ host: 'crm1.example.com', category: 'health', rule: 'fr.test.r1', action: 'shown', count: 3, firstDay: day, lastDay: day });
    await store(db, stored, installs[1]!, teamOf(1), [late('2026-05-20'), late('2026-06-10')]);
    // folded on a day of June: May is over (folded again by month), June is not (read by weeks and days)
    expect(await foldPending(db, TODAY)).toBe(3);
    expect(await foldedMonths(db)).toEqual(['2026-05-01']);
    const spec = { category: { dim: 'c' as const, key: 'key', raw: 'category', byAction: false } };
    for (const f of [{}, { from: '2026-05-01', to: '2026-06-30' }, { from: '2026-05-01', to: '2026-05-31' }, { team: 'Équipe 1', from: '2026-05-04' }]) {
      const got = new Map((await readCells(db, f, 2, spec)).map((r) => [r.key, r.cell.count]));
      expect(got, JSON.stringify(f)).toEqual(reference(stored, keyOf.category, f, 2));
    }
    // once June is over, the next fold folds it by month (nothing else pending)
    expect(await foldPending(db, '2026-07-01')).toBe(1);
    expect(await foldedMonths(db)).toEqual(['2026-05-01', '2026-06-01']);
    expect(asMap(await countsBy(db, 'category', { from: '2026-05-01', to: '2026-06-30' }, 2))).toEqual(reference(stored, keyOf.category, { from: '2026-05-01', to: '2026-06-30' }, 2));
  }, 300_000);

  it('reads the current week from its daily rows until it is over, then folds it by week', async () => {
    await foldPending(db, '2026-07-01'); // every week of the shared data folded
    expect(await openWeeks(db)).toEqual([]);
    const now = (day: string, i: number): ReportBucket => ({ host: 'crm2.example.com', category: 'origin', rule: `fr.test.r${i % 5}`, action: 'applied', count: 1 + i, firstDay: day, lastDay: day });
    // reports of this week (Monday 2026-06-15, TODAY a Wednesday) and a late one of a closed week
    for (let i = 0; i < 8; i++) await store(db, stored, installs[i]!, teamOf(i), [now('2026-06-15', i), now(TODAY, i), ...(i < 3 ? [now('2026-06-09', i)] : [])]);
    await foldPending(db, TODAY);
    expect(await openWeeks(db)).toEqual(['2026-06-15']); // the closed week of 06-08 folded again, this one not
    const weekRows = await db.query(`SELECT 1 FROM cells WHERE g = 'w' AND period = '2026-06-15' AND count > 0 AND key = 'origin'`);
    const stale = weekRows.length; // any weekly row of this week predates these reports: never read
    // read without folding first (countsBy would fold with the real date, when this week is long over)
    const specs: Record<'category' | 'week' | 'team', CellSpec> = {
      category: { dim: 'c', key: 'key', raw: 'category', byAction: false },
      week: { dim: 'a', key: WEEK_OF_PERIOD, raw: WEEK_OF_DAY, byAction: false, weekly: true },
      team: { dim: 'a', perTeam: true, key: 'team', raw: 'team', byAction: false },
    };
    for (const f of [{}, { from: '2026-06-08', to: '2026-06-21' }, { from: '2026-06-15', to: '2026-06-21' }, { from: '2026-06-16' }, { team: 'Équipe 2' }, { from: '2026-05-01', to: '2026-06-30' }]) {
      for (const by of ['category', 'week', 'team'] as const) {
        const got = new Map((await readCells(db, f, 2, { [by]: specs[by] })).map((r) => [r.key, r.cell.count]));
        expect(got, `${by} ${JSON.stringify(f)}`).toEqual(reference(stored, keyOf[by], f, 2));
      }
    }
    // once the week is over, the next fold folds it by week and readers take the weekly rows
    expect(await foldPending(db, '2026-06-22')).toBe(1);
    expect(await openWeeks(db)).toEqual([]);
    expect((await db.query(`SELECT 1 FROM cells WHERE g = 'w' AND period = '2026-06-15' AND key = 'origin'`)).length).toBeGreaterThan(stale);
    expect(asMap(await countsBy(db, 'week', {}, 2))).toEqual(reference(stored, keyOf.week, {}, 2));
  }, 300_000);

  it('the summary shows the largest visible fields seen, checking cells between the bounds largest first', async () => {
    await emptyTables(db);
    const mine: Stored[] = [];
    const field = (i: number, day: string, count: number): ReportBucket => ({ host: `crm${i % 4}.example.com`, category: 'health', rule: `fr.test.f${i}`, action: 'field-seen', count, firstDay: day, lastDay: day });
    // 30 fields seen by 2 reporters a week, other ones each week: 2 per period, 4 over both (visible at 3)
    for (let i = 0; i < 30; i++) {
      for (const day of ['2026-06-02', '2026-06-09']) for (let k = 0; k < 2; k++) await store(db, mine, randomUUID(), 'Ventes', [field(i, day, 1 + i)]);
    }
    // 6 larger fields seen by the same 2 reporters both weeks: masked at 3, never ahead of a visible one
    for (let i = 30; i < 36; i++) for (const id of installs.slice(0, 2)) await store(db, mine, id, 'Ventes', [field(i, '2026-06-02', 50), field(i, '2026-06-09', 50)]);
    const f = { from: '2026-06-01', to: '2026-06-14' };
    const s = await orgSummary(db, f, 3);
    const ref = reference(mine, (x) => `${x.b.rule} ${x.b.category} ${x.b.host}`, { ...f, action: 'field-seen' }, 3);
    const largest = [...ref].filter(([, n]) => n !== null).sort((a, b) => b[1]! - a[1]!).slice(0, 20);
    expect(s.fieldsSeen.map((x) => [`${x.rule} ${x.category} ${x.host}`, x.count])).toEqual(largest);
  }, 300_000);

  it('decides a minimum group above the kept install ids from the counts themselves', async () => {
    await emptyTables(db);
    const many = Array.from({ length: EXACT_IDS_UP_TO + 16 }, () => randomUUID());
    const mine: Stored[] = [];
    const b = (day: string): ReportBucket => ({ host: 'crm.example.com', category: 'health', rule: 'fr.test.big', action: 'shown', count: 1, firstDay: day, lastDay: day });
    // the same 80 reporters on two days of one week, 30 more the next week
    for (const id of many) for (const day of ['2026-06-01', '2026-06-02']) await store(db, mine, id, 'Ventes', [b(day)]);
    for (let i = 0; i < 30; i++) await store(db, mine, randomUUID(), 'Ventes', [b('2026-06-09')]);
    const f = { from: '2026-06-02', to: '2026-06-09' }; // two ends of two weeks: daily rows, each above EXACT_IDS_UP_TO
    expect(await countsBy(db, 'category', f, 100)).toEqual([{ key: 'health', count: 110 }]);
    expect(await countsBy(db, 'category', { from: '2026-06-01', to: '2026-06-02' }, 100)).toEqual([{ key: 'health', count: null, below: 100 }]);
    expect(await countsBy(db, 'category', {}, 110)).toEqual([{ key: 'health', count: 190 }]);
    expect(await countsBy(db, 'category', {}, 111)).toEqual([{ key: 'health', count: null, below: 111 }]);
  }, 300_000);

  it('a later batch, a retention roll-up and a repeated fold keep the cells equal to the counts', async () => {
    await emptyTables(db);
    const mine: Stored[] = [];
    const day = (d: string): ReportBucket => ({ host: 'crm.example.com', category: 'diet', rule: 'fr.test.late', action: 'applied', count: 2, firstDay: d, lastDay: d });
    for (let i = 0; i < 4; i++) await store(db, mine, installs[i]!, 'Ventes', [day('2026-03-03'), day('2026-06-16')]);
    expect(await countsBy(db, 'week', {}, 4)).toEqual([{ key: '2026-03-02', count: 8 }, { key: '2026-06-15', count: 8 }]);
    await store(db, mine, installs[5]!, 'Ventes', [day('2026-03-04')]); // a late bucket in a week already folded
    expect(await countsBy(db, 'week', {}, 5)).toEqual([{ key: '2026-03-02', count: 10 }, { key: '2026-06-15', count: null, below: 5 }]);
    expect(await foldPending(db)).toBe(0); // nothing left
    // retention: March is rolled up into its first day, which lands in the week of 2026-02-23
    await applyRetention(db, TODAY, 60, 36);
    expect(await countsBy(db, 'week', {}, 5)).toEqual([{ key: '2026-02-23', count: 10 }, { key: '2026-06-15', count: null, below: 5 }]);
    expect(await countsBy(db, 'category', { from: '2026-03-01', to: '2026-03-01' }, 5)).toEqual([{ key: 'diet', count: 10 }]);
    expect((await orgSummary(db, {}, 1)).reporters).toBe(5);
  }, 300_000);
});
