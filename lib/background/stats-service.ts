/**
 * Background-side counting: the single writer of the counts.
 *
 * - `count-events` from content scripts are validated (category id, rule id,
 *   action; anything else is dropped), settled so that `applied` never exceeds
 *   `shown` (lib/background/stats/shown-ledger.ts), and merged into today's shard
 *   through one write queue, so batches from several tabs are applied one after
 *   the other: nothing lost, nothing doubled. Each batch is one storage.set() call
 *   (the day's shard and, when reporting is on, the report queue).
 * - Everything that matters is in storage.local (layout in lib/background/stats/repo.ts);
 *   the only in-memory state is the queue and caches rebuilt from storage, so a
 *   service-worker restart loses nothing.
 * - Reads touch only the shard keys of the asked range (never the whole storage);
 *   a shard that does not parse is moved aside (lib/background/stats/quarantine.ts).
 * - Organisation reporting is lib/background/reporting/reporting-service.ts.
 */
import type { StatsMessage } from '../messages.ts';
import type { AlarmsApi, KeyValueArea, SenderCheck, WriteQueue } from './deps.ts';
import type { Routes, Sender } from './router.ts';
import { summarize } from './stats/aggregate.ts';
import { countsToCsv, countsToJson, exportFileName } from './stats/export.ts';
import { addDays, dayOf, isValidDay, normalizeHost, validEvents, type CountEvent, type DayRange } from './stats/model.ts';
import { addToQuarantine, checkShards, readQuarantine, type QuarantineRecord } from './stats/quarantine.ts';
import {
  countKeys, DAY_PREFIX, dayKey, listKeys, META_KEY, MONTH_PREFIX, monthKey, periodKeys, QUARANTINE_KEY, readMeta,
  statsFromItems, type StatsMeta,
} from './stats/repo.ts';
import { readLedger, settleApplied } from './stats/shown-ledger.ts';
import type { ReportStatus, StatsExportFile, StatsSnapshot } from './stats/snapshot.ts';
import { addToShard, planRollup, RETENTION_DAYS, toRows } from './stats/store.ts';

export const ROLLUP_ALARM = 'cnl-stats-rollup';
const LEDGER_KEY = 'crmNoteLint.shownLedger';

/** What counting needs of reporting: the report queue grows in the same write as the counts. */
export interface PendingSink {
  readonly pendingKeys: readonly string[];
  pendingWrite(got: Record<string, unknown>, host: string, day: string, events: readonly CountEvent[]): Record<string, unknown>;
  status(): Promise<ReportStatus>;
}

export interface StatsServiceDeps {
  storage: KeyValueArea;
  /** storage.session for the shown ledger; null keeps it in memory (lost with the worker). */
  session: Pick<KeyValueArea, 'get' | 'set'> | null;
  /** Shared with the reporting service: both rewrite the report queue. */
  queue: WriteQueue;
  reporting: PendingSink;
  alarms: AlarmsApi | null;
  fromExtensionPage: SenderCheck;
  now?: () => Date;
}

export class StatsService {
  private readonly storage: KeyValueArea;
  private readonly now: () => Date;
  /** Cache of meta.lastRollupDay (storage is the truth; rebuilt after a restart). */
  private rolledUpOn: string | undefined;
  private memoryLedger: unknown;

  constructor(private readonly deps: StatsServiceDeps) {
    this.storage = deps.storage;
    this.now = deps.now ?? (() => new Date());
  }

  // ---- counting ----

  /**
   * Merges one batch of count events of a host; resolves once stored. `doc`
   * names the sending document (tab and frame) for the applied ≤ shown rule.
   * Returns the number of events counted.
   */
  recordEvents(host: unknown, events: unknown, doc = '-'): Promise<number> {
    const h = normalizeHost(host);
    const valid = validEvents(events);
    if (h === null || valid.length === 0) return Promise.resolve(0);
    return this.deps.queue.run(async () => {
      const day = dayOf(this.now());
      await this.rollupIfDue(day);
      const ev = await this.settle(day, doc, h, valid);
      const k = dayKey(day);
      const got = await this.storage.get([k, META_KEY, QUARANTINE_KEY, ...this.deps.reporting.pendingKeys]);
      const { shards, write, remove } = this.checked(got, [k]);
      const items: Record<string, unknown> = { ...write, [k]: addToShard({ ...(shards[k] ?? {}) }, h, ev) };
      const meta = readMeta(got[META_KEY]);
      if (meta.since == null || day < meta.since) items[META_KEY] = { ...meta, since: day } satisfies StatsMeta;
      Object.assign(items, this.deps.reporting.pendingWrite(got, h, day, ev));
      await this.storage.set(items);
      if (remove.length) await this.storage.remove(remove.filter((r) => r !== k));
      return ev.length;
    });
  }

  /** applied ≤ shown per document and day (lib/background/stats/shown-ledger.ts). */
  private async settle(day: string, doc: string, host: string, events: CountEvent[]): Promise<CountEvent[]> {
    if (!events.some((e) => e.action === 'applied' || e.action === 'shown')) return events;
    const session = this.deps.session;
    const stored = session ? (await session.get(LEDGER_KEY).catch(() => ({} as Record<string, unknown>)))[LEDGER_KEY] : this.memoryLedger;
    const ledger = readLedger(stored, day);
    const out = settleApplied(ledger, doc, host, events);
    if (session) await session.set({ [LEDGER_KEY]: ledger }).catch(() => undefined);
    else this.memoryLedger = ledger;
    return out;
  }

  /**
   * Rolls days older than the window into months. Crash-safe: the merged months
   * and the list of day shards to delete are written in one set() (a journal in
   * stats.meta); the deletion is redone on the next run if the worker stopped
   * in between, so no day is ever counted twice. Lists keys once a day
   * (storage.getKeys where the browser has it) to find every old shard.
   */
  private async rollupIfDue(today: string, force = false): Promise<void> {
    if (!force && this.rolledUpOn === today) return;
    const got = await this.storage.get([META_KEY, QUARANTINE_KEY]);
    const meta = readMeta(got[META_KEY]);
    if (meta.removing?.length) await this.storage.remove(meta.removing.map(dayKey));
    if (!force && meta.lastRollupDay === today && !meta.removing?.length && meta.since !== undefined) {
      this.rolledUpOn = today;
      return;
    }
    const removing = new Set(meta.removing?.map(dayKey));
    const oldestKept = dayKey(addDays(today, -(RETENTION_DAYS - 1)));
    const stored = (await listKeys(this.storage)).filter((k) => (k.startsWith(DAY_PREFIX) || k.startsWith(MONTH_PREFIX)) && !removing.has(k));
    // Old days and every month: what a roll-up merges or drops. Recent days are only checked for their name.
    const toRead = stored.filter((k) => k.startsWith(MONTH_PREFIX) || k < oldestKept || !isValidDay(k.slice(DAY_PREFIX.length)));
    const checked = this.checked({ ...(await this.storage.get(toRead)), [QUARANTINE_KEY]: got[QUARANTINE_KEY] }, toRead);
    if (Object.keys(checked.write).length) await this.storage.set(checked.write);
    if (checked.remove.length) await this.storage.remove(checked.remove);
    const plan = planRollup(statsFromItems(checked.shards), today);
    const write: Record<string, unknown> = { [META_KEY]: { lastRollupDay: today, removing: plan.removeDays } satisfies StatsMeta };
    for (const [m, s] of Object.entries(plan.writeMonths)) write[monthKey(m)] = s;
    await this.storage.set(write);
    const del = [...plan.removeDays.map(dayKey), ...plan.removeMonths.map(monthKey)];
    if (del.length) await this.storage.remove(del);
    const gone = new Set([...del, ...checked.remove]);
    const left = [...stored.filter((k) => !gone.has(k)), ...Object.keys(plan.writeMonths).map(monthKey)]
      .map((k) => k.slice(DAY_PREFIX.length)).filter((p) => isValidDay(p) || /^\d{4}-\d{2}$/.test(p)).sort();
    await this.storage.set({ [META_KEY]: { lastRollupDay: today, since: left[0] ?? null } satisfies StatsMeta });
    this.rolledUpOn = today;
  }

  rollupNow(): Promise<void> {
    return this.deps.queue.run(() => this.rollupIfDue(dayOf(this.now()), true));
  }

  /**
   * Sorts shards just read into clean ones and quarantine moves; the moves and the
   * grown quarantine record come back in `write` (the caller's next set()).
   */
  private checked(got: Record<string, unknown>, keys: readonly string[]) {
    const items: Record<string, unknown> = {};
    for (const k of keys) if (got[k] !== undefined) items[k] = got[k];
    const c = checkShards(items);
    if (c.moved.length) {
      console.warn(`[crm-note-lint] ${c.moved.length} count entr${c.moved.length > 1 ? 'ies' : 'y'} did not parse, moved aside:`, c.moved.map((m) => m.key).join(', '));
      c.write[QUARANTINE_KEY] = addToQuarantine(readQuarantine(got[QUARANTINE_KEY]), c.moved, this.now().toISOString());
    }
    return c;
  }

  // ---- reading ----

  async snapshot(range: DayRange = {}, includeRows = false): Promise<StatsSnapshot> {
    const r = cleanRange(range);
    const read = await this.deps.queue.run(async () => {
      const today = dayOf(this.now());
      await this.rollupIfDue(today);
      const keys = periodKeys(today, r);
      const got = await this.storage.get([...keys, META_KEY, QUARANTINE_KEY]);
      const c = this.checked(got, keys);
      if (Object.keys(c.write).length) await this.storage.set(c.write);
      if (c.remove.length) await this.storage.remove(c.remove);
      const quarantine = (c.write[QUARANTINE_KEY] as QuarantineRecord | undefined) ?? readQuarantine(got[QUARANTINE_KEY]);
      return { today, rows: toRows(statsFromItems(c.shards), r), meta: readMeta(got[META_KEY]), quarantine };
    });
    const reporting = await this.deps.reporting.status();
    return {
      range: r,
      today: read.today,
      summary: summarize(read.rows, r),
      ...(includeRows ? { rows: read.rows } : {}),
      storedSince: read.meta.since ?? null,
      hasData: read.meta.since != null,
      reporting,
      quarantined: { total: read.quarantine.total, keys: read.quarantine.recent.map((q) => q.key) },
    };
  }

  async exportCounts(format: 'csv' | 'json', range: DayRange = {}): Promise<StatsExportFile> {
    const r = cleanRange(range);
    const snap = await this.snapshot(r, true);
    const now = this.now();
    const rows = snap.rows ?? [];
    return format === 'csv'
      ? { filename: exportFileName('csv', r, now), mime: 'text/csv;charset=utf-8', content: countsToCsv(rows) }
      : { filename: exportFileName('json', r, now), mime: 'application/json', content: countsToJson(rows, r, now) };
  }

  /** "Clear my data": deletes every local count, quarantined ones too. The organisation report queue is kept. */
  clear(): Promise<number> {
    return this.deps.queue.run(async () => {
      const keys = countKeys(await listKeys(this.storage));
      if (keys.length) await this.storage.remove(keys);
      this.rolledUpOn = undefined;
      return keys.filter((k) => k.startsWith(DAY_PREFIX) || k.startsWith(MONTH_PREFIX)).length;
    });
  }

  /** Creates the daily roll-up alarm when missing. */
  async syncAlarms(): Promise<void> {
    const alarms = this.deps.alarms;
    if (alarms && !(await alarms.get(ROLLUP_ALARM))) await alarms.create(ROLLUP_ALARM, { delayInMinutes: 60, periodInMinutes: 24 * 60 });
  }

  async handleAlarm(alarm: { name: string }): Promise<void> {
    if (alarm.name === ROLLUP_ALARM) await this.rollupNow();
  }

  // ---- wiring ----

  /** Its messages (lib/background/router.ts): counts from content scripts, the dashboard's queries (extension pages only). */
  readonly routes: Routes<'count-events' | Exclude<StatsMessage['type'], 'stats-report-now'>> = {
    'count-events': (m, sender) => this.recordEvents(m.host, m.events, docOf(sender)).then(() => undefined),
    'stats-get': (m, sender) => this.fromPage(sender, () => this.snapshot({ from: m.from, to: m.to }, m.includeRows === true)),
    'stats-export': (m, sender) => this.fromPage(sender, () => this.exportCounts(m.format === 'json' ? 'json' : 'csv', { from: m.from, to: m.to })),
    'stats-clear': (_m, sender) => this.fromPage(sender, () => this.clear().then((cleared) => ({ cleared }))),
  };

  private fromPage<T>(sender: Sender, answer: () => Promise<T>): Promise<T> {
    return this.deps.fromExtensionPage(sender) ? answer() : Promise.reject(new Error('stats messages are for extension pages only'));
  }
}

/** The sending document: tab and frame (content scripts), "-" for senders without a tab. */
function docOf(sender: Sender): string {
  return sender.tab?.id === undefined ? '-' : `${sender.tab.id}:${sender.frameId ?? 0}`;
}

function cleanRange(r: DayRange): DayRange {
  const out: DayRange = {};
  if (isValidDay(r.from)) out.from = r.from;
  if (isValidDay(r.to)) out.to = r.to;
  return out;
}
