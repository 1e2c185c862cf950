import { describe, expect, it } from 'vitest';
import { fixedShare, summarize, topRules, topSites, totalsByCategory, weeklyTrend } from '../../../lib/background/stats/aggregate.ts';
import { addDays, normalizeHost, validEvents, weekOf, type CountEvent } from '../../../lib/background/stats/model.ts';
import { addEvents, emptyStats, planRollup, rollup, RETENTION_DAYS, toRows, totalCount } from '../../../lib/background/stats/store.ts';

const ev = (category: CountEvent['category'], rule: string, action: CountEvent['action'], n = 1): CountEvent[] =>
  Array.from({ length: n }, () => ({ category, rule, action }));

describe('validation', () => {
  it('keeps only well-formed events', () => {
    const kept = validEvents([
      { category: 'diet', rule: 'fr.diet.menu-hallal', action: 'shown' },
      { category: 'diet', rule: 'fr.diet.menu-hallal', action: 'shown', text: 'menus hallal', start: 3 },
      { category: 'nope', rule: 'x', action: 'shown' },
      { category: 'health', rule: 'client diabétique', action: 'shown' },
      { category: 'health', rule: 'fr.health.diabete', action: 'typed' },
      null, 'x',
    ]);
    expect(kept).toEqual([
      { category: 'diet', rule: 'fr.diet.menu-hallal', action: 'shown' },
      { category: 'diet', rule: 'fr.diet.menu-hallal', action: 'shown' },
    ]);
    expect(JSON.stringify(kept)).not.toContain('menus hallal');
    expect(validEvents('x')).toEqual([]);
  });

  it('normalizes hosts and refuses anything else', () => {
    expect(normalizeHost('CRM.Example.com.')).toBe('crm.example.com');
    expect(normalizeHost('localhost:5173')).toBe('localhost:5173');
    expect(normalizeHost('')).toBe('-');
    expect(normalizeHost('[::1]:8080')).toBe('[::1]:8080');
    expect(normalizeHost('client diabétique')).toBeNull();
    expect(normalizeHost('a|b')).toBeNull();
    expect(normalizeHost(42)).toBeNull();
  });
});

describe('store and queries', () => {
  const data = emptyStats();
  addEvents(data, '2025-03-03', 'crm.example.com', [
    ...ev('diet', 'fr.diet.menu-hallal', 'shown', 3),
    ...ev('diet', 'fr.diet.menu-hallal', 'applied', 2),
    ...ev('diet', 'fr.diet.menu-hallal', 'saved-with', 1),
  ]);
  addEvents(data, '2025-03-04', 'crm.example.com', [...ev('health', 'fr.health.diabetique', 'shown', 2), ...ev('health', 'fr.health.diabetique', 'ignored')]);
  addEvents(data, '2025-03-12', 'other.example.org', [...ev('insult', 'fr.insult.casse-pieds', 'shown', 5), ...ev('insult', 'fr.insult.casse-pieds', 'saved-anyway', 2), ...ev('insult', 'fr.insult.casse-pieds', 'blocked')]);

  it('keys by day × host × category × rule × action', () => {
    expect(data.days['2025-03-03']).toEqual({
      'crm.example.com|diet|fr.diet.menu-hallal|shown': 3,
      'crm.example.com|diet|fr.diet.menu-hallal|applied': 2,
      'crm.example.com|diet|fr.diet.menu-hallal|saved-with': 1,
    });
    expect(totalCount(data)).toBe(17);
  });

  it('totals by category, top rules, top sites', () => {
    const rows = toRows(data);
    const cats = totalsByCategory(rows);
    expect(cats.map((c) => [c.category, c.counts.shown])).toEqual([['insult', 5], ['diet', 3], ['health', 2]]);
    expect(topRules(rows, 2).map((r) => r.rule)).toEqual(['fr.insult.casse-pieds', 'fr.diet.menu-hallal']);
    expect(topSites(rows).map((s) => [s.host, s.counts.shown])).toEqual([['crm.example.com', 5], ['other.example.org', 5]]);
  });

  it('share fixed before save = applied / (applied + saved-with + saved-anyway)', () => {
    const s = summarize(toRows(data));
    expect(s.fixed).toEqual({ applied: 2, leftAtSave: 3, share: 2 / 5 });
    expect(fixedShare({ shown: 4, applied: 0, ignored: 0, 'saved-with': 0, 'saved-anyway': 0, blocked: 0, 'field-seen': 0 }).share).toBeNull();
  });

  it('weekly trend is continuous and Monday-based', () => {
    expect(weekOf('2025-03-03')).toBe('2025-03-03'); // a Monday
    expect(weekOf('2025-03-09')).toBe('2025-03-03'); // Sunday
    const w = weeklyTrend(toRows(data), { from: '2025-02-24', to: '2025-03-20' });
    expect(w.map((x) => [x.week, x.counts.shown])).toEqual([['2025-02-24', 0], ['2025-03-03', 5], ['2025-03-10', 5], ['2025-03-17', 0]]);
  });

  it('date range filter', () => {
    const rows = toRows(data, { from: '2025-03-04', to: '2025-03-11' });
    expect(rows.every((r) => r.period === '2025-03-04')).toBe(true);
    expect(summarize(rows).totals.shown).toBe(2);
    expect(toRows(data, { from: '2025-03-05' }).map((r) => r.period)).toEqual(Array(3).fill('2025-03-12'));
  });
});

describe('bounded store: roll-up', () => {
  it(`keeps ${RETENTION_DAYS} days, rolls older days into months, totals unchanged`, () => {
    const data = emptyStats();
    const today = '2026-06-15';
    // one event per day for 800 days
    for (let i = 0; i < 800; i++) addEvents(data, addDays(today, -i), 'crm.example.com', ev('age', 'fr.age.papy', 'shown'));
    const before = totalCount(data);
    rollup(data, today);
    expect(Object.keys(data.days)).toHaveLength(RETENTION_DAYS);
    expect(Object.keys(data.days).sort()[0]).toBe(addDays(today, -(RETENTION_DAYS - 1)));
    expect(totalCount(data)).toBe(before);
    const oldest = addDays(today, -799);
    expect(data.months[oldest.slice(0, 7)]).toBeDefined();
    // month rows are in range queries that overlap them
    const rows = toRows(data, { from: oldest, to: addDays(oldest, 3) });
    expect(rows[0]!.granularity).toBe('month');
    // rolling up again changes nothing
    const again = planRollup(data, today);
    expect(again.removeDays).toEqual([]);
  });

  it('merges into an existing month and drops months past retention', () => {
    const data = emptyStats();
    data.months['2020-01'] = { 'a.example|diet|fr.diet.hallal|shown': 4 };
    data.months['2024-11'] = { 'a.example|diet|fr.diet.hallal|shown': 4 };
    addEvents(data, '2024-11-30', 'a.example', ev('diet', 'fr.diet.hallal', 'shown', 2));
    rollup(data, '2026-06-15');
    expect(data.months['2024-11']).toEqual({ 'a.example|diet|fr.diet.hallal|shown': 6 });
    expect(data.months['2020-01']).toBeUndefined();
    expect(data.days).toEqual({});
  });
});

describe('properties', () => {
  it('any order of batches and any roll-up day keep every per-cell total', async () => {
    const fc = await import('fast-check');
    const day = fc.integer({ min: 0, max: 1500 }).map((i) => addDays('2022-01-01', i));
    const event = fc.record({
      category: fc.constantFrom('diet', 'health', 'insult' as const),
      rule: fc.constantFrom('fr.diet.hallal', 'fr.health.diabete', 'fr.insult.con'),
      action: fc.constantFrom('shown', 'applied', 'ignored' as const),
    }) as unknown as import('fast-check').Arbitrary<CountEvent>;
    const batch = fc.record({ day, host: fc.constantFrom('a.example', 'b.example'), events: fc.array(event, { maxLength: 5 }) });
    fc.assert(fc.property(fc.array(batch, { maxLength: 30 }), day, (batches, today) => {
      const a = emptyStats();
      const b = emptyStats();
      for (const x of batches) addEvents(a, x.day, x.host, x.events);
      for (const x of [...batches].reverse()) addEvents(b, x.day, x.host, x.events);
      rollup(b, today);
      const cells = (d: typeof a) => {
        const m: Record<string, number> = {};
        for (const r of toRows(d)) m[`${r.host}|${r.category}|${r.rule}|${r.action}`] = (m[`${r.host}|${r.category}|${r.rule}|${r.action}`] ?? 0) + r.count;
        return m;
      };
      // months older than the retention are dropped: compare only when nothing that old exists
      const oldest = batches.reduce((m, x) => (x.day < m ? x.day : m), today);
      if (oldest.slice(0, 7) >= addDays(today, -365 * 2).slice(0, 7)) expect(cells(b)).toEqual(cells(a));
      expect(Object.keys(b.days).every((d) => d >= addDays(today, -(RETENTION_DAYS - 1)))).toBe(true);
    }), { numRuns: 200 });
  });
});
