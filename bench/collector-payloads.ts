/**
 * Report payloads for the collector bench, shaped like real ones: each rule id belongs
 * to one category (as in the dictionaries), an organisation of 20 teams working in 5
 * CRM sites, 50 buckets per report (one reporter's cells of a day: rule × site × action).
 */
import { randomUUID } from 'node:crypto';
import { CATEGORY_IDS } from '../lib/categories.ts';
import { addDays, COUNT_ACTIONS } from '../lib/background/stats/model.ts';

export const BENCH_RULES = 120;
export const BENCH_SITES = 5;
export const BENCH_TEAMS = 20;

/** The category of bench rule r: fixed, like a real rule id's. */
export const benchRule = (r: number) => ({ rule: `fr.bench.rule-${r}`, category: CATEGORY_IDS[r % CATEGORY_IDS.length]! });

export function benchPayload(i: number, today: string): string {
  const buckets = Array.from({ length: 50 }, (_, b) => ({
    host: `crm${(i + b) % BENCH_SITES}.example.com`, ...benchRule((i * 7 + b * 13) % BENCH_RULES),
    action: COUNT_ACTIONS[b % COUNT_ACTIONS.length]!, count: 1 + ((i + b) % 9), firstDay: addDays(today, -1), lastDay: today,
  }));
  // 13 is prime to 120: the 50 buckets of one report have 50 different rules, so no cell twice
  const now = new Date().toISOString();
  return JSON.stringify({ format: 'crm-note-lint.counts-report', version: 1, batchId: randomUUID(), createdAt: now, sentAt: now, attempt: 1,
    reporter: { installId: randomUUID(), installIdMonth: today.slice(0, 7), team: `team-${i % BENCH_TEAMS}` },
    period: { from: addDays(today, -1), to: today }, minCount: 5, heldBackBuckets: 0, buckets });
}
