/**
 * Record boundaries of a CSV byte buffer that can be proven without parsing it:
 * a newline outside quotes, where quotes follow RFC 4180 strictly (a quote opens
 * only at the start of a cell, closes only before a separator or a line end).
 * Anything looser (a stray quote csv-parse would take literally) is "ambiguous":
 * the caller then reads the file in one stream instead of splitting it.
 */
const NL = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

interface Boundary {
  /** Bytes up to and including the last provable record end (0: none found). */
  end: number;
  /** Records that end in `[0, end)`, blank lines counted only when `countBlank`. */
  records: number;
}

/**
 * Scans `buf`, which starts at a record start, for its last provable record end,
 * stopping once `limit` records are counted. `null` when the quoting is ambiguous.
 */
export function lastBoundary(buf: Uint8Array, delimiter: number, countBlank: boolean, limit = Infinity): Boundary | null {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let pos = 0;
  let recordStart = 0;
  let records = 0;
  let end = 0;
  for (;;) {
    const q = b.indexOf(QUOTE, pos);
    const stop = q < 0 ? b.length : q;
    for (let nl = b.indexOf(NL, pos); nl >= 0 && nl < stop; nl = b.indexOf(NL, nl + 1)) {
      const blank = nl === recordStart || (nl === recordStart + 1 && b[recordStart] === CR);
      if (countBlank || !blank) records++;
      recordStart = end = nl + 1;
      if (records >= limit) return { end, records };
    }
    if (q < 0) return { end, records };
    if (q !== recordStart && b[q - 1] !== delimiter) return null;
    let p = q + 1;
    for (;;) {
      const c = b.indexOf(QUOTE, p);
      // The quoted cell runs past this buffer: stop at the last proven end.
      if (c < 0 || c + 2 >= b.length) return { end, records };
      const next = b[c + 1];
      if (next === QUOTE) {
        p = c + 2;
        continue;
      }
      if (next === delimiter || next === NL || (next === CR && b[c + 2] === NL)) {
        pos = c + 1;
        break;
      }
      return null;
    }
  }
}

/** Physical lines in `buf` as the reader counts them: each LF, and each CR not followed by LF. */
export function countLines(buf: Uint8Array): number {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let n = 0;
  for (let i = b.indexOf(NL); i >= 0; i = b.indexOf(NL, i + 1)) n++;
  for (let i = b.indexOf(CR); i >= 0; i = b.indexOf(CR, i + 1)) if (b[i + 1] !== NL) n++;
  return n;
}
