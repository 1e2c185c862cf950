/**
 * Background-side counting: the single writer of the counts.
 *
 * - `count-events` from content scripts are validated (category id, rule id,
 *   action; anything else is dropped) and merged into today's shard through one
 *   promise queue, so batches from several tabs are applied one after the other:
 *   nothing lost, nothing doubled. Each batch is one storage.set() call.
 * - Everything that matters is in browser.storage.local (layout in
 *   lib/background/stats/repo.ts); the only in-memory state is the queue and caches that are
 *   rebuilt from storage, so a service-worker restart loses nothing.
 * - Organisation reporting runs only when `configureReporting()` was handed a
 *   policy `reporting` block with an endpoint (lib/background/policy-service.ts calls it
 *   whenever the effective policy is computed). See docs/reporting.md.
 */
import { browser } from 'wxt/browser';
import type { StatsMessage } from '../messages.ts';
import { dispatch, type Routes, type Sender } from './router.ts';
import { summarize } from './stats/aggregate.ts';
import { countsToCsv, countsToJson, exportFileName } from './stats/export.ts';
import { dayOf, isValidDay, normalizeHost, validEvents, type DayRange } from './stats/model.ts';
import {
  countKeys, dayKey, META_KEY, monthKey, OUTBOX_KEY, PENDING_KEY, readOutbox, readPending, readSettings, readShard,
  readState, SETTINGS_KEY, STATE_KEY, statsFromItems, type KeyValueArea, type ReportState, type StatsMeta,
} from './stats/repo.ts';
import {
  addToPending, backoffMs, currentInstall, payloadFor, returnToPending, takeBatch, type Outbox,
} from './stats/report.ts';
import type { ReportStatus, StatsExportFile, StatsSnapshot } from './stats/snapshot.ts';
import { addToShard, planRollup, toRows } from './stats/store.ts';
import {
  isAllowedEndpoint, reportingSettingsSchema, type ReportingSettings, type ReportingSettingsInput,
} from '../schema/report.ts';

export const REPORT_ALARM = 'cnl-stats-report';
export const RETRY_ALARM = 'cnl-stats-report-retry';
export const ROLLUP_ALARM = 'cnl-stats-rollup';
/** A POST that has not answered after this long counts as failed (and is retried later). */
export const REPORT_TIMEOUT_MS = 30_000;

interface AlarmsApi {
  create(name: string, info: { when?: number; delayInMinutes?: number; periodInMinutes?: number }): void | Promise<void>;
  get(name: string): Promise<{ name: string; periodInMinutes?: number } | undefined>;
  clear(name: string): Promise<boolean>;
}

export interface StatsServiceOptions {
  storage?: KeyValueArea;
  alarms?: AlarmsApi | null;
  now?: () => Date;
  fetch?: typeof fetch;
  uuid?: () => string;
  random?: () => number;
  extensionVersion?: string;
}

export interface ReportResult {
  /** sent: the collector answered 2xx; failed: kept for a retry; idle: nothing to send (or not yet time); off: no endpoint. */
  outcome: 'sent' | 'failed' | 'idle' | 'off';
  batchId?: string;
  buckets?: number;
  error?: string;
}

const shallowEqualSettings = (a: ReportingSettings | null, b: ReportingSettings | null) =>
  JSON.stringify(a) === JSON.stringify(b);

export class StatsService {
  private readonly storage: KeyValueArea;
  private readonly alarms: AlarmsApi | null;
  private readonly now: () => Date;
  private readonly fetchFn: typeof fetch;
  private readonly uuid: () => string;
  private readonly random: () => number;
  private readonly extensionVersion: string | undefined;
  /** The write queue: every storage read-modify-write runs after the previous one. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Cache of meta.lastRollupDay (storage is the truth; rebuilt after a restart). */
  private rolledUpOn: string | undefined;
  private sending: Promise<ReportResult> | null = null;

  constructor(opts: StatsServiceOptions = {}) {
    this.storage = opts.storage ?? (browser.storage.local as unknown as KeyValueArea);
    this.alarms = opts.alarms === undefined ? ((browser.alarms as unknown as AlarmsApi | undefined) ?? null) : opts.alarms;
    this.now = opts.now ?? (() => new Date());
    this.fetchFn = opts.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
    this.uuid = opts.uuid ?? (() => crypto.randomUUID());
    this.random = opts.random ?? Math.random;
    this.extensionVersion = opts.extensionVersion;
  }

  /** Runs fn after every write queued before it. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  // ---- counting ----

  /** Merges one batch of count events of a host; resolves once stored. Returns the number kept. */
  recordEvents(host: unknown, events: unknown): Promise<number> {
    const h = normalizeHost(host);
    const ev = validEvents(events);
    if (h === null || ev.length === 0) return Promise.resolve(0);
    return this.serial(async () => {
      const day = dayOf(this.now());
      await this.rollupIfDue(day);
      const k = dayKey(day);
      const got = await this.storage.get([k, SETTINGS_KEY, PENDING_KEY]);
      const items: Record<string, unknown> = { [k]: addToShard(readShard(got[k]), h, ev) };
      if (readSettings(got[SETTINGS_KEY])) items[PENDING_KEY] = addToPending(readPending(got[PENDING_KEY]), h, day, ev);
      await this.storage.set(items);
      return ev.length;
    });
  }

  /**
   * Rolls days older than the window into months. Crash-safe: the merged months
   * and the list of day shards to delete are written in one set() (a journal in
   * stats.meta); the deletion is redone on the next run if the worker stopped
   * in between, so no day is ever counted twice.
   */
  private async rollupIfDue(today: string, force = false): Promise<void> {
    if (!force && this.rolledUpOn === today) return;
    const items = await this.storage.get(null);
    const meta = (items[META_KEY] ?? {}) as StatsMeta & { removing?: string[] };
    if (Array.isArray(meta.removing) && meta.removing.length) {
      await this.storage.remove(meta.removing.map(dayKey));
      for (const d of meta.removing) delete items[dayKey(d)];
    }
    if (!force && meta.lastRollupDay === today && !meta.removing?.length) {
      this.rolledUpOn = today;
      return;
    }
    const plan = planRollup(statsFromItems(items), today);
    const write: Record<string, unknown> = { [META_KEY]: { lastRollupDay: today, removing: plan.removeDays } };
    for (const [m, s] of Object.entries(plan.writeMonths)) write[monthKey(m)] = s;
    await this.storage.set(write);
    const del = [...plan.removeDays.map(dayKey), ...plan.removeMonths.map(monthKey)];
    if (del.length) await this.storage.remove(del);
    await this.storage.set({ [META_KEY]: { lastRollupDay: today } });
    this.rolledUpOn = today;
  }

  rollupNow(): Promise<void> {
    return this.serial(() => this.rollupIfDue(dayOf(this.now()), true));
  }

  // ---- reading ----

  snapshot(range: DayRange = {}, includeRows = false): Promise<StatsSnapshot> {
    const r = cleanRange(range);
    return this.serial(async () => {
      const today = dayOf(this.now());
      await this.rollupIfDue(today);
      const items = await this.storage.get(null);
      const data = statsFromItems(items);
      const all = toRows(data);
      const rows = r.from || r.to ? toRows(data, r) : all;
      return {
        range: r,
        today,
        summary: summarize(rows, r),
        ...(includeRows ? { rows } : {}),
        storedSince: all[0]?.period ?? null,
        hasData: all.length > 0,
        reporting: statusFrom(items, this.now()),
      };
    });
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

  /** "Clear my data": deletes every local count. The organisation report queue is kept. */
  clear(): Promise<number> {
    return this.serial(async () => {
      const keys = countKeys(await this.storage.get(null));
      if (keys.length) await this.storage.remove(keys);
      this.rolledUpOn = undefined;
      return keys.filter((k) => k !== META_KEY).length;
    });
  }

  // ---- reporting ----

  /**
   * Applies the policy's reporting block (null/undefined or no endpoint: reporting
   * off, and the unsent queue is deleted). Invalid settings also turn it off.
   */
  async configure(input: ReportingSettingsInput | null | undefined): Promise<ReportingSettings | null> {
    let settings: ReportingSettings | null = null;
    if (input?.endpoint) {
      const r = reportingSettingsSchema.safeParse(input);
      if (r.success) settings = r.data;
      else console.warn('[crm-note-lint] reporting disabled, invalid settings:', r.error.issues.map((i) => i.message).join('; '));
    }
    await this.serial(async () => {
      const got = await this.storage.get([SETTINGS_KEY, PENDING_KEY, OUTBOX_KEY]);
      const prev = readSettings(got[SETTINGS_KEY]);
      if (!settings) {
        await this.storage.remove([SETTINGS_KEY, PENDING_KEY, OUTBOX_KEY]);
        return;
      }
      if (shallowEqualSettings(prev, settings)) return;
      const items: Record<string, unknown> = { [SETTINGS_KEY]: settings };
      const outbox = readOutbox(got[OUTBOX_KEY]);
      const batchChanges = !prev || prev.endpoint !== settings.endpoint || prev.minCount !== settings.minCount || prev.teamLabel !== settings.teamLabel;
      if (outbox && batchChanges) {
        // Rebuild the batch for the new collector/threshold/label: its buckets go back to the queue.
        items[PENDING_KEY] = returnToPending(readPending(got[PENDING_KEY]), outbox.batch.buckets);
        await this.storage.set(items);
        await this.storage.remove(OUTBOX_KEY);
      } else {
        await this.storage.set(items);
      }
    });
    await this.syncAlarms(settings);
    return settings;
  }

  /** Creates or clears the periodic alarms to match the settings (keeps a running schedule). */
  async syncAlarms(settings?: ReportingSettings | null): Promise<void> {
    if (!this.alarms) return;
    const s = settings === undefined ? readSettings((await this.storage.get(SETTINGS_KEY))[SETTINGS_KEY]) : settings;
    const rollup = await this.alarms.get(ROLLUP_ALARM);
    if (!rollup) await this.alarms.create(ROLLUP_ALARM, { delayInMinutes: 60, periodInMinutes: 24 * 60 });
    if (!s) {
      await this.alarms.clear(REPORT_ALARM);
      await this.alarms.clear(RETRY_ALARM);
      return;
    }
    const cur = await this.alarms.get(REPORT_ALARM);
    if (!cur || cur.periodInMinutes !== s.intervalMinutes) {
      await this.alarms.create(REPORT_ALARM, { delayInMinutes: s.intervalMinutes, periodInMinutes: s.intervalMinutes });
    }
  }

  status(): Promise<ReportStatus> {
    return this.serial(async () => statusFrom(await this.storage.get([SETTINGS_KEY, PENDING_KEY, OUTBOX_KEY, STATE_KEY]), this.now()));
  }

  /**
   * One reporting round: takes a batch out of the queue (or the batch a failed
   * attempt left), POSTs it, and forgets it only on a 2xx. `force` ignores the
   * backoff delay. Only one round runs at a time.
   */
  report(force = false): Promise<ReportResult> {
    if (this.sending) return this.sending;
    const run = this.reportRound(force).finally(() => {
      this.sending = null;
    });
    this.sending = run;
    return run;
  }

  private async reportRound(force: boolean): Promise<ReportResult> {
    const prepared = await this.serial(async () => {
      const got = await this.storage.get([SETTINGS_KEY, PENDING_KEY, OUTBOX_KEY, STATE_KEY]);
      const settings = readSettings(got[SETTINGS_KEY]);
      if (!settings) return { off: true as const };
      const now = this.now();
      let outbox = readOutbox(got[OUTBOX_KEY]);
      if (outbox) {
        if (!force && now.getTime() < outbox.nextAttemptAt) return { idle: true as const };
        return { settings, outbox };
      }
      const state = readState(got[STATE_KEY]);
      const prevInstall = state.installId && state.installIdMonth ? { installId: state.installId, installIdMonth: state.installIdMonth } : undefined;
      const install = currentInstall(prevInstall, dayOf(now), this.uuid);
      const { batch, rest } = takeBatch(readPending(got[PENDING_KEY]), settings, install, now, this.uuid, this.extensionVersion ?? extensionVersion());
      const newState: ReportState = { ...state, ...install };
      if (!batch) {
        if (install !== prevInstall) await this.storage.set({ [STATE_KEY]: newState });
        return { idle: true as const };
      }
      outbox = { batch, attempts: 0, nextAttemptAt: 0 };
      // Moving the buckets from the queue to the outbox is one write: never in both, never in neither.
      await this.storage.set({ [PENDING_KEY]: rest, [OUTBOX_KEY]: outbox, [STATE_KEY]: newState });
      return { settings, outbox };
    });
    if ('off' in prepared) return { outcome: 'off' };
    if ('idle' in prepared) return { outcome: 'idle' };
    const { settings, outbox } = prepared;

    let error: string | undefined;
    const attemptAt = this.now();
    if (!isAllowedEndpoint(settings.endpoint)) {
      error = 'endpoint is not https';
    } else {
      try {
        const res = await this.fetchFn(settings.endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(settings.token ? { authorization: `Bearer ${settings.token}` } : {}) },
          body: JSON.stringify(payloadFor(outbox, attemptAt)),
          credentials: 'omit',
          cache: 'no-store',
          redirect: 'error',
          signal: AbortSignal.timeout(REPORT_TIMEOUT_MS),
        });
        if (!res.ok) error = `HTTP ${res.status}`;
        await res.body?.cancel().catch(() => undefined);
      } catch (e) {
        error = (e as Error)?.name === 'TimeoutError' ? 'timeout' : `network error: ${(e as Error)?.message ?? String(e)}`;
      }
    }

    const batchId = outbox.batch.batchId;
    let retryAt: number | undefined;
    await this.serial(async () => {
      const got = await this.storage.get([OUTBOX_KEY, STATE_KEY]);
      const cur = readOutbox(got[OUTBOX_KEY]);
      const state = readState(got[STATE_KEY]);
      state.lastAttemptAt = attemptAt.toISOString();
      if (!error) {
        // Forget the batch first: after a success it is never sent again.
        if (cur?.batch.batchId === batchId) await this.storage.remove(OUTBOX_KEY);
        state.lastSuccessAt = this.now().toISOString();
        state.lastBatchId = batchId;
        state.sentBatches = (state.sentBatches ?? 0) + 1;
        delete state.lastError;
        await this.storage.set({ [STATE_KEY]: state });
        return;
      }
      state.lastError = error;
      if (cur?.batch.batchId === batchId) {
        const attempts = cur.attempts + 1;
        retryAt = this.now().getTime() + backoffMs(attempts, this.random);
        const next: Outbox = { ...cur, attempts, nextAttemptAt: retryAt, lastError: error };
        await this.storage.set({ [OUTBOX_KEY]: next, [STATE_KEY]: state });
      } else {
        await this.storage.set({ [STATE_KEY]: state });
      }
    });
    if (retryAt !== undefined && this.alarms) await this.alarms.create(RETRY_ALARM, { when: retryAt });
    return error
      ? { outcome: 'failed', batchId, buckets: outbox.batch.buckets.length, error }
      : { outcome: 'sent', batchId, buckets: outbox.batch.buckets.length };
  }

  // ---- wiring ----

  /** Its messages (lib/background/router.ts): counts from content scripts, the dashboard's queries (extension pages only). */
  readonly routes: Routes<'count-events' | StatsMessage['type']> = {
    'count-events': (m) => this.recordEvents(m.host, m.events).then(() => undefined),
    'stats-get': (m, sender) => this.fromPage(sender, () => this.snapshot({ from: m.from, to: m.to }, m.includeRows === true)),
    'stats-export': (m, sender) => this.fromPage(sender, () => this.exportCounts(m.format === 'json' ? 'json' : 'csv', { from: m.from, to: m.to })),
    'stats-clear': (_m, sender) => this.fromPage(sender, () => this.clear().then((cleared) => ({ cleared }))),
    'stats-report-now': (_m, sender) => this.fromPage(sender, () => this.report(true).then(() => this.status())),
  };

  /** The routes as one runtime.onMessage handler: a promise for the stats messages, undefined for the others. */
  handleMessage(msg: unknown, sender?: Sender): Promise<unknown> | undefined {
    return dispatch(this.routes, msg, sender);
  }

  private fromPage<T>(sender: Sender, answer: () => Promise<T>): Promise<T> {
    return fromExtensionPage(sender) ? answer() : Promise.reject(new Error('stats messages are for extension pages only'));
  }

  async handleAlarm(alarm: { name: string }): Promise<void> {
    if (alarm.name === REPORT_ALARM || alarm.name === RETRY_ALARM) await this.report(false);
    else if (alarm.name === ROLLUP_ALARM) await this.rollupNow();
  }
}

function cleanRange(r: DayRange): DayRange {
  const out: DayRange = {};
  if (isValidDay(r.from)) out.from = r.from;
  if (isValidDay(r.to)) out.to = r.to;
  return out;
}

function extensionVersion(): string | undefined {
  try {
    return browser.runtime.getManifest().version;
  } catch {
    return undefined;
  }
}

function fromExtensionPage(sender?: { url?: string; id?: string }): boolean {
  if (!sender?.url) return true; // the fake browser of the unit tests sends no sender details
  try {
    return sender.url.startsWith(browser.runtime.getURL('/'));
  } catch {
    return false;
  }
}

function statusFrom(items: Record<string, unknown>, now: Date): ReportStatus {
  const settings = readSettings(items[SETTINGS_KEY]);
  const pending = readPending(items[PENDING_KEY]);
  const outbox = readOutbox(items[OUTBOX_KEY]);
  const state = readState(items[STATE_KEY]);
  const entries = Object.values(pending);
  const min = settings?.minCount ?? Infinity;
  return {
    enabled: settings !== null,
    ...(settings ? {
      endpointOrigin: new URL(settings.endpoint).origin,
      intervalMinutes: settings.intervalMinutes,
      minCount: settings.minCount,
      ...(settings.teamLabel ? { teamLabel: settings.teamLabel } : {}),
    } : {}),
    pendingBuckets: entries.length,
    heldBackBuckets: entries.filter((e) => e[0] < min).length,
    outbox: outbox ? {
      batchId: outbox.batch.batchId,
      buckets: outbox.batch.buckets.length,
      attempts: outbox.attempts,
      nextAttemptAt: new Date(Math.max(outbox.nextAttemptAt, now.getTime())).toISOString(),
      ...(outbox.lastError ? { lastError: outbox.lastError } : {}),
    } : null,
    ...(state.lastAttemptAt ? { lastAttemptAt: state.lastAttemptAt } : {}),
    ...(state.lastSuccessAt ? { lastSuccessAt: state.lastSuccessAt } : {}),
    ...(state.lastBatchId ? { lastBatchId: state.lastBatchId } : {}),
    ...(state.lastError ? { lastError: state.lastError } : {}),
    sentBatches: state.sentBatches ?? 0,
  };
}

let current: StatsService | undefined;

/** The background's stats service (created by startStatsService, or on first use). */
export function statsService(): StatsService {
  return (current ??= new StatsService());
}

/**
 * Reporting settings from the effective policy: pass the policy's `reporting`
 * block (`{ endpoint, intervalMinutes, minCount, teamLabel }`, every key
 * optional) each time the effective policy is computed, including at start-up;
 * pass undefined when the policy has none. Without an endpoint, reporting is off.
 */
export function configureReporting(reporting: ReportingSettingsInput | null | undefined): Promise<ReportingSettings | null> {
  return statsService().configure(reporting);
}

/** Registers the stats alarms; its messages go through `svc.routes`. Returns the service. */
export function startStatsService(opts?: StatsServiceOptions): StatsService {
  const svc = opts ? (current = new StatsService(opts)) : statsService();
  browser.alarms?.onAlarm.addListener((alarm: { name: string }) => {
    void svc.handleAlarm(alarm);
  });
  void svc.syncAlarms().catch((e) => console.warn('[crm-note-lint] stats alarms:', e));
  void svc.rollupNow().catch((e) => console.warn('[crm-note-lint] stats rollup:', e));
  return svc;
}
