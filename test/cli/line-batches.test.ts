/**
 * The JSONL reader cuts stdin into batches of whole lines as bytes: a cut never splits a
 * line or a UTF-8 character, line numbers follow the input, and a batch the workers get
 * owns its memory (so it can be moved to them, not copied).
 */
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { batchLines, lineBatches, type LineBatch } from '../../lib/cli/line-batches.ts';
import { transferable } from '../../lib/workers/pool.ts';

async function collect(chunks: Array<Buffer | string>, minBytes: number): Promise<LineBatch[]> {
  const out: LineBatch[] = [];
  for await (const b of lineBatches(Readable.from(chunks, { objectMode: false }), () => minBytes)) out.push(b);
  return out;
}

describe('lineBatches', () => {
  const text = '{"id":"1","text":"Client diabétique"}\r\n{"id":"2","text":"RAS"}\n\n{"id":"3","text":"Prévoir 6 menus hallal"}';
  const bytes = Buffer.from(text, 'utf8');
  // Cut inside "é" (two bytes) and inside the CRLF.
  const cutE = bytes.indexOf(Buffer.from('é')) + 1;
  const cutCrLf = bytes.indexOf(0x0a);
  const chunks = [bytes.subarray(0, cutE), bytes.subarray(cutE, cutCrLf), bytes.subarray(cutCrLf, 50), bytes.subarray(50)];
  const expected = ['{"id":"1","text":"Client diabétique"}', '{"id":"2","text":"RAS"}', '', '{"id":"3","text":"Prévoir 6 menus hallal"}'];

  it('gives the same lines, CRLF stripped, whatever the chunks and the batch size', async () => {
    for (const minBytes of [0, 10, 1 << 20]) {
      const batches = await collect(chunks, minBytes);
      expect(batches.flatMap((b) => batchLines(b.bytes))).toEqual(expected);
    }
    expect((await collect([text], 0)).flatMap((b) => batchLines(b.bytes))).toEqual(expected);
  });

  it('numbers each batch by its first input line', async () => {
    const batches = await collect(chunks, 0);
    expect(batches.length).toBeGreaterThan(1);
    let line = 1;
    for (const b of batches) {
      expect(b.firstLine).toBe(line);
      line += batchLines(b.bytes).length;
    }
  });

  it('cuts only after a newline byte, and a batch made of several chunks can move to a worker', async () => {
    const batches = await collect(chunks, 60);
    for (const b of batches.slice(0, -1)) expect(b.bytes[b.bytes.length - 1]).toBe(0x0a);
    const joined = batches.find((b) => b.bytes.length > 60)!;
    expect(transferable(joined.bytes)).toHaveLength(1);
    expect(transferable(Buffer.from('small'))).toEqual([]); // a slice of the shared pool is copied instead
  });
});
