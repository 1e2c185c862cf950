import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { REPORT_ALARM, RETRY_ALARM } from '../../../lib/background/reporting/reporting-service.ts';
import type { CountEvent } from '../../../lib/messages.ts';
import { reportPayloadSchema, type ReportPayload } from '../../../lib/schema/report.ts';
import { backoffMs, BACKOFF_MAX_MS } from '../../../lib/background/reporting/batch.ts';
import { makeStats, type FakeOptions } from '../fake-background.ts';
import { COUNT_ACTIONS } from '../../../lib/background/stats/model.ts';
import { startCollector, type Collector } from '../../support/collector.ts';
import { ruleIdsIn, typedTextLeaks } from '../../support/scan.ts';

const schema = JSON.parse(readFileSync(new URL('../../../docs/report-payload.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

/** The notes a rep typed; the content script turns findings into count events (never text). */
const NOTES = [
  'Mme Dupont-Ferrandière est diabétique, prévoir 6 menus hallal pour le déjeuner chez Transports Kerbrat.',
  'M. Lefebvre-Quintin, vrai casse-pieds, ancien détenu, interdit bancaire.',
];
/** Typed words that no dictionary id spells: none may appear in storage or in a request. */
const TYPED_WORDS = ['Dupont-Ferrandière', 'diabétique', 'menus hallal', 'déjeuner', 'Kerbrat', 'Lefebvre-Quintin', 'vrai casse-pieds', 'ancien détenu', 'interdit bancaire', 'Mme', 'prévoir'];
const FINDINGS: CountEvent[] = [
  { category: 'health', rule: 'fr.health.diabete', action: 'shown' },
  { category: 'diet', rule: 'fr.diet.menu-hallal', action: 'shown' },
  { category: 'insult', rule: 'fr.insult.casse-pieds', action: 'shown' },
  { category: 'criminal', rule: 'fr.criminal.detenu', action: 'shown' },
  { category: 'finance', rule: 'fr.finance.fichage-bancaire', action: 'shown' },
];

let collector: Collector;
let clock: Date;
const now = () => clock;

beforeEach(async () => {
  fakeBrowser.reset();
  clock = new Date('2025-05-06T10:00:00Z');
  collector = await startCollector();
});
afterEach(async () => {
  await collector.close();
});

/** Counting and reporting over one storage and write queue, as the background builds them. */
function service(o: FakeOptions) {
  const { stats, reporting } = makeStats(o);
  return {
    recordEvents: (host: string, events: CountEvent[]) => stats.recordEvents(host, events),
    snapshot: () => stats.snapshot(),
    configure: (r: Parameters<typeof reporting.configure>[0]) => reporting.configure(r),
    report: (force?: boolean) => reporting.report(force),
    status: () => reporting.status(),
    handleAlarm: (a: { name: string }) => reporting.handleAlarm(a),
  };
}
type StatsService = ReturnType<typeof service>;

/** A content script's session: every finding shown, the diet one applied, the insult ignored. */
async function typeNotes(svc: StatsService, host = 'crm.example.com'): Promise<void> {
  await svc.recordEvents(host, FINDINGS);
  await svc.recordEvents(host, [
    { category: 'diet', rule: 'fr.diet.menu-hallal', action: 'applied' },
    { category: 'insult', rule: 'fr.insult.casse-pieds', action: 'ignored' },
  ]);
}

const payloads = () => collector.received.map((r) => r.json as ReportPayload);

describe('organisation reporting', () => {
  it('is off without an endpoint: nothing queued, nothing sent', async () => {
    const svc = service({ now });
    expect(await svc.configure({ minCount: 1 })).toBeNull();
    await typeNotes(svc);
    expect(await svc.report(true)).toEqual({ outcome: 'off' });
    expect((await fakeBrowser.storage.local.get('stats.report.pending'))['stats.report.pending']).toBeUndefined();
    expect(await fakeBrowser.alarms.get(REPORT_ALARM)).toBeUndefined();
  });

  it('refuses plain http except loopback', async () => {
    const svc = service({ now });
    expect(await svc.configure({ endpoint: 'http://collector.example.com/counts' })).toBeNull();
    expect(await svc.configure({ endpoint: 'https://collector.example.com/counts' })).toMatchObject({ intervalMinutes: 60, minCount: 5 });
    expect(await svc.configure({ endpoint: collector.url, intervalMinutes: 30 })).toMatchObject({ endpoint: collector.url, intervalMinutes: 30 });
    expect(await fakeBrowser.alarms.get(REPORT_ALARM)).toMatchObject({ periodInMinutes: 30 });
  });

  it('POSTs aggregated counts with no text, valid against the JSON Schema, anonymous by default', async () => {
    const svc = service({ now });
    await svc.configure({ endpoint: collector.url, minCount: 1 });
    await typeNotes(svc);
    const r = await svc.report();
    expect(r.outcome).toBe('sent');
    expect(collector.received).toHaveLength(1);
    const [p] = payloads();
    expect(validate(p), JSON.stringify(validate.errors)).toBe(true);
    expect(reportPayloadSchema.safeParse(p).success).toBe(true);
    expect(collector.received[0]!.headers['content-type']).toBe('application/json');
    expect(collector.received[0]!.headers.cookie).toBeUndefined();
    expect(p!.reporter.team).toBeUndefined();
    expect(p!.period).toEqual({ from: '2025-05-06', to: '2025-05-06' });
    const counts = Object.fromEntries(p!.buckets.map((b) => [`${b.rule}/${b.action}`, b.count]));
    expect(counts).toEqual({
      'fr.health.diabete/shown': 1, 'fr.diet.menu-hallal/shown': 1, 'fr.diet.menu-hallal/applied': 1,
      'fr.insult.casse-pieds/shown': 1, 'fr.insult.casse-pieds/ignored': 1, 'fr.criminal.detenu/shown': 1,
      'fr.finance.fichage-bancaire/shown': 1,
    });
    // no text: neither the notes nor any typed word is in the request or in storage
    const storage = JSON.stringify(await fakeBrowser.storage.local.get(null));
    for (const haystack of [collector.received[0]!.body, storage]) {
      for (const note of NOTES) expect(haystack).not.toContain(note);
      for (const w of TYPED_WORDS) expect(haystack.toLowerCase()).not.toContain(w.toLowerCase());
      // the flagged lemmas themselves only appear inside rule ids
      expect(typedTextLeaks(haystack, ['hallal', 'casse-pieds', 'diabete', 'detenu', ...TYPED_WORDS], ruleIdsIn(haystack))).toEqual([]);
    }
    expect(typedTextLeaks('{"rule":"fr.diet.menu-hallal","note":"menus hallal"}', ['hallal'], ['fr.diet.menu-hallal'])).toEqual(['hallal']);
  });

  it('retries after a 500 with backoff, then never sends the batch again', async () => {
    collector.script.push(500);
    const svc = service({ now, random: () => 0.5 });
    await svc.configure({ endpoint: collector.url, minCount: 1, teamLabel: 'Ventes Ouest' });
    await typeNotes(svc);

    const first = await svc.report();
    expect(first).toMatchObject({ outcome: 'failed', error: 'HTTP 500' });
    const status1 = await svc.status();
    expect(status1.outbox).toMatchObject({ attempts: 1, lastError: 'HTTP 500' });
    const retry = await fakeBrowser.alarms.get(RETRY_ALARM);
    expect(retry!.scheduledTime).toBe(clock.getTime() + 60_000);

    // events typed while the collector is down wait in the queue, not in the failed batch
    await svc.recordEvents('crm.example.com', [{ category: 'age', rule: 'fr.age.papy', action: 'shown' }]);
    // too early for the retry: nothing sent
    expect((await svc.handleAlarm({ name: REPORT_ALARM }), collector.received)).toHaveLength(1);
    // the retry alarm, one minute later
    clock = new Date(clock.getTime() + 61_000);
    await svc.handleAlarm({ name: RETRY_ALARM });
    expect(collector.received).toHaveLength(2);
    const [a, b] = payloads();
    expect(b!.batchId).toBe(a!.batchId);
    expect(b!.attempt).toBe(2);
    expect(b!.buckets).toEqual(a!.buckets);
    expect(b!.reporter.team).toBe('Ventes Ouest');
    expect(validate(b)).toBe(true);

    // next round sends only the new event: the acknowledged batch is gone for good
    clock = new Date(clock.getTime() + 3_600_000);
    expect((await svc.report()).outcome).toBe('sent');
    expect(collector.received).toHaveLength(3);
    const c = payloads()[2]!;
    expect(c.batchId).not.toBe(a!.batchId);
    expect(c.buckets.map((x) => x.rule)).toEqual(['fr.age.papy']);
    // and then nothing more
    expect((await svc.report(true)).outcome).toBe('idle');
    expect(collector.received).toHaveLength(3);
    expect((await svc.status()).sentBatches).toBe(2);
  });

  it('nothing is lost while offline, across service-worker restarts', async () => {
    const url = collector.url;
    await collector.close(); // offline: connection refused
    const svc = service({ now });
    await svc.configure({ endpoint: url, minCount: 1 });
    await typeNotes(svc);
    expect((await svc.report(true)).outcome).toBe('failed');
    expect((await svc.report(true)).outcome).toBe('failed');
    expect((await svc.status()).outbox!.attempts).toBe(2);

    // the collector comes back on the same port; a fresh service (worker restart) sends the same batch first
    collector = await startCollector('/counts', Number(new URL(url).port));
    const restarted = service({ now });
    await restarted.configure({ endpoint: url, minCount: 1 });
    await typeNotes(restarted);
    expect((await restarted.report(true)).outcome).toBe('sent');
    expect((await restarted.report(true)).outcome).toBe('sent');
    expect((await restarted.report(true)).outcome).toBe('idle');
    const [first, second] = payloads();
    expect(first!.attempt).toBe(3); // the batch of before the restart, third attempt
    expect(second!.attempt).toBe(1);
    const total = payloads().flatMap((p) => p.buckets).reduce((n, b) => n + b.count, 0);
    expect(total).toBe(2 * 7);
    expect(new Set(payloads().map((p) => p.batchId)).size).toBe(2);
  });

  it('holds buckets below minCount back until they reach it', async () => {
    const svc = service({ now });
    await svc.configure({ endpoint: collector.url, minCount: 3 });
    await svc.recordEvents('crm.example.com', [
      ...Array(3).fill({ category: 'diet', rule: 'fr.diet.menu-hallal', action: 'shown' }),
      { category: 'health', rule: 'fr.health.diabete', action: 'shown' },
    ]);
    expect((await svc.report()).outcome).toBe('sent');
    let p = payloads()[0]!;
    expect(p.buckets).toEqual([{ host: 'crm.example.com', category: 'diet', rule: 'fr.diet.menu-hallal', action: 'shown', count: 3, firstDay: '2025-05-06', lastDay: '2025-05-06' }]);
    expect(p.heldBackBuckets).toBe(1);
    expect(p.minCount).toBe(3);
    expect(await svc.status()).toMatchObject({ pendingBuckets: 1, heldBackBuckets: 1 });

    // two more days, two more diabetes findings: the bucket reaches 3 and goes, spanning its days
    for (const d of ['2025-05-07', '2025-05-08']) {
      clock = new Date(`${d}T09:00:00Z`);
      await svc.recordEvents('crm.example.com', [{ category: 'health', rule: 'fr.health.diabete', action: 'shown' }]);
      await svc.report();
    }
    expect(collector.received).toHaveLength(2);
    p = payloads()[1]!;
    expect(p.buckets).toEqual([{ host: 'crm.example.com', category: 'health', rule: 'fr.health.diabete', action: 'shown', count: 3, firstDay: '2025-05-06', lastDay: '2025-05-08' }]);
    expect(p.period).toEqual({ from: '2025-05-06', to: '2025-05-08' });
    expect(validate(p)).toBe(true);
  });

  it('rotates the random install id every month', async () => {
    const svc = service({ now });
    await svc.configure({ endpoint: collector.url, minCount: 1 });
    await typeNotes(svc);
    await svc.report();
    clock = new Date('2025-05-30T10:00:00Z');
    await typeNotes(svc);
    await svc.report();
    clock = new Date('2025-06-01T10:00:00Z');
    await typeNotes(svc);
    await svc.report();
    const ids = payloads().map((p) => p.reporter.installId);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[1]);
    expect(payloads().map((p) => p.reporter.installIdMonth)).toEqual(['2025-05', '2025-05', '2025-06']);
  });

  it('turning reporting off deletes the unsent queue', async () => {
    collector.script.push(503);
    const svc = service({ now });
    await svc.configure({ endpoint: collector.url, minCount: 1 });
    await typeNotes(svc);
    await svc.report();
    await svc.configure(undefined);
    const left = Object.keys(await fakeBrowser.storage.local.get(null)).filter((k) => k.startsWith('stats.report.') && k !== 'stats.report.state');
    expect(left).toEqual([]);
    expect(await fakeBrowser.alarms.get(REPORT_ALARM)).toBeUndefined();
  });

  it('backoff doubles from one minute up to six hours', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4].map((n) => backoffMs(n, mid))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(backoffMs(40, mid)).toBe(BACKOFF_MAX_MS);
  });

  it('the JSON Schema rejects text where counts belong', () => {
    const bad = {
      format: 'crm-note-lint.counts-report', version: 1, batchId: crypto.randomUUID(), createdAt: '2025-05-06T10:00:00.000Z',
      sentAt: '2025-05-06T10:00:00.000Z', attempt: 1, reporter: { installId: crypto.randomUUID(), installIdMonth: '2025-05' },
      period: { from: '2025-05-06', to: '2025-05-06' }, minCount: 1, heldBackBuckets: 0,
      buckets: [{ host: 'crm.example.com', category: 'health', rule: 'Mme Dupont est diabétique', action: 'shown', count: 1, firstDay: '2025-05-06', lastDay: '2025-05-06' }],
    };
    expect(validate(bad)).toBe(false);
    expect(validate({ ...bad, buckets: [{ ...bad.buckets[0], rule: 'fr.health.diabete', text: 'diabétique' }] })).toBe(false);
    expect(validate({ ...bad, buckets: [{ ...bad.buckets[0], rule: 'fr.health.diabete' }] })).toBe(true);
  });

  it('sends sensitive form fields seen (action field-seen), valid against the JSON Schema', async () => {
    const actions = schema.properties.buckets.items.properties.action.enum as string[];
    expect([...actions].sort()).toEqual([...COUNT_ACTIONS].sort());
    const svc = service({ now });
    await svc.configure({ endpoint: collector.url, minCount: 1 });
    await svc.recordEvents('crm.example.com', [
      { category: 'health', rule: 'fr.fields.groupe-sanguin', action: 'field-seen' },
      { category: 'identifier', rule: 'fr.fields.email', action: 'field-seen' },
    ]);
    expect((await svc.report()).outcome).toBe('sent');
    const [p] = payloads();
    expect(validate(p), JSON.stringify(validate.errors)).toBe(true);
    expect(reportPayloadSchema.safeParse(p).success).toBe(true);
    expect(p!.buckets.map((b) => `${b.rule}/${b.action}/${b.count}`).sort()).toEqual(['fr.fields.email/field-seen/1', 'fr.fields.groupe-sanguin/field-seen/1']);
  });
});
