/**
 * Streaming reader for CRM exports, shared by `audit` and `anonymize`: CSV
 * (csv-parse's stream API, pulled by an async iterator so a slow consumer
 * slows the file down: backpressure end to end) or JSON Lines, in UTF-8,
 * Windows-1252 or UTF-16, with the dialect sniffed from the first 64 KiB.
 * Never holds more than a chunk of the file in memory.
 *
 * Bad input never stops the run: a malformed row, a row with the wrong number
 * of cells or an undecodable byte becomes an `InputProblem` naming the line
 * (the physical line where the record starts) and the rest goes on.
 */
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { parse, type CsvError } from 'csv-parse';
import iconv from 'iconv-lite';
import { looksLikeJsonl, sniffCsv, sniffEncoding, type Dialect, type Encoding } from './dialect.ts';

export interface InputProblem {
  /** 1-based physical line where the record starts (0: the file as a whole). */
  line: number;
  column?: string;
  message: string;
}

export interface Row {
  /** 1-based physical line where the record starts. */
  line: number;
  /** 1-based data record number (header and blank lines excluded). */
  index: number;
  /** One value per column of `Table.columns`; `undefined` when a JSONL object lacks the key. */
  values: (string | undefined)[];
  /** JSONL only: the parsed object, for writers that rewrite it. */
  object?: Record<string, unknown>;
}

export interface ReadOptions {
  /** Display name (defaults to the path, or `<stdin>`). */
  name?: string;
  encoding?: Encoding;
  delimiter?: string;
  format?: 'csv' | 'jsonl';
  onProblem: (p: InputProblem) => void;
}

export interface Table {
  name: string;
  dialect: Dialect;
  columns: string[];
  /** Bytes pulled from the source so far (for progress). */
  bytesRead(): number;
  /** Size of the source when it is a regular file. */
  totalBytes?: number;
  rows(): AsyncGenerator<Row>;
  /** The same rows in arrays of up to 512: one await per batch instead of one per row. */
  batches(): AsyncGenerator<Row[]>;
  /** Stops reading (for a caller that reads the bytes itself after the header). */
  close(): void;
}

export const SNIFF_BYTES = 64 * 1024;
const CHUNK = 256 * 1024;

export class InputError extends Error {}

/** Opens a file (or `-` / a stream for stdin), sniffs it and reads its header. */
export async function openTable(source: string | NodeJS.ReadableStream, opts: ReadOptions): Promise<Table> {
  let totalBytes: number | undefined;
  let name = opts.name;
  let headBuf: Buffer;
  let eof: boolean;
  let raw$: NodeJS.ReadableStream;
  let bytesRead: () => number;
  if (typeof source === 'string' && source !== '-') {
    name ??= source;
    let fd: number;
    try {
      const st = statSync(source);
      if (!st.isFile()) throw new InputError(`${source}: not a file`);
      totalBytes = st.size;
      fd = openSync(source, 'r');
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new InputError(`${source}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    // Sniff with one synchronous read, then stream the file from its first byte.
    const buf = Buffer.alloc(Math.min(SNIFF_BYTES, totalBytes));
    const n = buf.length ? readSync(fd, buf, 0, buf.length, 0) : 0;
    closeSync(fd);
    headBuf = buf.subarray(0, n);
    eof = n >= totalBytes;
    const fileStream = createReadStream(source, { highWaterMark: CHUNK });
    raw$ = fileStream;
    bytesRead = () => fileStream.bytesRead;
  } else {
    const stream = typeof source === 'string' ? process.stdin : source;
    name ??= '<stdin>';
    // Pull the head for sniffing, then replay it in front of the rest.
    const it = (stream as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
    const head: Buffer[] = [];
    let headLength = 0;
    eof = false;
    try {
      while (headLength < SNIFF_BYTES) {
        const r = await it.next();
        if (r.done) {
          eof = true;
          break;
        }
        const b = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
        head.push(b);
        headLength += b.length;
      }
    } catch (e) {
      throw new InputError(`${name}: cannot read (${(e as Error).message})`);
    }
    let count = 0;
    const atEof = eof;
    async function* bytes(): AsyncGenerator<Buffer> {
      for (const b of head) {
        count += b.length;
        yield b;
      }
      if (atEof) return;
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        const b = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
        count += b.length;
        yield b;
      }
    }
    headBuf = Buffer.concat(head);
    raw$ = Readable.from(bytes(), { objectMode: false });
    bytesRead = () => count;
  }

  const guess = sniffEncoding(headBuf, eof);
  const encoding = opts.encoding ?? guess.encoding;
  const bom = guess.bom && (opts.encoding === undefined || opts.encoding === guess.encoding);
  const headText = iconv.decode(headBuf.subarray(bom ? guess.bomLength : 0), encoding, { stripBOM: false });
  const format = opts.format ?? (looksLikeJsonl(typeof source === 'string' ? source : undefined, headText) ? 'jsonl' : 'csv');
  const sniff = sniffCsv(headText, opts.delimiter);
  const dialect: Dialect = {
    format, encoding, bom,
    delimiter: format === 'csv' ? sniff.delimiter : ',',
    lineEnding: sniff.lineEnding,
    quoteAll: format === 'csv' && sniff.quoteAll,
  };
  // UTF-8 goes straight to the parser (it decodes cell by cell); others are decoded first.
  const text$: NodeJS.ReadableStream = encoding === 'utf-8' && format === 'csv'
    ? raw$
    : raw$.pipe(iconv.decodeStream(encoding, { stripBOM: true }));

  const base = { name: name!, dialect, bytesRead, totalBytes };
  return format === 'csv' ? openCsv(text$, base, opts) : openJsonl(text$, base, opts);
}

function countNewlines(cells: readonly string[]): number {
  let n = 0;
  for (const c of cells) {
    if (c.length === 0) continue;
    let i = c.indexOf('\n');
    let hasCr = false;
    while (i >= 0) {
      n++;
      i = c.indexOf('\n', i + 1);
    }
    if (c.indexOf('\r') >= 0) hasCr = true;
    if (hasCr) for (let j = 0; j < c.length; j++) if (c[j] === '\r' && c[j + 1] !== '\n') n++;
  }
  return n;
}

function undecodable(values: readonly (string | undefined)[], columns: readonly string[], line: number, encoding: Encoding, onProblem: ReadOptions['onProblem']): void {
  for (let i = 0; i < values.length; i++) {
    if (values[i]?.includes('\uFFFD')) {
      onProblem({
        line, column: columns[i],
        message: `undecodable byte(s) in column "${columns[i]}" for ${encoding} (kept as U+FFFD); use --encoding if the file is not ${encoding}`,
      });
    }
  }
}

type TableBase = Omit<Table, 'columns' | 'rows' | 'batches' | 'close'>;

const BATCH = 512;

/** Reads a paused object stream synchronously while it has data, awaiting only when it is empty. */
async function* readBatches<T>(s: Readable): AsyncGenerator<T[]> {
  let ended = false;
  let error: Error | undefined;
  s.on('end', () => { ended = true; });
  s.on('error', (e: Error) => { error = e; });
  for (;;) {
    if (error) throw error;
    const out: T[] = [];
    let r: T | null;
    while (out.length < BATCH && (r = s.read() as T | null) !== null) out.push(r);
    if (out.length) {
      yield out;
      continue;
    }
    if (ended || s.readableEnded) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        s.off('readable', done);
        s.off('end', done);
        s.off('error', done);
        resolve();
      };
      s.on('readable', done);
      s.on('end', done);
      s.on('error', done);
    });
  }
}

function rowsOf(batches: () => AsyncGenerator<Row[]>): () => AsyncGenerator<Row> {
  return async function* rows() {
    for await (const b of batches()) yield* b;
  };
}

/** Records → rows, counting physical lines and data records, reporting bad rows. */
export class RowMaker {
  constructor(
    private readonly columns: readonly string[],
    /** Line where the next record starts. */
    public line: number,
    /** Data records seen so far. */
    public index: number,
    private readonly encoding: Encoding,
    private readonly onProblem: ReadOptions['onProblem'],
  ) {}

  convert(rec: string[], out: Row[]): void {
    const start = this.line;
    const nl = countNewlines(rec);
    const width = this.columns.length;
    this.line += 1 + nl;
    if (rec.length === 1 && rec[0] === '' && width !== 1) return; // blank line
    this.index++;
    if (rec.length !== width) {
      const span = nl ? ` (the record runs to line ${start + nl}: probably an unbalanced quote)` : '';
      this.onProblem({ line: start, message: `malformed row: ${rec.length} cell${rec.length === 1 ? '' : 's'} where the header has ${width}${span}; row skipped` });
      return;
    }
    undecodable(rec, this.columns, start, this.encoding, this.onProblem);
    out.push({ line: start, index: this.index, values: rec });
  }
}

/** The problem csv-parse's skipped record becomes, reported at `line` (where reading stopped). */
export function skippedProblem(err: { code?: string; message: string }, line: number): InputProblem {
  const message = err.code === 'CSV_QUOTE_NOT_CLOSED'
    ? 'a quoted cell opened on this line is never closed; the rest of the file could not be read'
    : `malformed row (${err.message}); skipped`;
  return { line, message };
}

/** csv-parse options for a dialect: the same in the streaming reader and in chunk workers. */
export function csvParseOptions(dialect: Pick<Dialect, 'delimiter' | 'lineEnding'>) {
  return {
    delimiter: dialect.delimiter,
    // Old-Mac '\r' endings are not looked for: each extra delimiter slows csv-parse down.
    record_delimiter: dialect.lineEnding === '\r\n' ? ['\r\n', '\n'] : ['\n', '\r\n'],
    relax_quotes: true,
    relax_column_count: true,
    skip_records_with_error: true,
  };
}

async function openCsv(text$: NodeJS.ReadableStream, base: TableBase, opts: ReadOptions): Promise<Table> {
  const skipped: CsvError[] = [];
  const parser = parse({ ...csvParseOptions(base.dialect), bom: true });
  parser.on('skip', (err: CsvError) => skipped.push(err));
  text$.on('error', (e) => parser.destroy(e));
  text$.pipe(parser);
  const source = readBatches<string[]>(parser);
  let pending: string[][] = [];
  let pos = 0;
  const next = async (): Promise<string[] | undefined> => {
    if (pos >= pending.length) {
      const r = await source.next();
      if (r.done) return undefined;
      pending = r.value;
      pos = 0;
    }
    return pending[pos++];
  };
  let line = 1;
  let header: string[] | undefined;
  // Leading blank lines before the header are skipped.
  for (;;) {
    header = await next();
    if (!header) break;
    if (header.length === 1 && header[0] === '') {
      line += 1;
      continue;
    }
    line += 1 + countNewlines(header);
    break;
  }
  if (!header) throw new InputError(`${base.name}: empty file (no header line)`);
  const columns = header.map((c) => c.trim());
  const rowMaker = new RowMaker(columns, line, 0, base.dialect.encoding, opts.onProblem);
  const convert = (rec: string[], out: Row[]): void => {
    rowMaker.convert(rec, out);
    line = rowMaker.line;
  };
  async function* batches(): AsyncGenerator<Row[]> {
    try {
      if (pos < pending.length) {
        const out: Row[] = [];
        while (pos < pending.length) convert(pending[pos++]!, out);
        if (out.length) yield out;
      }
      for await (const b of source) {
        const out: Row[] = [];
        for (const rec of b) convert(rec, out);
        if (out.length) yield out;
      }
    } catch (e) {
      opts.onProblem({ line, message: `cannot read further: ${(e as Error).message}` });
    }
    for (const err of skipped) opts.onProblem(skippedProblem(err, line));
  }
  return { ...base, columns, batches, rows: rowsOf(batches), close: () => {
    parser.destroy();
    (text$ as Readable).destroy();
  } };
}

function cell(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

async function openJsonl(text$: NodeJS.ReadableStream, base: TableBase, opts: ReadOptions): Promise<Table> {
  const rl = createInterface({ input: text$ as NodeJS.ReadableStream, crlfDelay: Infinity });
  const lines = rl[Symbol.asyncIterator]();
  let lineNo = 0;
  const parseLine = (text: string): Record<string, unknown> | undefined => {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (e) {
      opts.onProblem({ line: lineNo, message: `malformed JSON line (${(e as Error).message}); skipped` });
      return undefined;
    }
    if (!v || typeof v !== 'object' || Array.isArray(v)) {
      opts.onProblem({ line: lineNo, message: 'a JSON Lines record must be an object; skipped' });
      return undefined;
    }
    return v as Record<string, unknown>;
  };
  let firstObj: Record<string, unknown> | undefined;
  let firstLine = 0;
  for (;;) {
    const r = await lines.next();
    if (r.done) break;
    lineNo++;
    if (!r.value.trim()) continue;
    firstObj = parseLine(r.value);
    if (firstObj) {
      firstLine = lineNo;
      break;
    }
  }
  if (!firstObj) throw new InputError(`${base.name}: no JSON object found`);
  const columns = Object.keys(firstObj);
  const toRow = (obj: Record<string, unknown>, line: number, index: number): Row => {
    const values = columns.map((c) => cell(obj[c]));
    undecodable(values, columns, line, base.dialect.encoding, opts.onProblem);
    return { line, index, values, object: obj };
  };
  async function* batches(): AsyncGenerator<Row[]> {
    let index = 1;
    let out: Row[] = [toRow(firstObj!, firstLine, index)];
    for (;;) {
      const r = await lines.next();
      if (r.done) break;
      lineNo++;
      if (!r.value.trim()) continue;
      const obj = parseLine(r.value);
      if (obj) out.push(toRow(obj, lineNo, ++index));
      if (out.length >= BATCH) {
        yield out;
        out = [];
      }
    }
    if (out.length) yield out;
  }
  return { ...base, columns, batches, rows: rowsOf(batches), close: () => rl.close() };
}

/**
 * Finds a column by name: exact, else trimmed and case-insensitive when that is
 * unambiguous (Excel headers often carry stray spaces or another case).
 */
export function findColumn(columns: readonly string[], wanted: string): number {
  const exact = columns.indexOf(wanted);
  if (exact >= 0) return exact;
  const norm = (s: string) => s.trim().toLowerCase();
  const hits = columns.flatMap((c, i) => (norm(c) === norm(wanted) ? [i] : []));
  return hits.length === 1 ? hits[0]! : -1;
}
