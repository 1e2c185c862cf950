/**
 * CSV and JSON exports of the counts: one row per period × host × category ×
 * rule × action, exactly the store's figures for the chosen range. Pure.
 */
// The browser build: the Node one reads the global `Buffer` at load time, which a service worker lacks.
import { stringify } from 'csv-stringify/browser/esm/sync';
import { summarize, type ActionCounts } from './aggregate.ts';
import type { DayRange } from './model.ts';
import type { CountRow } from './store.ts';

export const CSV_COLUMNS = ['period', 'granularity', 'host', 'category', 'rule', 'action', 'count'] as const;

/** RFC 4180 CSV, comma separated, CRLF line ends, header first; opens in spreadsheets as is. */
export function countsToCsv(rows: readonly CountRow[]): string {
  return stringify(rows.map((r) => CSV_COLUMNS.map((c) => r[c])), {
    header: true,
    columns: [...CSV_COLUMNS],
    record_delimiter: '\r\n',
    // A cell starting with = + - @ is prefixed with ' so no spreadsheet evaluates it.
    escape_formulas: true,
  });
}

export interface CountsJsonExport {
  format: 'crm-note-lint.counts';
  version: 1;
  exportedAt: string;
  range: DayRange;
  totals: ActionCounts;
  rows: CountRow[];
}

export function countsToJson(rows: readonly CountRow[], range: DayRange, now: Date): string {
  const doc: CountsJsonExport = {
    format: 'crm-note-lint.counts',
    version: 1,
    exportedAt: now.toISOString(),
    range,
    totals: summarize(rows, range).totals,
    rows: [...rows],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function exportFileName(format: 'csv' | 'json', range: DayRange, now: Date): string {
  const from = range.from ?? 'start';
  const to = range.to ?? now.toISOString().slice(0, 10);
  return `crm-note-lint-counts_${from}_${to}.${format}`;
}
