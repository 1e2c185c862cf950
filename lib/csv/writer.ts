/**
 * Streaming writer that speaks the dialect of the input: same separator, line
 * ending, quoting style, encoding and BOM (csv-stringify → iconv-lite → file),
 * or JSON Lines. `write` waits for 'drain', so memory stays flat however fast
 * rows come.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { PassThrough, Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import iconv from 'iconv-lite';
import type { Dialect } from './dialect.ts';

export type WriterTarget = string | NodeJS.WritableStream;

/** csv-stringify options for a dialect: the same for the streaming writer and for chunk workers. */
export function stringifyOptions(dialect: Pick<Dialect, 'delimiter' | 'lineEnding' | 'quoteAll'>) {
  return {
    delimiter: dialect.delimiter,
    record_delimiter: dialect.lineEnding === '\r\n' ? 'windows' as const : 'unix' as const,
    quoted: dialect.quoteAll,
    quoted_empty: dialect.quoteAll,
    eof: true,
  };
}

export class TableWriter {
  private done: Promise<void>;
  private failed: Error | undefined;
  rows = 0;

  private constructor(private readonly head: Transform, done: Promise<void>, private readonly jsonl: boolean, private readonly eol: string) {
    this.done = done.catch((e: Error) => {
      this.failed = e;
    });
  }

  /**
   * Opens `target` (a path, or a stream such as stdout that is left open) and
   * writes the header (CSV) at once.
   */
  static open(target: WriterTarget, dialect: Dialect, columns: readonly string[] | undefined): TableWriter {
    const jsonl = dialect.format === 'jsonl';
    const head: Transform = jsonl
      ? new PassThrough({ writableObjectMode: false })
      : stringify(stringifyOptions(dialect));
    const stages: NodeJS.ReadWriteStream[] = [];
    const utf8 = dialect.encoding === 'utf-8';
    if (!utf8) stages.push(encoder(dialect));
    const sink: NodeJS.WritableStream = typeof target === 'string' ? createWriteStream(target) : target;
    const bomBytes = dialect.bom && utf8 ? Buffer.from([0xef, 0xbb, 0xbf]) : undefined;
    let done: Promise<void>;
    if (typeof target === 'string') {
      if (bomBytes) (sink as NodeJS.WritableStream).write(bomBytes);
      done = (pipeline as (...s: unknown[]) => Promise<void>)(head, ...stages, sink);
    } else {
      // Leave stdout (or the caller's stream) open: pipe without ending it.
      if (bomBytes) sink.write(bomBytes);
      const last = stages.reduce<NodeJS.ReadableStream>((src, s) => src.pipe(s), head);
      last.pipe(sink, { end: false });
      done = new Promise<void>((resolve, reject) => {
        last.on('end', resolve);
        last.on('error', reject);
        head.on('error', reject);
      });
    }
    const w = new TableWriter(head, done, jsonl, dialect.lineEnding);
    if (!jsonl && columns) head.write([...columns]);
    return w;
  }

  /** Writes one record: cells for CSV, an object for JSON Lines. */
  async write(record: readonly string[] | Record<string, unknown>): Promise<void> {
    if (this.failed) throw this.failed;
    this.rows++;
    const ok = this.jsonl ? this.head.write(JSON.stringify(record) + this.eol) : this.head.write(record);
    if (!ok) await Promise.race([once(this.head, 'drain'), this.done]);
  }

  async close(): Promise<void> {
    this.head.end();
    await this.done;
    if (this.failed) throw this.failed;
  }
}

/** UTF-8 bytes (what csv-stringify emits) → the target encoding, never splitting a character. */
function encoder(dialect: Dialect): Transform {
  const decoder = new StringDecoder('utf8');
  const enc = iconv.getEncoder(dialect.encoding, { addBOM: dialect.bom && dialect.encoding !== 'windows-1252' });
  return new Transform({
    transform(chunk: Buffer | string, _e, cb) {
      const s = typeof chunk === 'string' ? chunk : decoder.write(chunk);
      cb(null, s ? enc.write(s) : undefined);
    },
    flush(cb) {
      const rest = decoder.end();
      const a = rest ? enc.write(rest) : undefined;
      const b = enc.end();
      cb(null, a && b ? Buffer.concat([a, b]) : a ?? b ?? undefined);
    },
  });
}
