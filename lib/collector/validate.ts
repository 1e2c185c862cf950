/**
 * Checks a POSTed report: the extension's own zod schema (lib/schema/report.ts,
 * the same contract as docs/report-payload.schema.json), then what a schema cannot
 * say — day order, dates in the future or past retention, one bucket per cell,
 * plausible counts. Every refusal carries a reason the sender can read.
 */
import { createHash } from 'node:crypto';
import { reportPayloadSchema, type ReportPayload } from '../schema/report.ts';
import { addDays, isValidDay } from '../background/stats/model.ts';

/** Far above what one browser counts between two reports; larger means a broken or hostile sender. */
export const MAX_BUCKET_COUNT = 1_000_000;
export const MAX_BUCKETS = 5_000;

export type Checked = { ok: true; payload: ReportPayload; digest: string } | { ok: false; status: 400 | 413; reason: string };

export function checkReport(body: unknown, today: string, retentionDays: number): Checked {
  if (body && typeof body === 'object' && Array.isArray((body as { buckets?: unknown }).buckets)
    && (body as { buckets: unknown[] }).buckets.length > MAX_BUCKETS) {
    return { ok: false, status: 413, reason: `more than ${MAX_BUCKETS} buckets in one batch` };
  }
  const r = reportPayloadSchema.safeParse(body);
  if (!r.success) {
    const i = r.error.issues[0]!;
    return { ok: false, status: 400, reason: `${i.path.join('.') || 'payload'}: ${i.message}` };
  }
  const p = r.data;
  const latest = addDays(today, 1); // a reporter east of UTC may already be tomorrow
  const oldest = addDays(today, -retentionDays);
  const bad = (reason: string): Checked => ({ ok: false, status: 400, reason });
  if (!isValidDay(p.period.from) || !isValidDay(p.period.to) || p.period.from > p.period.to) return bad('period: from must be a day before or equal to to');
  const seen = new Set<string>();
  // a batch names a few days many times: each is parsed once (isValidDay builds two Dates)
  const days = new Map<string, boolean>();
  const calendarDay = (d: string) => days.get(d) ?? days.set(d, isValidDay(d)).get(d)!;
  for (const [i, b] of p.buckets.entries()) {
    if (!calendarDay(b.firstDay) || !calendarDay(b.lastDay)) return bad(`buckets.${i}: not a calendar day`);
    if (b.firstDay > b.lastDay) return bad(`buckets.${i}: firstDay is after lastDay`);
    if (b.lastDay > latest) return bad(`buckets.${i}: lastDay ${b.lastDay} is in the future`);
    if (b.lastDay < oldest) return bad(`buckets.${i}: lastDay ${b.lastDay} is older than the ${retentionDays}-day retention`);
    if (b.firstDay < p.period.from || b.lastDay > p.period.to) return bad(`buckets.${i}: outside the batch period`);
    if (b.count > MAX_BUCKET_COUNT) return bad(`buckets.${i}: count above ${MAX_BUCKET_COUNT}`);
    const k = `${b.host}|${b.category}|${b.rule}|${b.action}|${b.lastDay}`;
    if (seen.has(k)) return bad(`buckets.${i}: the same cell appears twice`);
    seen.add(k);
  }
  return { ok: true, payload: p, digest: digestOf(p) };
}

/** What makes two sends "the same batch": the reporter and its counts, not the per-attempt fields. */
export function digestOf(p: ReportPayload): string {
  const cells = p.buckets.map((b) => [b.host, b.category, b.rule, b.action, b.count, b.firstDay, b.lastDay].join('|')).sort();
  return createHash('sha256').update(JSON.stringify([p.reporter.installId, p.reporter.team ?? '', cells])).digest('base64url');
}
