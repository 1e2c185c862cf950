/**
 * `anonymize` as a library function. Two streaming passes:
 *  1. read the export, apply the profile to each row, count the equivalence
 *     classes of the quasi-identifiers, and spill the converted rows to temp
 *     files (scattered into random buckets when rows are shuffled);
 *  2. with the class sizes known, shuffle each bucket, number the rows
 *     (random_index), drop the rows below k (--suppress), and write the output
 *     in the input's dialect.
 * Memory: one bucket of converted rows plus the class counts, never the file.
 */
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ColumnRule, Profile } from '../schema/anonymize.ts';
import type { Linter } from '../engine/lint.ts';
import type { LocaleOption } from '../engine/types.ts';
import type { Encoding } from '../csv/dialect.ts';
import { findColumn, InputError, openTable, type Table } from '../csv/reader.ts';
import { TableWriter } from '../csv/writer.ts';
import { ProblemReporter } from '../csv/problems.ts';
import { Progress, formatInt } from '../csv/progress.ts';
import { redactText } from '../audit/redact.ts';
import { bandLabeller, countToBoolean, parseNumber, postalCode, pseudonym, yearLabel, yearOf } from './transforms.ts';
import { CryptoRng, SeededRng, randomBelow, shuffle, type Rng } from './random.ts';
import { KAnonymity, type KReport } from './kanon.ts';

export const DEFAULT_REPORT_K = 5;
export const KEY_ENV = 'CRM_NOTE_LINT_KEY';

export interface AnonymizeOptions {
  input: string | NodeJS.ReadableStream;
  name?: string;
  profile: Profile;
  /** Output path; undefined writes to `stdout` (the report then goes to stderr). */
  out?: string;
  allowUnlisted: 'error' | 'drop';
  k?: number;
  suppress: boolean;
  /** Deterministic randomness (tests, demos): never for files that leave the team. */
  seed?: string;
  key?: Buffer;
  /** Needed when the profile has `lint` columns. */
  linter?: Linter;
  locale?: LocaleOption;
  encoding?: Encoding;
  delimiter?: string;
  format?: 'csv' | 'jsonl';
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  progress?: boolean;
  /** Bucket count for the shuffle (default: from the file size). */
  buckets?: number;
}

export interface AnonymizeResult {
  exitCode: number;
  rowsIn?: number;
  rowsOut?: number;
  suppressed?: number;
  report?: KReport;
  afterSuppression?: KReport;
  outputColumns?: string[];
  dropped?: string[];
}

type Convert = (v: string) => string | undefined;

interface OutCol {
  name: string;
  source: number;
  rule: ColumnRule;
  convert?: Convert;
  what: string;
}

function converter(rule: ColumnRule, o: AnonymizeOptions, key: Buffer | undefined): { convert?: Convert; what: string } {
  switch (rule.action) {
    case 'keep':
      return { convert: (v) => v, what: 'value' };
    case 'year':
      return { convert: (v) => { const y = yearOf(v); return y === undefined ? undefined : yearLabel(y, rule.width); }, what: 'date' };
    case 'band': {
      const label = bandLabeller(rule.width, rule.origin, rule.label, rule.divide);
      return { convert: (v) => { const n = parseNumber(v); return n === undefined ? undefined : label(n); }, what: 'number' };
    }
    case 'boolean':
      return { convert: (v) => countToBoolean(v, rule.yes, rule.no), what: 'count (a whole number ≥ 0)' };
    case 'postal_code':
      return { convert: (v) => postalCode(v, rule.digits), what: 'French address (no postal code found)' };
    case 'pseudonym':
      return { convert: (v) => pseudonym(v, key!, rule.length, rule.prefix, rule.normalize), what: 'value' };
    case 'lint': {
      const opts = { mode: rule.mode, mask: rule.mask, locale: o.locale ?? 'auto' };
      return { convert: (v) => redactText(o.linter!, v, opts).text, what: 'text' };
    }
    default:
      return { what: '' };
  }
}

export async function runAnonymize(o: AnonymizeOptions): Promise<AnonymizeResult> {
  const displayName = o.name ?? (typeof o.input === 'string' && o.input !== '-' ? o.input : '<stdin>');
  const problems = new ProblemReporter(o.stderr, displayName);
  const fail = (m: string): AnonymizeResult => {
    o.stderr.write(`crm-note-lint anonymize: ${m}\n`);
    return { exitCode: 2 };
  };
  const rules = Object.entries(o.profile.columns);
  if (rules.some(([, r]) => r.action === 'pseudonym')) {
    if (!o.key) return fail(`the profile has pseudonym columns: give the key with --key-file FILE or $${o.profile.key_env ?? KEY_ENV} (create one with --generate-key FILE, and keep it: the same key gives the same pseudonyms)`);
    if (o.key.length < 16) return fail('the pseudonym key is too short: at least 16 bytes (32 random bytes recommended, see --generate-key)');
  }
  if (rules.some(([, r]) => r.action === 'lint') && !o.linter) return fail('the profile has lint columns but no dictionaries are loaded');

  let table: Table;
  try {
    table = await openTable(o.input, { name: displayName, encoding: o.encoding, delimiter: o.delimiter, format: o.format, onProblem: problems.report });
  } catch (e) {
    if (e instanceof InputError) return fail(e.message);
    throw e;
  }

  // Match the profile against the header: nothing may leak silently.
  const available = table.columns.map((c) => JSON.stringify(c)).join(', ');
  const used = new Set<number>();
  const outCols: OutCol[] = [];
  const missing: string[] = [];
  for (const [col, rule] of rules) {
    // random_index consumes its column (e.g. id_client) without ever reading it.
    const source = findColumn(table.columns, col);
    if (source < 0) {
      missing.push(col);
      continue;
    }
    used.add(source);
    if (rule.action === 'drop') continue;
    const name = ('as' in rule && rule.as) || table.columns[source]!;
    outCols.push({ name, source, rule, ...converter(rule, o, o.key) });
  }
  const unlisted = table.columns.filter((_, i) => !used.has(i));
  let bad = false;
  if (missing.length) {
    o.stderr.write(`${displayName}: profile column${missing.length > 1 ? 's' : ''} ${missing.map((m) => JSON.stringify(m)).join(', ')} not in the file; available columns: ${available}\n`);
    bad = true;
  }
  if (unlisted.length) {
    if (o.allowUnlisted === 'drop') o.stderr.write(`${displayName}: column${unlisted.length > 1 ? 's' : ''} not in the profile, dropped (--allow-unlisted drop): ${unlisted.map((m) => JSON.stringify(m)).join(', ')}\n`);
    else {
      o.stderr.write(`${displayName}: column${unlisted.length > 1 ? 's' : ''} ${unlisted.map((m) => JSON.stringify(m)).join(', ')} not in the profile: add ${unlisted.length > 1 ? 'them' : 'it'} (drop, keep or a substitution) or pass --allow-unlisted drop\n`);
      bad = true;
    }
  }
  if (bad) return { exitCode: 2 };

  const outNames = outCols.map((c) => c.name);
  const qiIdx = o.profile.quasi_identifiers.map((q) => outNames.indexOf(q));
  const indexCol = outCols.findIndex((c) => c.rule.action === 'random_index');
  const shuffled = indexCol >= 0;
  const rng: Rng = o.seed !== undefined ? new SeededRng(o.seed) : new CryptoRng();
  const nBuckets = shuffled ? Math.max(1, Math.min(256, o.buckets ?? (table.totalBytes !== undefined ? Math.ceil(table.totalBytes / (16 << 20)) : 64))) : 1;
  const k = o.k ?? o.profile.k;
  const reportK = k ?? DEFAULT_REPORT_K;
  const kanon = new KAnonymity(o.profile.quasi_identifiers);
  const dropped = table.columns.filter((_, i) => !outCols.some((c) => c.source === i));

  const tmp = mkdtempSync(join(tmpdir(), 'crm-anonymize-'));
  try {
    // ---- pass 1: convert, count, spill ----
    const buckets: WriteStream[] = Array.from({ length: nBuckets }, (_, i) => createWriteStream(join(tmp, `b${i}.jsonl`)));
    const progress = new Progress(o.stderr, table, 'rows', o.progress);
    let rowsIn = 0;
    const qiValues: string[] = new Array(qiIdx.length);
    for await (const batch of table.batches()) for (const row of batch) {
      rowsIn++;
      progress.tick(rowsIn);
      const cells: string[] = new Array(outCols.length);
      for (let i = 0; i < outCols.length; i++) {
        const c = outCols[i]!;
        if (!c.convert) {
          cells[i] = '';
          continue;
        }
        const v = row.values[c.source] ?? '';
        if (!v.trim()) {
          cells[i] = '';
          continue;
        }
        const r = c.convert(v);
        if (r === undefined) {
          problems.report({ line: row.line, column: table.columns[c.source], message: `column "${table.columns[c.source]}": not a valid ${c.what}; "${c.name}" left empty` });
          cells[i] = '';
        } else cells[i] = r;
      }
      for (let i = 0; i < qiIdx.length; i++) qiValues[i] = cells[qiIdx[i]!]!;
      if (qiIdx.length) kanon.add(qiValues);
      const ws = buckets[nBuckets > 1 ? randomBelow(rng, nBuckets) : 0]!;
      if (!ws.write(encodeCells(cells))) await once(ws, 'drain');
    }
    progress.done();
    await Promise.all(buckets.map((b) => new Promise<void>((res, rej) => { b.end(() => res()); b.on('error', rej); })));

    // ---- k-anonymity ----
    const report = qiIdx.length ? kanon.report(reportK) : undefined;
    const afterSuppression = report && o.suppress ? kanon.afterSuppression(reportK) : undefined;
    const reportOut = o.out ? o.stdout : o.stderr;
    const below = report !== undefined && k !== undefined && report.smallestClass < k && rowsIn > 0;
    if (below && !o.suppress) {
      reportOut.write(formatReport({ rowsIn, rowsOut: 0, suppressed: 0, report, outNames, dropped, name: displayName, out: o.out }));
      o.stderr.write(`crm-note-lint anonymize: the output is not ${k}-anonymous (smallest class: ${report.smallestClass}); nothing written. Coarsen ${report.advice[0]?.column ?? 'the quasi-identifiers'} or pass --suppress.\n`);
      problems.finish();
      return { exitCode: 1, rowsIn, rowsOut: 0, report, outputColumns: outNames, dropped };
    }

    // ---- pass 2: shuffle, number, suppress, write ----
    const writer = TableWriter.open(o.out ?? o.stdout, table.dialect, outNames);
    let rowsOut = 0;
    let suppressed = 0;
    const emit = async (cells: string[]) => {
      if (o.suppress && qiIdx.length) {
        for (let i = 0; i < qiIdx.length; i++) qiValues[i] = cells[qiIdx[i]!]!;
        if (kanon.sizeOf(qiValues) < reportK) {
          suppressed++;
          return;
        }
      }
      rowsOut++;
      if (indexCol >= 0) cells[indexCol] = String(rowsOut);
      if (table.dialect.format === 'jsonl') {
        const obj: Record<string, string> = {};
        outNames.forEach((n, i) => { obj[n] = cells[i]!; });
        await writer.write(obj);
      } else await writer.write(cells);
    };
    for (let b = 0; b < nBuckets; b++) {
      const file = join(tmp, `b${b}.jsonl`);
      if (shuffled) {
        const rows = readFileSync(file, 'utf8').split('\n');
        rows.pop();
        shuffle(rows, rng);
        for (const r of rows) await emit(decodeCells(r));
      } else {
        const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
        for await (const r of rl) if (r) await emit(decodeCells(r));
      }
      rmSync(file, { force: true });
    }
    await writer.close();
    problems.finish();
    reportOut.write(formatReport({ rowsIn, rowsOut, suppressed, report, afterSuppression, outNames, dropped, name: displayName, out: o.out }));
    return { exitCode: problems.count ? 2 : 0, rowsIn, rowsOut, suppressed, report, afterSuppression, outputColumns: outNames, dropped };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

// Spill format: cells joined by U+001F, one row per line; JSON (after U+001E) when a
// cell holds a newline or a separator (free text kept or linted).
const US = '\u001f';
const RS = '\u001e';
const NEEDS_JSON = /[\n\r\u001e\u001f]/;

export function encodeCells(cells: readonly string[]): string {
  for (const c of cells) if (NEEDS_JSON.test(c)) return RS + JSON.stringify(cells) + '\n';
  return cells.join(US) + '\n';
}

export function decodeCells(line: string): string[] {
  return line.charCodeAt(0) === 0x1e ? (JSON.parse(line.slice(1)) as string[]) : line.split(US);
}

const pct = (a: number, b: number) => (b ? ` (${((100 * a) / b).toFixed(1)} %)` : '');

export function formatReport(r: {
  rowsIn: number; rowsOut: number; suppressed: number; report?: KReport; afterSuppression?: KReport;
  outNames: string[]; dropped: string[]; name: string; out?: string;
}): string {
  const L: string[] = [];
  L.push(`Anonymized ${r.name} → ${r.out ?? '<stdout>'}`);
  L.push(`  rows read ${formatInt(r.rowsIn)}, written ${formatInt(r.rowsOut)}${r.suppressed ? `, suppressed ${formatInt(r.suppressed)} (classes below k)` : ''}`);
  L.push(`  columns written: ${r.outNames.join(', ')}`);
  if (r.dropped.length) L.push(`  columns dropped: ${r.dropped.join(', ')}`);
  const k = r.report;
  if (!k) {
    L.push('  k-anonymity: no quasi_identifiers in the profile');
    return L.join('\n') + '\n';
  }
  L.push('', `k-anonymity over ${k.quasiIdentifiers.join(', ')} (k = ${k.k})`);
  L.push(`  equivalence classes     ${formatInt(k.classes).padStart(10)}`);
  L.push(`  smallest class          ${formatInt(k.smallestClass).padStart(10)}   → the export is ${k.smallestClass}-anonymous`);
  L.push(`  rows in classes below k ${formatInt(k.rowsBelowK).padStart(10)}${pct(k.rowsBelowK, k.rows)} in ${formatInt(k.classesBelowK)} classes`);
  if (k.rowsBelowK && k.advice.length) {
    L.push('  columns to coarsen first (rows that would stay below k without the column):');
    for (const a of k.advice) L.push(`    ${a.column.padEnd(28)} ${formatInt(a.distinct).padStart(8)} distinct values → ${formatInt(a.rowsBelowKWithout)} rows below k`);
  }
  if (r.afterSuppression) {
    const s = r.afterSuppression;
    L.push(`  after --suppress: ${formatInt(s.rows)} rows in ${formatInt(s.classes)} classes, smallest class ${formatInt(s.smallestClass)}`);
  }
  return L.join('\n') + '\n';
}
