/**
 * Reads a stream as batches of whole lines (at least `minChars` characters each,
 * except the last), without a readline event per line: the JSONL path splits
 * each chunk once and hands the batch on.
 */
import { StringDecoder } from 'node:string_decoder';

export interface LineBatch {
  lines: string[];
  /** 1-based number of the first line of the batch in the whole input. */
  firstLine: number;
  chars: number;
}

export async function* lineBatches(input: NodeJS.ReadableStream, minChars: () => number): AsyncGenerator<LineBatch> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let nextLine = 1;
  let pending: string[] = [];
  let pendingChars = 0;
  const take = (): LineBatch => {
    const batch = { lines: pending, firstLine: nextLine, chars: pendingChars };
    nextLine += pending.length;
    pending = [];
    pendingChars = 0;
    return batch;
  };
  for await (const chunk of input) {
    const text = carry + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
    const last = text.lastIndexOf('\n');
    if (last < 0) {
      carry = text;
      continue;
    }
    carry = text.slice(last + 1);
    for (const line of text.slice(0, last).split('\n')) pending.push(line.endsWith('\r') ? line.slice(0, -1) : line);
    pendingChars += last;
    if (pendingChars >= minChars()) yield take();
  }
  carry += decoder.end();
  if (carry) {
    pending.push(carry.endsWith('\r') ? carry.slice(0, -1) : carry);
    pendingChars += carry.length;
  }
  if (pending.length) yield take();
}
