/**
 * Stats storage hygiene: reads touch only the shard keys of the range (never
 * storage.local.get(null)), shards that do not parse are moved aside and
 * counted (their well-formed cells stay), and applied never exceeds shown.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { KeyValueArea } from '../../../lib/background/deps.ts';
import { QUARANTINE_PREFIX } from '../../../lib/background/stats/quarantine.ts';
import { periodKeys } from '../../../lib/background/stats/repo.ts';
import { RETENTION_DAYS, MONTH_RETENTION } from '../../../lib/background/stats/store.ts';
import type { CountEvent } from '../../../lib/messages.ts';
import { fakeLocal, makeStats } from '../fake-background.ts';

const TODAY = '2026-03-10';
const now = () => new Date(`${TODAY}T10:00:00Z`);
const SHOWN: CountEvent = { category: 'diet', rule: 'fr.diet.menu-hallal', action: 'shown' };
const APPLIED: CountEvent = { ...SHOWN, action: 'applied' };
const cell = 'crm.example.com|diet|fr.diet.menu-hallal|shown';

/** storage.local that records each get() and refuses get(null) unless allowed. */
function watched(area: KeyValueArea, opts: { getKeys: boolean }) {
  const gets: (string[] | null)[] = [];
  const w: KeyValueArea = {
    get: (k) => {
      gets.push(k == null ? null : Array.isArray(k) ? k : [k]);
      return area.get(k);
    },
    set: (i) => area.set(i),
    remove: (k) => area.remove(k),
    ...(opts.getKeys ? { getKeys: async () => Object.keys(await area.get(null)) } : {}),
  };
  return { area: w, gets };
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('reads by key, never the whole storage', () => {
  it('periodKeys: the range\'s days inside the retention window and the kept months, nothing else', () => {
    const all = periodKeys(TODAY);
    expect(all.filter((k) => k.startsWith('stats.d.'))).toHaveLength(RETENTION_DAYS);
    expect(all.filter((k) => k.startsWith('stats.m.'))).toHaveLength(MONTH_RETENTION);
    expect(periodKeys(TODAY, { from: '2026-03-01', to: '2026-03-03' })).toEqual(['stats.d.2026-03-01', 'stats.d.2026-03-02', 'stats.d.2026-03-03', 'stats.m.2026-03']);
  });

  it('stats-get of a week reads that week\'s shards: a huge unrelated entry is never read', async () => {
    const local = fakeLocal();
    await local.set({ 'other.cache': 'x'.repeat(5_000_000), 'stats.d.2026-03-09': { [cell]: 2 }, 'stats.d.2026-02-01': { [cell]: 7 } });
    const { area, gets } = watched(local, { getKeys: true });
    const { stats } = makeStats({ storage: area, alarms: null, now });
    const snap = await stats.snapshot({ from: '2026-03-04', to: '2026-03-10' });
    expect(snap.summary.totals.shown).toBe(2);
    expect(gets.some((g) => g === null)).toBe(false);
    const read = gets.flatMap((g) => g ?? []);
    expect(read).not.toContain('other.cache');
    expect(read).not.toContain('stats.d.2026-02-01');
    // Again the same day: no key listing any more, only the range.
    gets.length = 0;
    await stats.snapshot({ from: '2026-03-04', to: '2026-03-10' });
    expect(gets.flatMap((g) => g ?? []).filter((k) => k.startsWith('stats.d.'))).toHaveLength(7);
    expect(snap.storedSince).toBe('2026-02-01');
    expect(snap.hasData).toBe(true);
  });

  it('without storage.getKeys, only the daily roll-up lists the storage, once', async () => {
    const { area, gets } = watched(fakeLocal(), { getKeys: false });
    const { stats } = makeStats({ storage: area, alarms: null, now });
    await stats.recordEvents('crm.example.com', [SHOWN]);
    for (let i = 0; i < 5; i++) await stats.snapshot();
    await stats.recordEvents('crm.example.com', [SHOWN]);
    expect(gets.filter((g) => g === null)).toHaveLength(1);
    expect((await stats.snapshot()).summary.totals.shown).toBe(2);
  });
});

describe('corrupted shards are quarantined', () => {
  it('moved aside as they were, counted, shown; the good cells stay counted; nothing read twice', async () => {
    const local = fakeLocal();
    await local.set({
      'stats.d.2026-03-08': 'not an object',
      'stats.d.2026-03-09': { [cell]: 3, 'garbage key': 5, 'crm.example.com|diet|fr.diet.menu-hallal|applied': -1 },
      'stats.d.2026-13-45': { [cell]: 1 },
      'stats.meta': { lastRollupDay: '2026-03-09' },
    });
    const { stats } = makeStats({ alarms: null, now });
    const snap = await stats.snapshot();
    expect(snap.summary.totals.shown).toBe(3);
    expect(snap.quarantined.total).toBe(3);
    expect(snap.quarantined.keys.sort()).toEqual(['stats.d.2026-03-08', 'stats.d.2026-03-09', 'stats.d.2026-13-45']);
    const items = await local.get(null);
    expect(items[`${QUARANTINE_PREFIX}stats.d.2026-03-08`]).toBe('not an object');
    expect(items[`${QUARANTINE_PREFIX}stats.d.2026-03-09`]).toMatchObject({ 'garbage key': 5 });
    expect(items['stats.d.2026-03-09']).toEqual({ [cell]: 3 });
    expect(items['stats.d.2026-03-08']).toBeUndefined();
    expect(items['stats.d.2026-13-45']).toBeUndefined();
    // Read again: nothing new to move.
    expect((await stats.snapshot()).quarantined.total).toBe(3);
    // Today's shard corrupted: the batch is still counted, the bad value kept aside.
    await local.set({ [`stats.d.${TODAY}`]: [1, 2, 3] });
    await stats.recordEvents('crm.example.com', [SHOWN]);
    const after = await stats.snapshot();
    expect(after.summary.totals.shown).toBe(4);
    expect(after.quarantined.total).toBe(4);
    expect((await local.get(`${QUARANTINE_PREFIX}stats.d.${TODAY}`))[`${QUARANTINE_PREFIX}stats.d.${TODAY}`]).toEqual([1, 2, 3]);
    // "Clear my data" removes the quarantined entries too.
    await stats.clear();
    expect(Object.keys(await local.get(null)).filter((k) => k.startsWith('stats.'))).toEqual([]);
  });
});

describe('applied ≤ shown, per document and day', () => {
  it('a wording applied, retyped and applied again in one editing session counts shown twice', async () => {
    const { stats } = makeStats({ alarms: null, now });
    // The content script counts "shown" once per editing session: the second instance sends no shown.
    await stats.recordEvents('crm.example.com', [SHOWN], '7:0');
    await stats.recordEvents('crm.example.com', [APPLIED], '7:0');
    await stats.recordEvents('crm.example.com', [APPLIED], '7:0');
    const t = (await stats.snapshot()).summary.totals;
    expect(t).toMatchObject({ shown: 2, applied: 2 });
  });

  it('a shown finding covers one apply, in its own document only', async () => {
    const { stats } = makeStats({ alarms: null, now });
    await stats.recordEvents('crm.example.com', [SHOWN, SHOWN], '7:0');
    await stats.recordEvents('crm.example.com', [APPLIED], '8:0');
    await stats.recordEvents('crm.example.com', [APPLIED, APPLIED], '7:0');
    expect((await stats.snapshot()).summary.totals).toMatchObject({ shown: 3, applied: 3 });
  });

  it('holds across a worker restart (the ledger is in storage.session)', async () => {
    await makeStats({ alarms: null, now }).stats.recordEvents('crm.example.com', [SHOWN], '7:0');
    const restarted = makeStats({ alarms: null, now }).stats;
    await restarted.recordEvents('crm.example.com', [APPLIED], '7:0');
    expect((await restarted.snapshot()).summary.totals).toMatchObject({ shown: 1, applied: 1 });
  });

  it('holds for every day, host and rule under random traffic', async () => {
    let seed = 11;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    let clock = new Date('2026-03-01T08:00:00Z');
    const { stats } = makeStats({ alarms: null, now: () => clock });
    const rules = ['fr.diet.menu-hallal', 'fr.health.diabete'];
    for (let i = 0; i < 300; i++) {
      if (rnd() < 0.05) clock = new Date(clock.getTime() + 86_400_000);
      const rule = rules[Math.floor(rnd() * 2)]!;
      const category = rule.split('.')[1] as CountEvent['category'];
      const action = rnd() < 0.5 ? 'shown' : 'applied';
      await stats.recordEvents(rnd() < 0.5 ? 'a.example.com' : 'b.example.com', [{ category, rule, action }], `${Math.floor(rnd() * 3)}:0`);
    }
    const rows = (await stats.snapshot({}, true)).rows!;
    const by = new Map<string, { shown: number; applied: number }>();
    for (const r of rows) {
      const k = `${r.period}|${r.host}|${r.rule}`;
      const e = by.get(k) ?? { shown: 0, applied: 0 };
      if (r.action === 'shown' || r.action === 'applied') e[r.action] += r.count;
      by.set(k, e);
    }
    expect(by.size).toBeGreaterThan(4);
    for (const [k, e] of by) expect(e.applied, k).toBeLessThanOrEqual(e.shown);
  });
});
