/** Replies of the background's stats messages (see lib/messages.ts). */
import type { StatsSummary } from './aggregate.ts';
import type { DayRange } from './model.ts';
import type { CountRow } from './store.ts';

export interface ReportStatus {
  /** Reporting runs only when the effective policy sets `reporting.endpoint`. */
  enabled: boolean;
  /** Scheme + host of the collector (never the full URL: it may carry a token). */
  endpointOrigin?: string;
  intervalMinutes?: number;
  minCount?: number;
  teamLabel?: string;
  /** Buckets waiting for the next report (all of them, sendable or held back). */
  pendingBuckets: number;
  /** Of those, buckets still below minCount. */
  heldBackBuckets: number;
  /** The batch being sent (kept until the collector answers 2xx). */
  outbox: { batchId: string; buckets: number; attempts: number; nextAttemptAt: string; lastError?: string } | null;
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  lastBatchId?: string;
  lastError?: string;
  sentBatches: number;
}

export interface StatsSnapshot {
  range: DayRange;
  /** Today, UTC ('YYYY-MM-DD'), per the background's clock. */
  today: string;
  summary: StatsSummary;
  /** The flat counts of the range, only when asked (`includeRows: true`). */
  rows?: CountRow[];
  /** Oldest period held in the store (whatever the range), null when the store is empty. */
  storedSince: string | null;
  /** Does the store hold any count at all (for the empty state)? */
  hasData: boolean;
  reporting: ReportStatus;
  /** Count entries that did not parse and were moved aside (stats.q.*): how many since install, the latest keys. */
  quarantined: { total: number; keys: string[] };
}

export interface StatsExportFile {
  filename: string;
  mime: string;
  content: string;
}
