/**
 * Organisation-wide reporting: the effective reporting settings and the payload
 * POSTed to the collector. The policy block itself (`reporting` in a policy) is
 * validated by lib/schema/policy.ts (`reportingSchema`); this module turns it into
 * settings with defaults, and describes the payload. The payload's public contract
 * is docs/report-payload.schema.json (JSON Schema 2020-12, documented in
 * docs/reporting.md); test/background/reporting/reporting-service.test.ts validates real payloads against both.
 */
import { z } from 'zod';
import { CATEGORY_IDS } from '../categories.ts';
import { COUNT_ACTIONS, RULE_ID_RE } from './count.ts';

export const REPORT_DEFAULTS = { intervalMinutes: 60, minCount: 5 } as const;

/** https, or plain http to a loopback address (local collectors, tests). */
export function isAllowedEndpoint(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  if (u.protocol === 'https:') return true;
  return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
}

/** The settings the reporter runs with (defaults applied). */
export const reportingSettingsSchema = z.object({
  endpoint: z.string().trim().refine(isAllowedEndpoint, 'must be an https:// URL (http only for 127.0.0.1, localhost, [::1])'),
  intervalMinutes: z.number().int().min(1).max(60 * 24 * 31).default(REPORT_DEFAULTS.intervalMinutes),
  minCount: z.number().int().min(1).max(1000).default(REPORT_DEFAULTS.minCount),
  teamLabel: z.string().trim().min(1).max(80).optional(),
  /** Sent as `Authorization: Bearer …`; never stored in a payload. */
  token: z.string().trim().min(1).max(256).optional(),
}).strip();

export type ReportingSettings = z.infer<typeof reportingSettingsSchema>;
/** What the policy hands over: the policy's `reporting` block (every key optional). */
export type ReportingSettingsInput = {
  endpoint?: string | undefined;
  intervalMinutes?: number | undefined;
  minCount?: number | undefined;
  teamLabel?: string | undefined;
  token?: string | undefined;
};

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const REPORT_FORMAT = 'crm-note-lint.counts-report';

export const reportBucketSchema = z.object({
  host: z.string().min(1).max(260).regex(/^[a-z0-9.:\[\]-]+$/),
  category: z.enum(CATEGORY_IDS),
  rule: z.string().regex(RULE_ID_RE),
  action: z.enum(COUNT_ACTIONS),
  count: z.number().int().min(1),
  firstDay: day,
  lastDay: day,
}).strict();

export const reportPayloadSchema = z.object({
  format: z.literal(REPORT_FORMAT),
  version: z.literal(1),
  /** Idempotency key: a retry of the same batch carries the same id. */
  batchId: z.string().uuid(),
  createdAt: z.string().datetime(),
  sentAt: z.string().datetime(),
  attempt: z.number().int().min(1),
  reporter: z.object({
    /** Random, rotated every calendar month (UTC); never derived from the machine or the user. */
    installId: z.string().uuid(),
    installIdMonth: z.string().regex(/^\d{4}-\d{2}$/),
    team: z.string().min(1).max(80).optional(),
    extensionVersion: z.string().max(40).optional(),
  }).strict(),
  period: z.object({ from: day, to: day }).strict(),
  minCount: z.number().int().min(1),
  /** Buckets still below minCount, kept on the device for a later report. */
  heldBackBuckets: z.number().int().min(0),
  buckets: z.array(reportBucketSchema),
}).strict();

export type ReportBucket = z.infer<typeof reportBucketSchema>;
export type ReportPayload = z.infer<typeof reportPayloadSchema>;
