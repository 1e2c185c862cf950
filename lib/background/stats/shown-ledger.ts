/**
 * `applied` never exceeds `shown`: for every UTC day, host, category and rule,
 * applied ≤ shown. The content script counts a finding `shown` once per
 * editing session; when the rep applies a rewrite, retypes the same wording and
 * applies again, that second finding was shown too, but not counted. So the
 * background keeps, per document (tab and frame) and day, how many shown
 * findings of each rule are still unapplied; an `applied` with none left counts
 * the re-typed finding as `shown` first. Pure; the ledger lives in
 * storage.session (survives a worker restart, never written to disk).
 */
import type { CountEvent } from '../../schema/count.ts';

export interface ShownLedger {
  day: string;
  /** document ("tabId:frameId") → "host|category|rule" → shown findings not applied yet. */
  docs: Record<string, Record<string, number>>;
}

/** Documents kept per day at most (oldest dropped first): a ledger never grows without bound. */
export const LEDGER_MAX_DOCS = 500;

export function readLedger(v: unknown, day: string): ShownLedger {
  const l = v as Partial<ShownLedger> | undefined;
  if (!l || l.day !== day || typeof l.docs !== 'object' || l.docs === null) return { day, docs: {} };
  return { day, docs: structuredClone(l.docs) };
}

/**
 * The events to count for one batch of a document: the same events, with a
 * `shown` put before each `applied` that no earlier shown finding covers.
 * Updates the ledger in place.
 */
export function settleApplied(ledger: ShownLedger, doc: string, host: string, events: readonly CountEvent[]): CountEvent[] {
  const open = (ledger.docs[doc] ??= {});
  const out: CountEvent[] = [];
  for (const e of events) {
    const k = `${host}|${e.category}|${e.rule}`;
    if (e.action === 'shown') open[k] = (open[k] ?? 0) + 1;
    else if (e.action === 'applied') {
      if ((open[k] ?? 0) > 0) open[k]! -= 1;
      else out.push({ ...e, action: 'shown' });
    }
    out.push(e);
  }
  // The document last written goes last: the oldest are the ones dropped.
  delete ledger.docs[doc];
  ledger.docs[doc] = open;
  const docs = Object.keys(ledger.docs);
  for (const d of docs.slice(0, Math.max(0, docs.length - LEDGER_MAX_DOCS))) delete ledger.docs[d];
  return out;
}
