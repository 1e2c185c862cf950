/**
 * `audit --jobs N` on a CSV file: the file is cut into byte chunks at proven record
 * ends, each worker reads and audits whole chunks (lib/audit/chunk.ts), and this thread
 * only writes the workers' bytes in input order and merges their totals.
 * At most two chunks per worker are in flight, so memory stays bounded.
 */
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import type { Dialect } from '../csv/dialect.ts';
import { countLines, lastBoundary } from '../csv/boundaries.ts';
import { skippedProblem, type InputProblem } from '../csv/reader.ts';
import { stringifyOptions } from '../csv/writer.ts';
import type { WorkerPool, WorkerEntry } from '../workers/pool.ts';
import type { ChunkResult, ChunkTask } from './chunk.ts';
import type { AuditStats } from './stats.ts';

interface Chunk {
  offset: number;
  length: number;
  line: number;
  index: number;
}

const UTF8_BOM_LENGTH = 3;

/**
 * Cuts a UTF-8 CSV file into chunks of about `chunkBytes` that start at record starts,
 * reading it once in pieces; undefined when a boundary cannot be proven (then the file is streamed).
 */
export function planChunks(path: string, dialect: Dialect, chunkBytes: number, width: number): Chunk[] | undefined {
  if (dialect.format !== 'csv' || dialect.encoding !== 'utf-8' || Buffer.byteLength(dialect.delimiter) !== 1 || dialect.delimiter === '"') return undefined;
  const delimiter = dialect.delimiter.charCodeAt(0);
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    // One buffer reused for every piece (each is scanned, then dropped): no fresh memory per megabyte.
    let scratch = Buffer.allocUnsafeSlow(0);
    const read = (start: number, length: number) => {
      const want = Math.min(length, size - start);
      if (scratch.length < want) scratch = Buffer.allocUnsafeSlow(want);
      return scratch.subarray(0, readSync(fd, scratch, 0, want, start));
    };
    // The header: leading blank lines, then the first record.
    const bom = dialect.bom ? UTF8_BOM_LENGTH : 0;
    const head = read(bom, chunkBytes);
    const header = lastBoundary(head, delimiter, false, 1);
    if (!header || header.records < 1) return undefined;
    let line = 1 + countLines(head.subarray(0, header.end));
    let index = 0;
    let start = bom + header.end;
    let want = chunkBytes;
    const chunks: Chunk[] = [];
    while (start < size) {
      const buf = read(start, want);
      if (start + buf.length >= size) {
        chunks.push({ offset: start, length: buf.length, line, index });
        break;
      }
      const b = lastBoundary(buf, delimiter, width === 1);
      if (!b) return undefined;
      if (b.end === 0) {
        want *= 2; // one record longer than a chunk
        continue;
      }
      chunks.push({ offset: start, length: b.end, line, index });
      line += countLines(buf.subarray(0, b.end));
      index += b.records;
      start += b.end;
      want = chunkBytes;
    }
    return chunks;
  } finally {
    closeSync(fd);
  }
}

/** How audit workers start: their entry, and their data (or what makes it, called once when they start). */
export interface WorkerSetup {
  entry: WorkerEntry;
  data: object | (() => object);
}

export const workerDataOf = (w: WorkerSetup): object => (typeof w.data === 'function' ? w.data() : w.data);

interface ChunkRun {
  path: string;
  chunks: readonly Chunk[];
  jobs: number;
  /** Started by the caller, who closes it. */
  pool: WorkerPool<ChunkTask, ChunkResult>;
  /** Everything a chunk task needs but its place in the file. */
  task: Omit<ChunkTask, 'path' | 'offset' | 'length' | 'line' | 'index'>;
  findingsColumns: readonly string[];
  columns: readonly string[];
  findingsPath?: string;
  redactPath?: string;
  bom: boolean;
  stats: AuditStats;
  onProblem: (p: InputProblem) => void;
  onRows: (rows: number) => void;
}

/** Audits the chunks; returns the number of findings that reach --fail-on. */
export async function auditChunks(r: ChunkRun): Promise<number> {
  const open = (path: string | undefined, dialect: ChunkTask['findingsDialect'], columns: readonly string[]) => {
    if (!path || !dialect) return undefined;
    const fd = openSync(path, 'w');
    if (r.bom) writeSync(fd, Buffer.from([0xef, 0xbb, 0xbf]));
    writeSync(fd, stringify([[...columns]], stringifyOptions(dialect)));
    return fd;
  };
  const findingsFd = open(r.findingsPath, r.task.findingsDialect, r.findingsColumns);
  const redactFd = open(r.redactPath, r.task.redactDialect, r.columns);
  const pool = r.pool;
  const skipped: ChunkResult['skipped'] = [];
  let failing = 0;
  let endLine = r.chunks[0]?.line ?? 1;
  const take = (res: ChunkResult) => {
    if (findingsFd !== undefined && res.findings.length) writeSync(findingsFd, res.findings);
    if (redactFd !== undefined && res.redacted.length) writeSync(redactFd, res.redacted);
    r.stats.merge(res.stats);
    for (const p of res.problems) r.onProblem(p);
    skipped.push(...res.skipped);
    failing += res.failing;
    endLine = res.endLine;
    r.onRows(r.stats.rows);
  };
  try {
    const inFlight: Promise<ChunkResult>[] = [];
    for (const c of r.chunks) {
      inFlight.push(pool.run({ ...r.task, path: r.path, offset: c.offset, length: c.length, line: c.line, index: c.index }));
      if (inFlight.length >= 2 * r.jobs) take(await inFlight.shift()!);
    }
    while (inFlight.length) take(await inFlight.shift()!);
  } finally {
    if (findingsFd !== undefined) closeSync(findingsFd);
    if (redactFd !== undefined) closeSync(redactFd);
  }
  // Like the streaming reader: records csv-parse skipped are named once the file is read.
  for (const err of skipped) r.onProblem(skippedProblem(err, endLine));
  return failing;
}
