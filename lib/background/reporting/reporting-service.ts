/**
 * Organisation reporting: runs only when the effective policy hands over a
 * `reporting` block with an endpoint (`configure`, called by the policy service
 * each time the policy is computed). Counting adds each batch of events to the
 * Pending queue in the same storage write as the day's counts (`pendingWrite`);
 * this service takes a batch of the buckets that reached `minCount`, POSTs it
 * with a fixed batchId (the collector's idempotency key), forgets it only on a
 * 2xx, and retries with backoff otherwise. See docs/reporting.md.
 */
import type { CountEvent } from '../../schema/count.ts';
import {
  isAllowedEndpoint, reportingSettingsSchema, type ReportingSettings, type ReportingSettingsInput,
} from '../../schema/report.ts';
import type { AlarmsApi, KeyValueArea, SenderCheck, WriteQueue } from '../deps.ts';
import type { Routes, Sender } from '../router.ts';
import { dayOf } from '../stats/model.ts';
import type { ReportStatus } from '../stats/snapshot.ts';
import { addToPending, backoffMs, currentInstall, payloadFor, returnToPending, takeBatch, type Outbox } from './batch.ts';
import { OUTBOX_KEY, PENDING_KEY, readOutbox, readPending, readSettings, readState, SETTINGS_KEY, STATE_KEY, type ReportState } from './store.ts';

export const REPORT_ALARM = 'cnl-stats-report';
export const RETRY_ALARM = 'cnl-stats-report-retry';
/** A POST that has not answered after this long counts as failed (and is retried later). */
export const REPORT_TIMEOUT_MS = 30_000;

export interface ReportResult {
  /** sent: the collector answered 2xx; failed: kept for a retry; idle: nothing to send (or not yet time); off: no endpoint. */
  outcome: 'sent' | 'failed' | 'idle' | 'off';
  batchId?: string;
  buckets?: number;
  error?: string;
}

export interface ReportingServiceDeps {
  storage: KeyValueArea;
  /** Shared with the counting service: both rewrite the Pending queue. */
  queue: WriteQueue;
  alarms: AlarmsApi | null;
  fetch: typeof fetch;
  fromExtensionPage: SenderCheck;
  now?: () => Date;
  uuid?: () => string;
  random?: () => number;
  extensionVersion?: string;
}

export class ReportingService {
  private readonly storage: KeyValueArea;
  private readonly now: () => Date;
  private readonly uuid: () => string;
  private readonly random: () => number;
  private sending: Promise<ReportResult> | null = null;

  constructor(private readonly deps: ReportingServiceDeps) {
    this.storage = deps.storage;
    this.now = deps.now ?? (() => new Date());
    this.uuid = deps.uuid ?? (() => crypto.randomUUID());
    this.random = deps.random ?? Math.random;
  }

  /** The keys counting reads with the day's shard, so that `pendingWrite` can join its single write. */
  readonly pendingKeys: readonly string[] = [SETTINGS_KEY, PENDING_KEY];

  /** What to write along with a batch of counted events: the grown Pending queue, or nothing when reporting is off. */
  pendingWrite(got: Record<string, unknown>, host: string, day: string, events: readonly CountEvent[]): Record<string, unknown> {
    if (!readSettings(got[SETTINGS_KEY])) return {};
    return { [PENDING_KEY]: addToPending(readPending(got[PENDING_KEY]), host, day, events) };
  }

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
    await this.deps.queue.run(async () => {
      const got = await this.storage.get([SETTINGS_KEY, PENDING_KEY, OUTBOX_KEY]);
      const prev = readSettings(got[SETTINGS_KEY]);
      if (!settings) {
        await this.storage.remove([SETTINGS_KEY, PENDING_KEY, OUTBOX_KEY]);
        return;
      }
      if (JSON.stringify(prev) === JSON.stringify(settings)) return;
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

  /** Creates or clears the report alarm to match the settings (keeps a running schedule). */
  async syncAlarms(settings?: ReportingSettings | null): Promise<void> {
    const alarms = this.deps.alarms;
    if (!alarms) return;
    const s = settings === undefined ? readSettings((await this.storage.get(SETTINGS_KEY))[SETTINGS_KEY]) : settings;
    if (!s) {
      await alarms.clear(REPORT_ALARM);
      await alarms.clear(RETRY_ALARM);
      return;
    }
    const cur = await alarms.get(REPORT_ALARM);
    if (!cur || cur.periodInMinutes !== s.intervalMinutes) {
      await alarms.create(REPORT_ALARM, { delayInMinutes: s.intervalMinutes, periodInMinutes: s.intervalMinutes });
    }
  }

  status(): Promise<ReportStatus> {
    return this.deps.queue.run(async () => statusFrom(await this.storage.get([SETTINGS_KEY, PENDING_KEY, OUTBOX_KEY, STATE_KEY]), this.now()));
  }

  /**
   * One reporting round: takes a batch out of the queue (or the batch a failed
   * attempt left), POSTs it, and forgets it only on a 2xx. `force` ignores the
   * backoff delay. Only one round runs at a time.
   */
  report(force = false): Promise<ReportResult> {
    if (this.sending) return this.sending;
    const run = this.round(force).finally(() => {
      this.sending = null;
    });
    this.sending = run;
    return run;
  }

  async handleAlarm(alarm: { name: string }): Promise<void> {
    if (alarm.name === REPORT_ALARM || alarm.name === RETRY_ALARM) await this.report(false);
  }

  /** The dashboard's "send now" (extension pages only). */
  readonly routes: Routes<'stats-report-now'> = {
    'stats-report-now': (_m, sender) => this.fromPage(sender, () => this.report(true).then(() => this.status())),
  };

  private fromPage<T>(sender: Sender, answer: () => Promise<T>): Promise<T> {
    return this.deps.fromExtensionPage(sender) ? answer() : Promise.reject(new Error('stats messages are for extension pages only'));
  }

  /** Takes the batch to send: the outbox's (when its retry time came), or a new one out of Pending. */
  private prepare(force: boolean) {
    return this.deps.queue.run(async () => {
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
      const { batch, rest } = takeBatch(readPending(got[PENDING_KEY]), settings, install, now, this.uuid, this.deps.extensionVersion);
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
  }

  /** POSTs one attempt; returns the error, or undefined on a 2xx. */
  private async post(settings: ReportingSettings, outbox: Outbox, attemptAt: Date): Promise<string | undefined> {
    if (!isAllowedEndpoint(settings.endpoint)) return 'endpoint is not https';
    try {
      const res = await this.deps.fetch(settings.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(settings.token ? { authorization: `Bearer ${settings.token}` } : {}) },
        body: JSON.stringify(payloadFor(outbox, attemptAt)),
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'error',
        signal: AbortSignal.timeout(REPORT_TIMEOUT_MS),
      });
      await res.body?.cancel().catch(() => undefined);
      return res.ok ? undefined : `HTTP ${res.status}`;
    } catch (e) {
      return (e as Error)?.name === 'TimeoutError' ? 'timeout' : `network error: ${(e as Error)?.message ?? String(e)}`;
    }
  }

  private async round(force: boolean): Promise<ReportResult> {
    const prepared = await this.prepare(force);
    if ('off' in prepared) return { outcome: 'off' };
    if ('idle' in prepared) return { outcome: 'idle' };
    const { settings, outbox } = prepared;
    const attemptAt = this.now();
    const error = await this.post(settings, outbox, attemptAt);
    const batchId = outbox.batch.batchId;
    let retryAt: number | undefined;
    await this.deps.queue.run(async () => {
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
    if (retryAt !== undefined && this.deps.alarms) await this.deps.alarms.create(RETRY_ALARM, { when: retryAt });
    return error
      ? { outcome: 'failed', batchId, buckets: outbox.batch.buckets.length, error }
      : { outcome: 'sent', batchId, buckets: outbox.batch.buckets.length };
  }
}

function statusFrom(items: Record<string, unknown>, now: Date): ReportStatus {
  const settings = readSettings(items[SETTINGS_KEY]);
  const entries = Object.values(readPending(items[PENDING_KEY]));
  const outbox = readOutbox(items[OUTBOX_KEY]);
  const state = readState(items[STATE_KEY]);
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
