/**
 * The organisation report queue in storage.local (the counting side writes
 * Pending with each batch of events; the reporting service moves it to the
 * outbox and forgets a batch once the collector acknowledged it):
 *   stats.report.settings   ReportingSettings (absent when reporting is off)
 *   stats.report.pending    Pending  { "host|category|rule|action": [count, firstDay, lastDay] }
 *   stats.report.outbox     Outbox   (the batch being sent, until a 2xx)
 *   stats.report.state      ReportState
 */
import { isValidDay, parseCellKey } from '../stats/model.ts';
import { reportingSettingsSchema, type ReportingSettings } from '../../schema/report.ts';
import type { Outbox, Pending } from './batch.ts';

export const SETTINGS_KEY = 'stats.report.settings';
export const PENDING_KEY = 'stats.report.pending';
export const OUTBOX_KEY = 'stats.report.outbox';
export const STATE_KEY = 'stats.report.state';

export interface ReportState {
  installId?: string;
  installIdMonth?: string;
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  lastBatchId?: string;
  lastError?: string;
  /** Batches acknowledged by the collector since install. */
  sentBatches?: number;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readPending(v: unknown): Pending {
  const out: Pending = {};
  if (!isObj(v)) return out;
  for (const [k, e] of Object.entries(v)) {
    if (Array.isArray(e) && e.length === 3 && Number.isInteger(e[0]) && e[0] > 0 && isValidDay(e[1]) && isValidDay(e[2]) && parseCellKey(k)) {
      out[k] = [e[0], e[1], e[2]];
    }
  }
  return out;
}

export function readOutbox(v: unknown): Outbox | null {
  if (!isObj(v) || !isObj(v.batch) || !Array.isArray((v.batch as Record<string, unknown>).buckets)) return null;
  return structuredClone(v) as unknown as Outbox;
}

export function readSettings(v: unknown): ReportingSettings | null {
  const r = reportingSettingsSchema.safeParse(v);
  return r.success ? r.data : null;
}

export function readState(v: unknown): ReportState {
  return isObj(v) ? (structuredClone(v) as ReportState) : {};
}
