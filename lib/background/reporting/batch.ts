/**
 * Organisation-wide reporting, as pure functions over plain data:
 * - `Pending`: counts not yet reported, keyed like the store but without the day
 *   (host|category|rule|action → [count, firstDay, lastDay]), so a small bucket
 *   keeps growing across days until it reaches `minCount`;
 * - `Batch`: the buckets taken out of Pending for one POST, with a fixed id (the
 *   collector's idempotency key) — kept until the collector answers 2xx;
 * - install id rotation and retry backoff.
 * lib/background/reporting/reporting-service.ts persists these and does the network part.
 */
import type { CountEvent } from '../../schema/count.ts';
import { REPORT_FORMAT, type ReportBucket, type ReportPayload, type ReportingSettings } from '../../schema/report.ts';
import { cellKey, monthOf, parseCellKey, type CellKey } from '../stats/model.ts';

export type PendingEntry = [count: number, firstDay: string, lastDay: string];
export type Pending = Record<CellKey, PendingEntry>;

export function addToPending(p: Pending, host: string, day: string, events: readonly CountEvent[]): Pending {
  for (const e of events) {
    const k = cellKey(host, e);
    const cur = p[k];
    if (!cur) p[k] = [1, day, day];
    else p[k] = [cur[0] + 1, cur[1] < day ? cur[1] : day, cur[2] > day ? cur[2] : day];
  }
  return p;
}

/** Puts a batch's buckets back into Pending (used when a batch is abandoned, e.g. settings changed). */
export function returnToPending(p: Pending, buckets: readonly ReportBucket[]): Pending {
  for (const b of buckets) {
    const k = `${b.host}|${b.category}|${b.rule}|${b.action}`;
    const cur = p[k];
    p[k] = cur
      ? [cur[0] + b.count, cur[1] < b.firstDay ? cur[1] : b.firstDay, cur[2] > b.lastDay ? cur[2] : b.lastDay]
      : [b.count, b.firstDay, b.lastDay];
  }
  return p;
}

export interface InstallIdentity { installId: string; installIdMonth: string }

/** The random install id of the current month (a new one each calendar month, UTC). */
export function currentInstall(prev: InstallIdentity | undefined, today: string, uuid: () => string): InstallIdentity {
  const month = monthOf(today);
  return prev && prev.installIdMonth === month ? prev : { installId: uuid(), installIdMonth: month };
}

/** A payload without its per-attempt fields: what is stored in the outbox. */
export type Batch = Omit<ReportPayload, 'sentAt' | 'attempt'>;

export interface Outbox {
  batch: Batch;
  /** Failed attempts so far. */
  attempts: number;
  /** Epoch ms before which no automatic retry is made. */
  nextAttemptAt: number;
  lastError?: string;
}

/**
 * Splits Pending into a batch of the buckets that reached `minCount` and the rest,
 * held back. Returns batch null when nothing may be sent yet.
 */
export function takeBatch(
  pending: Pending,
  settings: ReportingSettings,
  install: InstallIdentity,
  now: Date,
  uuid: () => string,
  extensionVersion?: string,
): { batch: Batch | null; rest: Pending } {
  const buckets: ReportBucket[] = [];
  const rest: Pending = {};
  for (const [k, entry] of Object.entries(pending)) {
    const c = parseCellKey(k);
    if (!c) continue; // malformed: dropped rather than sent
    const [count, firstDay, lastDay] = entry;
    if (count >= settings.minCount) buckets.push({ ...c, count, firstDay, lastDay });
    else rest[k] = entry;
  }
  if (buckets.length === 0) return { batch: null, rest: pending };
  buckets.sort((a, b) => (a.host + a.category + a.rule + a.action < b.host + b.category + b.rule + b.action ? -1 : 1));
  const from = buckets.reduce((m, b) => (b.firstDay < m ? b.firstDay : m), buckets[0]!.firstDay);
  const to = buckets.reduce((m, b) => (b.lastDay > m ? b.lastDay : m), buckets[0]!.lastDay);
  const batch: Batch = {
    format: REPORT_FORMAT,
    version: 1,
    batchId: uuid(),
    createdAt: now.toISOString(),
    reporter: {
      installId: install.installId,
      installIdMonth: install.installIdMonth,
      ...(settings.teamLabel ? { team: settings.teamLabel } : {}),
      ...(extensionVersion ? { extensionVersion } : {}),
    },
    period: { from, to },
    minCount: settings.minCount,
    heldBackBuckets: Object.keys(rest).length,
    buckets,
  };
  return { batch, rest };
}

export function payloadFor(outbox: Outbox, now: Date): ReportPayload {
  return { ...outbox.batch, sentAt: now.toISOString(), attempt: outbox.attempts + 1 };
}

export const BACKOFF_BASE_MS = 60_000;
export const BACKOFF_MAX_MS = 6 * 3_600_000;

/** Delay before the next try after `failures` failed attempts: 1, 2, 4, … minutes, at most 6 h, ±20 % jitter. */
export function backoffMs(failures: number, random: () => number = Math.random): number {
  const raw = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(raw * (0.8 + 0.4 * random()));
}
