/**
 * The audit of an export, as a library function: streams the rows, lints the
 * text columns, keeps running totals, and optionally writes the findings CSV,
 * the redacted copy (same dialect as the input) and the HTML report.
 */
import { writeFileSync } from 'node:fs';
import type { Locale, Severity } from '../categories.ts';
import type { Linter } from '../engine/lint.ts';
import type { LocaleOption } from '../engine/types.ts';
import { failOnReason } from './gate.ts';
import { auditRows, cellTexts } from './rows.ts';
import { auditChunks, planChunks, workerDataOf, type WorkerSetup } from './chunked.ts';
import { auditChunk, chunkReader, type ChunkResult, type ChunkTask } from './chunk.ts';
import { findColumn, InputError, openTable, type Row, type Table } from '../csv/reader.ts';
import { TableWriter } from '../csv/writer.ts';
import { ProblemReporter } from '../csv/problems.ts';
import { Progress } from '../csv/progress.ts';
import type { Dialect, Encoding } from '../csv/dialect.ts';
import { AuditStats, formatSummary } from './stats.ts';
import { type RedactMode } from './redact.ts';
import { auditCell, type CellResult, type CellTask } from './cells.ts';
import { WorkerPool } from '../workers/pool.ts';
import { availableParallelism } from 'node:os';
import { renderHtmlReport } from './html.ts';
import { detectorWording } from '../detectors/wording.ts';

export interface AuditOptions {
  input: string | NodeJS.ReadableStream;
  name?: string;
  /** Text columns (JSONL: keys); empty = guess a column named like "notes". */
  columns: string[];
  idColumn?: string;
  linter: Linter;
  locale: LocaleOption;
  /** Language of the summary and the HTML report, rule messages included (default English). */
  lang?: Locale;
  failOn: Severity | 'none';
  out?: string;
  redact?: string;
  redactMode: RedactMode;
  mask?: string;
  html?: string;
  includeText: boolean;
  encoding?: Encoding;
  delimiter?: string;
  format?: 'csv' | 'jsonl';
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Force the progress bar on or off (default: on when stderr is a TTY). */
  progress?: boolean;
  now?: Date;
  /** Worker threads: 0 or absent = one per core, 1 = this thread only (needs `workers`). */
  jobs?: number;
  /** The worker entry (it rebuilds the same linter from `data`, or from what `data()` returns when the workers start), given by the command line. */
  workers?: WorkerSetup;
  /** Rows audited in this thread before the workers start (default 4096). */
  parallelAfterRows?: number;
  /** Bytes per chunk when workers audit a CSV file chunk by chunk (default 128 KiB; used above two chunks). */
  chunkBytes?: number;
}

/** One pool answers both kinds of task (lib/cli/audit-worker.ts): cell batches when streaming, byte chunks when chunked. */
type CellBatchResult = { results: (CellResult | null)[] };
type AuditPool = WorkerPool<CellTask | ChunkTask, CellBatchResult | ChunkResult>;

export interface AuditResult {
  exitCode: number;
  /** Why the exit code is not 0, for the last stderr line. */
  reason?: string;
  stats?: AuditStats;
  dialect?: Dialect;
}

/** Column names tried, in order, when --column is not given. */
export const GUESSED_TEXT_COLUMNS = ['notes', 'note', 'commentaires', 'commentaire', 'comments', 'comment', 'description', 'text', 'texte', 'body', 'remarques', 'observations'];

export const FINDINGS_COLUMNS = ['id', 'line', 'column', 'category', 'severity', 'rule', 'wording', 'suggestion', 'start', 'end', 'message'];

/** Rows audited in this thread before worker threads are started. */
const PARALLEL_AFTER_ROWS = 4096;

/**
 * Chunk size for workers: large enough that a message costs nothing, small enough that what a
 * chunk makes (records, findings, output) dies young. 1 MiB chunks peaked 45 MiB higher on
 * 50k notes (265 → 220 MiB) for no more speed.
 */
const CHUNK_BYTES = 128 * 1024;

const PLAIN_CSV: Dialect = { format: 'csv', encoding: 'utf-8', bom: false, delimiter: ',', lineEnding: '\n', quoteAll: false };

export async function runAudit(o: AuditOptions): Promise<AuditResult> {
  const displayName = o.name ?? (typeof o.input === 'string' && o.input !== '-' ? o.input : '<stdin>');
  const problems = new ProblemReporter(o.stderr, displayName);
  let table: Table;
  try {
    table = await openTable(o.input, { name: displayName, encoding: o.encoding, delimiter: o.delimiter, format: o.format, onProblem: problems.report });
  } catch (e) {
    if (e instanceof InputError) {
      o.stderr.write(`crm-note-lint audit: ${e.message}\n`);
      return { exitCode: 2 };
    }
    throw e;
  }
  const available = () => table.columns.map((c) => JSON.stringify(c)).join(', ');
  const where = table.dialect.format === 'jsonl' ? 'first record' : 'header (line 1)';

  // Resolve the text columns.
  const textCols: Array<{ name: string; index: number }> = [];
  const wanted = o.columns.length ? o.columns : [];
  if (!wanted.length) {
    const guess = GUESSED_TEXT_COLUMNS.map((g) => findColumn(table.columns, g)).find((i) => i >= 0);
    if (guess === undefined) {
      o.stderr.write(`${displayName}: no --column given and no column looks like notes; available columns: ${available()}\n`);
      return { exitCode: 2, dialect: table.dialect };
    }
    textCols.push({ name: table.columns[guess]!, index: guess });
  }
  for (const c of wanted) {
    const i = findColumn(table.columns, c);
    if (i < 0) problems.report({ line: 1, message: `column "${c}" not found in the ${where}; available columns: ${available()}` });
    else if (!textCols.some((t) => t.index === i)) textCols.push({ name: table.columns[i]!, index: i });
  }
  if (!textCols.length) {
    problems.finish();
    return { exitCode: 2, dialect: table.dialect };
  }
  let idIndex = -1;
  if (o.idColumn) {
    idIndex = findColumn(table.columns, o.idColumn);
    if (idIndex < 0) problems.report({ line: 1, message: `id column "${o.idColumn}" not found in the ${where} (row numbers are used instead); available columns: ${available()}` });
  }

  const stats = new AuditStats(textCols.map((t) => t.name), o.html && o.includeText ? 1000 : 0);
  const findingsDialect = table.dialect.format === 'csv' ? { ...table.dialect, quoteAll: false } : PLAIN_CSV;
  const progress = new Progress(o.stderr, table, 'rows', o.progress);
  const redactOpts = { mode: o.redactMode, mask: o.mask, locale: o.locale };
  const cellOptions = { locale: o.locale, redact: o.redact ? redactOpts : undefined };
  const rowContext = { textCols, idIndex, failOn: o.failOn, findings: !!o.out, redact: !!o.redact, stats, onProblem: problems.report };
  const jobs = o.jobs === undefined || o.jobs === 0 ? availableParallelism() : o.jobs;
  const chunkBytes = o.chunkBytes ?? CHUNK_BYTES;
  // A large CSV file on several cores: workers parse, lint and serialise whole byte chunks.
  const chunked = jobs > 1 && o.workers && typeof o.input === 'string' && o.input !== '-' && (table.totalBytes ?? 0) > 2 * chunkBytes;
  // The workers start now, loading their code and pack while this thread looks for the chunk boundaries.
  // This thread, whose linter is loaded already, audits chunks too: one thread fewer to start and warm up.
  const auditHere = (read = chunkReader()) => (t: ChunkTask): ChunkResult => auditChunk(o.linter, t, read(t));
  let pool: AuditPool | undefined = chunked && o.workers
    ? new WorkerPool<ChunkTask, ChunkResult>(o.workers.entry, jobs, workerDataOf(o.workers), auditHere()) as unknown as AuditPool
    : undefined;
  let failing = 0;
  try {
    const chunks = chunked && typeof o.input === 'string' ? planChunks(o.input, table.dialect, chunkBytes, table.columns.length) : undefined;
    if (chunks && pool && typeof o.input === 'string') {
      table.close();
      failing = await auditChunks({
        path: o.input, chunks, jobs, pool: pool as unknown as WorkerPool<ChunkTask, ChunkResult>, bom: table.dialect.bom, stats, onProblem: problems.report, onRows: (n) => progress.tick(n),
        task: {
          ...cellOptions, input: table.dialect, columns: table.columns, textCols, idIndex, failOn: o.failOn, keepSamples: stats.keepSamples,
          findingsDialect: o.out ? findingsDialect : undefined, redactDialect: o.redact ? table.dialect : undefined,
        },
        findingsColumns: FINDINGS_COLUMNS, columns: table.columns, findingsPath: o.out, redactPath: o.redact,
      });
    } else {
      failing = await streamRows();
    }
  } finally {
    await pool?.close();
  }

  /** Reads the rows here; linting (and the redacted rewrite) runs in this thread or in worker threads, writing stays here in row order. */
  async function streamRows(): Promise<number> {
    const findingsOut = o.out ? TableWriter.open(o.out, findingsDialect, FINDINGS_COLUMNS) : undefined;
    const redactOut = o.redact ? TableWriter.open(o.redact, table.dialect, table.columns) : undefined;
    let count = 0;
    const writeBatch = async (batch: readonly Row[], results: readonly (CellResult | null)[]) => {
      const out = auditRows(batch, results, rowContext);
      progress.tick(stats.rows);
      count += out.failing;
      if (findingsOut) for (const f of out.findings) await findingsOut.write(f);
      if (redactOut) for (const r of out.redacted) await redactOut.write(r);
    };
    let rowsRead = 0;
    const inFlight: Array<{ batch: Row[]; results: Promise<CellBatchResult> }> = [];
    for await (const batch of table.batches()) {
      rowsRead += batch.length;
      // Workers are worth their start only for a large export.
      if (!pool && jobs > 1 && o.workers && rowsRead > (o.parallelAfterRows ?? PARALLEL_AFTER_ROWS)) pool = new WorkerPool(o.workers.entry, jobs, workerDataOf(o.workers));
      const texts = cellTexts(batch, textCols);
      if (!pool) {
        await writeBatch(batch, texts.map((t) => (t === null ? null : auditCell(o.linter, t, cellOptions))));
        continue;
      }
      inFlight.push({ batch, results: (pool as unknown as WorkerPool<CellTask, CellBatchResult>).run({ texts, ...cellOptions }) });
      // Bounded memory: at most two batches per worker wait for their turn to be written.
      if (inFlight.length >= 2 * jobs) {
        const next = inFlight.shift()!;
        await writeBatch(next.batch, (await next.results).results);
      }
    }
    while (inFlight.length) {
      const next = inFlight.shift()!;
      await writeBatch(next.batch, (await next.results).results);
    }
    await findingsOut?.close();
    await redactOut?.close();
    return count;
  }
  progress.done();
  problems.finish();
  stats.problems = problems.count;
  if (o.html) {
    writeFileSync(o.html, renderHtmlReport({ stats, name: displayName, dialect: table.dialect, generatedAt: o.now ?? new Date(), problems: problems.kept, includeText: o.includeText,
      ...(o.lang ? { lang: o.lang, ...wordingIn(o.linter, o.lang) } : {}) }));
  }
  o.stdout.write(formatSummary(stats, displayName, table.dialect, undefined, o.lang));
  const outputs = [o.out && `findings: ${o.out}`, o.redact && `redacted copy (${o.redactMode}): ${o.redact}`, o.html && `HTML report: ${o.html}`].filter(Boolean);
  if (outputs.length) o.stdout.write(`\n${outputs.join('\n')}\n`);
  const exitCode = problems.count ? 2 : failing ? 1 : 0;
  const reason = problems.count
    ? `${problems.count} input problem${problems.count === 1 ? '' : 's'} (named above); the rest was audited`
    : failing ? failOnReason(failing, o.failOn) : undefined;
  return { exitCode, reason, stats, dialect: table.dialect };
}

/** A rule's message and legal basis in `lang` when its pack translates them (the findings carry the rule's own). */
function wordingIn(linter: Linter, lang: Locale): { messageOf: (rule: string, fallback: string) => string; sourceOf: (rule: string, fallback: string) => string } {
  const byId = new Map(linter.rules.map((r) => [r.id, r]));
  return {
    messageOf: (rule, fallback) => byId.get(rule)?.translations?.[lang] ?? detectorWording(rule)?.message[lang] ?? fallback,
    sourceOf: (rule, fallback) => byId.get(rule)?.sourceTranslations?.[lang] ?? detectorWording(rule)?.source[lang] ?? fallback,
  };
}
