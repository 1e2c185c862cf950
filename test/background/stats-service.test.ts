import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { parse } from 'csv-parse/sync';
import { ROLLUP_ALARM } from '../../lib/background/stats-service.ts';
import { dispatch, listen } from '../../lib/background/router.ts';
import { fakeLocal, makeStats, type FakeOptions } from './fake-background.ts';
import type { CountEvent } from '../../lib/messages.ts';
import type { KeyValueArea } from '../../lib/background/stats/repo.ts';
import { CSV_COLUMNS } from '../../lib/background/stats/export.ts';
import type { StatsSnapshot } from '../../lib/background/stats/snapshot.ts';
import { addDays } from '../../lib/background/stats/model.ts';

const local = fakeLocal;
const service = (o: FakeOptions = {}) => makeStats(o).stats;
/** A worker start: the service listening on runtime messages. */
function startStatsService(o: FakeOptions) {
  const { stats, reporting } = makeStats(o);
  listen({ ...stats.routes, ...reporting.routes });
  return stats;
}

/** The same storage, but every call yields for a random few milliseconds: writes of several tabs interleave. */
function slowStorage(area: KeyValueArea, seed = 7): KeyValueArea {
  let s = seed;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const pause = () => new Promise((r) => setTimeout(r, Math.floor(rnd() * 4)));
  return {
    get: async (k) => { await pause(); const v = await area.get(k); await pause(); return structuredClone(v); },
    set: async (i) => { await pause(); await area.set(i); await pause(); },
    remove: async (k) => { await pause(); await area.remove(k); },
  };
}

const events = (n: number, e: CountEvent): CountEvent[] => Array.from({ length: n }, () => e);
const SHOWN: CountEvent = { category: 'diet', rule: 'fr.diet.menu-hallal', action: 'shown' };
const APPLIED: CountEvent = { category: 'diet', rule: 'fr.diet.menu-hallal', action: 'applied' };
const IGNORED: CountEvent = { category: 'diet', rule: 'fr.diet.menu-hallal', action: 'ignored' };

beforeEach(() => {
  fakeBrowser.reset();
});

describe('single writer', () => {
  it('several tabs sending interleaved batches lose nothing and double nothing', async () => {
    const svc = service({ storage: slowStorage(local()), alarms: null, now: () => new Date('2025-05-06T10:00:00Z') });
    const tabs = ['crm.example.com', 'crm.example.com', 'sales.example.org', 'crm.example.com'];
    const sends: Promise<number>[] = [];
    // 4 tabs × 25 batches of 1–4 events each, all in flight at once.
    let expectedShown = 0;
    let expectedApplied = 0;
    for (let round = 0; round < 25; round++) {
      tabs.forEach((host, t) => {
        const n = 1 + ((round + t) % 4);
        const batch = [...events(n, SHOWN), ...(round % 3 === t % 3 ? [APPLIED] : [])];
        expectedShown += n;
        expectedApplied += round % 3 === t % 3 ? 1 : 0;
        sends.push(svc.recordEvents(host, batch));
      });
    }
    await Promise.all(sends);
    const snap = await svc.snapshot();
    expect(snap.summary.totals.shown).toBe(expectedShown);
    expect(snap.summary.totals.applied).toBe(expectedApplied);
    const sites = Object.fromEntries(snap.summary.topSites.map((s) => [s.host, s.counts.shown]));
    expect(sites['crm.example.com']! + sites['sales.example.org']!).toBe(expectedShown);
  });

  it('through runtime messages, as content scripts send them', async () => {
    startStatsService({ alarms: null, now: () => new Date('2025-05-06T10:00:00Z') });
    await Promise.all([
      browser.runtime.sendMessage({ type: 'count-events', host: 'crm.example.com', events: events(3, SHOWN) }),
      browser.runtime.sendMessage({ type: 'count-events', host: 'crm.example.com', events: [APPLIED, { ...SHOWN, text: 'menus hallal' }] }),
      browser.runtime.sendMessage({ type: 'count-events', host: 'bad host with spaces', events: events(3, SHOWN) }),
    ]);
    const snap = (await browser.runtime.sendMessage({ type: 'stats-get', includeRows: true })) as StatsSnapshot;
    expect(snap.summary.totals).toMatchObject({ shown: 4, applied: 1 });
    expect(snap.rows).toEqual([
      { period: '2025-05-06', granularity: 'day', host: 'crm.example.com', category: 'diet', rule: 'fr.diet.menu-hallal', action: 'applied', count: 1 },
      { period: '2025-05-06', granularity: 'day', host: 'crm.example.com', category: 'diet', rule: 'fr.diet.menu-hallal', action: 'shown', count: 4 },
    ]);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('menus hallal');
  });

  it('refuses dashboard messages from web pages (content scripts)', async () => {
    const svc = service({ alarms: null, fromExtensionPage: (s) => !!s.url?.startsWith(`chrome-extension://${browser.runtime.id}/`) });
    await expect(dispatch(svc.routes, { type: 'stats-clear' }, { url: 'https://evil.example/' })).rejects.toThrow(/extension pages/);
    await expect(dispatch(svc.routes, { type: 'stats-get' }, { url: `chrome-extension://${browser.runtime.id}/options.html` })).resolves.toBeTruthy();
  });
});

describe('persistence', () => {
  it('survives a service-worker restart (new service over the same storage)', async () => {
    let clock = new Date('2025-05-06T10:00:00Z');
    const first = startStatsService({ alarms: null, now: () => clock });
    await first.recordEvents('crm.example.com', events(2, SHOWN));
    // "restart": listeners gone, module state gone, storage kept
    fakeBrowser.runtime.resetState();
    clock = new Date('2025-05-07T09:00:00Z');
    const second = startStatsService({ alarms: null, now: () => clock });
    await browser.runtime.sendMessage({ type: 'count-events', host: 'crm.example.com', events: [IGNORED] });
    const snap = await second.snapshot({}, true);
    expect(snap.summary.totals).toMatchObject({ shown: 2, ignored: 1 });
    expect(snap.rows!.map((r) => r.period)).toEqual(['2025-05-06', '2025-05-07']);
    expect(snap.storedSince).toBe('2025-05-06');
  });

  it('rolls up old days on the first write of a day, and after a crash mid roll-up counts nothing twice', async () => {
    const today = '2026-06-15';
    const svc = service({ alarms: null, now: () => new Date(`${today}T12:00:00Z`) });
    const old = addDays(today, -500);
    await fakeBrowser.storage.local.set({
      [`stats.d.${old}`]: { 'crm.example.com|diet|fr.diet.menu-hallal|shown': 3 },
      // a roll-up that stopped after writing the month but before deleting the day:
      [`stats.d.${addDays(old, 1)}`]: { 'crm.example.com|diet|fr.diet.menu-hallal|shown': 5 },
      [`stats.m.${addDays(old, 1).slice(0, 7)}`]: { 'crm.example.com|diet|fr.diet.menu-hallal|shown': 5 },
      'stats.meta': { lastRollupDay: addDays(today, -1), removing: [addDays(old, 1)] },
    });
    await svc.recordEvents('crm.example.com', [SHOWN]);
    const items = await fakeBrowser.storage.local.get(null);
    expect(Object.keys(items).filter((k) => k.startsWith('stats.d.'))).toEqual([`stats.d.${today}`]);
    const snap = await svc.snapshot();
    expect(snap.summary.totals.shown).toBe(9);
  });

  it('clear my data removes every count', async () => {
    const svc = service({ alarms: null });
    await svc.recordEvents('crm.example.com', events(2, SHOWN));
    expect((await svc.snapshot()).hasData).toBe(true);
    expect(await svc.clear()).toBe(1);
    const snap = await svc.snapshot();
    expect(snap.hasData).toBe(false);
    expect(snap.summary.totals.shown).toBe(0);
  });

  it('creates the daily roll-up alarm', async () => {
    const svc = service();
    await svc.syncAlarms();
    expect(await fakeBrowser.alarms.get(ROLLUP_ALARM)).toMatchObject({ periodInMinutes: 1440 });
  });
});

describe('exports equal the store', () => {
  it('CSV and JSON carry the same figures as the store', async () => {
    let clock = new Date('2025-05-05T10:00:00Z');
    const svc = service({ alarms: null, now: () => clock });
    await svc.recordEvents('crm.example.com', [...events(3, SHOWN), APPLIED]);
    clock = new Date('2025-05-09T10:00:00Z');
    await svc.recordEvents('sales.example.org', [{ category: 'insult', rule: 'fr.insult.casse-pieds', action: 'shown' }, { category: 'insult', rule: 'fr.insult.casse-pieds', action: 'saved-with' }]);
    await svc.recordEvents('crm.example.com', [{ category: 'health', rule: 'fr.health.diabetique', action: 'ignored' }]);

    const snap = await svc.snapshot({}, true);
    const csv = await svc.exportCounts('csv');
    expect(csv.filename).toMatch(/\.csv$/);
    const parsed = parse(csv.content, { columns: true }) as Record<string, string>[];
    expect(Object.keys(parsed[0]!)).toEqual([...CSV_COLUMNS]);
    expect(parsed.map((r) => ({ ...r, count: Number(r.count) }))).toEqual(snap.rows);
    const sum = parsed.reduce((n, r) => n + Number(r.count), 0);
    expect(sum).toBe(3 + 1 + 2 + 1);

    const json = JSON.parse((await svc.exportCounts('json')).content);
    expect(json.format).toBe('crm-note-lint.counts');
    expect(json.rows).toEqual(snap.rows);
    expect(json.totals).toEqual(snap.summary.totals);

    // a range export holds only that range
    const ranged = parse((await svc.exportCounts('csv', { from: '2025-05-06' })).content, { columns: true }) as Record<string, string>[];
    expect(new Set(ranged.map((r) => r.period))).toEqual(new Set(['2025-05-09']));
  });
});
