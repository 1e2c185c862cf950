/**
 * Reads a stream as batches of whole lines, kept as UTF-8 bytes (at least `minBytes`
 * each, except the last): the batch is cut at its last newline byte, never decoded
 * here, so it can be handed to a worker thread as one transferable buffer (the worker
 * decodes and splits it) or decoded once by the caller. A newline byte (0x0A) never
 * occurs inside a multi-byte UTF-8 character, so a cut there never splits one.
 */

const NL = 0x0a;

export interface LineBatch {
  /** Whole lines, each ending in "\n" (the last line of the input may lack it); a view of the stream's chunk when one held them all. */
  bytes: Buffer;
  /** 1-based number of the first line of the batch in the whole input. */
  firstLine: number;
}

/** Number of newline bytes in `b`. */
function newlines(b: Buffer): number {
  let n = 0;
  for (let i = b.indexOf(NL); i >= 0; i = b.indexOf(NL, i + 1)) n++;
  return n;
}

export async function* lineBatches(input: NodeJS.ReadableStream, minBytes: () => number): AsyncGenerator<LineBatch> {
  let nextLine = 1;
  let parts: Buffer[] = [];
  let size = 0;
  /** The parts read so far, up to `keep` bytes of the last one, as one batch; the rest of the last part is kept. */
  const take = (keep: number): LineBatch => {
    const last = parts[parts.length - 1]!;
    let bytes: Buffer;
    if (parts.length === 1) bytes = last.subarray(0, keep);
    else {
      bytes = Buffer.allocUnsafeSlow(size - last.length + keep);
      let at = 0;
      for (let i = 0; i < parts.length - 1; i++) at += parts[i]!.copy(bytes, at);
      last.copy(bytes, at, 0, keep);
    }
    const rest = last.subarray(keep);
    parts = rest.length ? [rest] : [];
    size = rest.length;
    const batch = { bytes, firstLine: nextLine };
    nextLine += newlines(bytes);
    return batch;
  };
  for await (const chunk of input) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
    if (!b.length) continue;
    parts.push(b);
    size += b.length;
    if (size < minBytes()) continue;
    const last = b.lastIndexOf(NL);
    if (last < 0) continue;
    yield take(last + 1);
  }
  if (size) yield take(parts[parts.length - 1]!.length);
}

/** The lines of a batch, decoded, without their "\n" or "\r\n" (a final "\n" starts no extra line). */
export function batchLines(bytes: Uint8Array): string[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) if (lines[i]!.endsWith('\r')) lines[i] = lines[i]!.slice(0, -1);
  return lines;
}
