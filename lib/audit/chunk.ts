/**
 * One byte chunk of a CSV export, audited whole in a worker thread of `audit --jobs`:
 * parsed, linted, redacted and serialised, so the main thread only concatenates
 * the bytes in order and merges the totals. The chunk starts at a proven record
 * start (lib/csv/boundaries.ts) and the main thread says which line and record it starts at.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { parse, type Options } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Linter } from '../engine/lint.ts';
import type { Severity } from '../categories.ts';
import type { Dialect } from '../csv/dialect.ts';
import { csvParseOptions, RowMaker, type InputProblem, type Row } from '../csv/reader.ts';
import { stringifyOptions } from '../csv/writer.ts';
import { auditCell, type CellOptions } from './cells.ts';
import { auditRows, cellTexts, type TextColumn } from './rows.ts';
import { AuditStats, type StatsPart } from './stats.ts';

type OutputDialect = Pick<Dialect, 'delimiter' | 'lineEnding' | 'quoteAll'>;

export interface ChunkTask extends CellOptions {
  /** Where the chunk lies in the export: the worker reads its bytes itself, so the main thread neither reads nor copies them. */
  path: string;
  offset: number;
  length: number;
  /** Line and data-record count where the chunk starts. */
  line: number;
  index: number;
  input: Pick<Dialect, 'delimiter' | 'lineEnding' | 'encoding'>;
  columns: string[];
  textCols: TextColumn[];
  idIndex: number;
  failOn: Severity | 'none';
  keepSamples: number;
  /** Dialects of the findings file and the redacted copy, when they are written. */
  findingsDialect?: OutputDialect;
  redactDialect?: OutputDialect;
}

export interface ChunkResult {
  /** The findings and redacted records serialised as bytes, each the whole of its own buffer (moved, not copied, to the main thread). */
  findings: Uint8Array;
  redacted: Uint8Array;
  stats: StatsPart;
  problems: InputProblem[];
  /** Records csv-parse skipped: reported after the whole file, like the streaming reader does. */
  skipped: Array<{ code?: string; message: string }>;
  /** Line after the last record read. */
  endLine: number;
  failing: number;
}

const SLICE = 512;
const utf8 = new TextEncoder();

/** Audits the chunk `t` whose bytes are `chunk`. */
export function auditChunk(linter: Linter, t: ChunkTask, chunk: Uint8Array): ChunkResult {
  const problems: InputProblem[] = [];
  const onProblem = (p: InputProblem) => problems.push(p);
  const skipped: ChunkResult['skipped'] = [];
  const stats = new AuditStats(t.textCols.map((c) => c.name), t.keepSamples);
  const maker = new RowMaker(t.columns, t.line, t.index, t.input.encoding, onProblem);
  const context = { textCols: t.textCols, idIndex: t.idIndex, failOn: t.failOn, findings: !!t.findingsDialect, redact: !!t.redactDialect, stats, onProblem };
  const cellOptions: CellOptions = { locale: t.locale, redact: t.redact };
  const findings: string[][] = [];
  const redacted: string[][] = [];
  let failing = 0;
  let records: string[][] = [];
  try {
    // on_skip is in csv-parse 5.6 at run time but not in its types.
    const options: Options & { on_skip: (err?: { code?: string; message: string }) => void } = {
      ...csvParseOptions(t.input),
      on_skip: (err) => { if (err) skipped.push({ code: err.code, message: err.message }); },
    };
    records = parse(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength), options) as string[][];
  } catch (e) {
    onProblem({ line: maker.line, message: `cannot read further: ${(e as Error).message}` });
  }
  for (let i = 0; i < records.length; i += SLICE) {
    const rows: Row[] = [];
    for (const rec of records.slice(i, i + SLICE)) maker.convert(rec, rows);
    const texts = cellTexts(rows, t.textCols);
    const out = auditRows(rows, texts.map((text) => (text === null ? null : auditCell(linter, text, cellOptions))), context);
    failing += out.failing;
    for (const f of out.findings) findings.push(f);
    for (const r of out.redacted) redacted.push(r as string[]);
  }
  const serialise = (recs: string[][], d: OutputDialect | undefined) => (d && recs.length ? utf8.encode(stringify(recs, stringifyOptions(d))) : new Uint8Array(0));
  return { findings: serialise(findings, t.findingsDialect), redacted: serialise(redacted, t.redactDialect), stats, problems, skipped, endLine: maker.line, failing };
}

/**
 * Reads chunks from their file into one buffer reused for every chunk (the parser copies
 * what it keeps): no fresh memory per chunk. One reader per thread.
 */
export function chunkReader(): (t: Pick<ChunkTask, 'path' | 'offset' | 'length'>) => Buffer {
  let scratch = Buffer.allocUnsafeSlow(0);
  return (t) => {
    if (scratch.length < t.length) scratch = Buffer.allocUnsafeSlow(t.length);
    const fd = openSync(t.path, 'r');
    try {
      let done = 0;
      while (done < t.length) {
        const n = readSync(fd, scratch, done, t.length - done, t.offset + done);
        if (n === 0) throw new Error(`${t.path} ends at byte ${t.offset + done}: it changed while it was audited`);
        done += n;
      }
    } finally {
      closeSync(fd);
    }
    return scratch.subarray(0, t.length);
  };
}
