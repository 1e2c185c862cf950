/**
 * Sniffing what an export looks like from its first bytes: encoding (BOM, UTF-8
 * validity, else Windows-1252), JSON Lines or CSV, separator, line ending and
 * quoting style. Everything here is pure (bytes or text in, facts out), so the
 * reader and the tests share it.
 */
import { isUtf8 } from 'node:buffer';

export type Encoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
export interface Dialect {
  format: 'csv' | 'jsonl';
  encoding: Encoding;
  /** The input started with a byte order mark (written back by the writers). */
  bom: boolean;
  /** Cell separator (CSV only). */
  delimiter: string;
  /** Record separator, the first one met outside quotes. */
  lineEnding: '\r\n' | '\n';
  /** Every header cell was quoted (Salesforce style): the writers quote every cell too. */
  quoteAll: boolean;
}

/** Delimiters tried by the sniffer, in order of preference on a tie. */
export const DELIMITERS = [';', ',', '\t', '|'] as const;

/** Aliases accepted by `--encoding`. */
export function normalizeEncoding(name: string): Encoding | undefined {
  const n = name.trim().toLowerCase().replace(/_/g, '-');
  if (['utf-8', 'utf8'].includes(n)) return 'utf-8';
  if (['windows-1252', 'cp1252', 'win1252', 'latin1', 'latin-1', 'iso-8859-1', 'iso-8859-15', 'ansi'].includes(n)) return 'windows-1252';
  if (['utf-16le', 'utf16le', 'utf-16', 'utf16', 'ucs-2'].includes(n)) return 'utf-16le';
  if (['utf-16be', 'utf16be'].includes(n)) return 'utf-16be';
  return undefined;
}

/** `--delimiter` accepts the character or a name (`tab`, `semicolon`, `comma`, `pipe`). */
export function normalizeDelimiter(d: string): string | undefined {
  const named: Record<string, string> = { tab: '\t', '\\t': '\t', semicolon: ';', comma: ',', pipe: '|' };
  const v = named[d.toLowerCase()] ?? d;
  return v.length === 1 && !/["\r\n]/.test(v) ? v : undefined;
}

export interface EncodingGuess {
  encoding: Encoding;
  bom: boolean;
  /** Bytes of BOM at the start. */
  bomLength: number;
}

/** Encoding from the head of a file: a BOM wins, then valid UTF-8, else Windows-1252 (French Excel). */
export function sniffEncoding(head: Buffer, atEof: boolean): EncodingGuess {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: true, bomLength: 3 };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: true, bomLength: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: true, bomLength: 2 };
  let end = head.length;
  if (!atEof) {
    // Do not hold a multi-byte character cut by the end of the sample against the file.
    let back = 0;
    while (back < 3 && end - back - 1 >= 0 && (head[end - back - 1]! & 0xc0) === 0x80) back++;
    if (end - back - 1 >= 0 && head[end - back - 1]! >= 0xc0) end = end - back - 1;
  }
  const sample = head.subarray(0, end);
  if (isUtf8(sample)) return { encoding: 'utf-8', bom: false, bomLength: 0 };
  // Mostly UTF-8 with a stray bad byte stays UTF-8 (the bad byte is reported on its
  // line); Windows-1252 text almost never forms valid UTF-8 multi-byte sequences.
  const { valid, invalid } = utf8Sequences(sample);
  return { encoding: valid > invalid ? 'utf-8' : 'windows-1252', bom: false, bomLength: 0 };
}

/** Counts valid multi-byte UTF-8 sequences and invalid bytes. */
export function utf8Sequences(b: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c < 0x80) continue;
    const len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= b.length;
    for (let k = 1; ok && k < len; k++) if ((b[i + k]! & 0xc0) !== 0x80) ok = false;
    if (ok) {
      valid++;
      i += len - 1;
    } else invalid++;
  }
  return { valid, invalid };
}

/** JSON Lines when the name says so or the first non-blank character opens an object. */
export function looksLikeJsonl(name: string | undefined, headText: string): boolean {
  if (name && /\.(jsonl|ndjson)$/i.test(name)) return true;
  if (name && /\.(csv|tsv|txt)$/i.test(name)) return false;
  return /^\s*\{/.test(headText);
}

export interface CsvSniff {
  delimiter: string;
  lineEnding: '\r\n' | '\n';
  quoteAll: boolean;
}

/**
 * The separator is the candidate met most often outside quotes in the header
 * record, cross-checked against the next records (a separator whose count
 * varies from record to record loses to a steady one).
 */
export function sniffCsv(text: string, forcedDelimiter?: string): CsvSniff {
  const records = splitRecords(text, 6);
  const header = records[0] ?? { cells: {}, ending: undefined, quotedCells: 0, cellsTotal: 0 };
  let delimiter = forcedDelimiter;
  if (!delimiter) {
    let best: string = ',';
    let bestScore = 0;
    for (const d of DELIMITERS) {
      const n = header.cells[d] ?? 0;
      if (n === 0) continue;
      const others = records.slice(1).filter((r) => r.complete);
      const steady = others.length === 0 || others.every((r) => (r.cells[d] ?? 0) === n);
      const score = n * (steady ? 2 : 1);
      if (score > bestScore) {
        best = d;
        bestScore = score;
      }
    }
    delimiter = best;
  }
  const ending = records.find((r) => r.ending)?.ending ?? '\n';
  const quoteAll = header.quotedCells > 0 && header.quotedCellsBy(delimiter) === (header.cells[delimiter] ?? 0) + 1;
  return { delimiter, lineEnding: ending, quoteAll };
}

interface SniffRecord {
  /** Count of each candidate delimiter outside quotes. */
  cells: Record<string, number>;
  ending: '\r\n' | '\n' | undefined;
  complete: boolean;
  quotedCells: number;
  quotedCellsBy: (d: string) => number;
}

function splitRecords(text: string, max: number): SniffRecord[] {
  const out: SniffRecord[] = [];
  let i = 0;
  while (i < text.length && out.length < max) {
    const cells: Record<string, number> = {};
    let inQuotes = false;
    let ending: '\r\n' | '\n' | undefined;
    const start = i;
    for (; i < text.length; i++) {
      const ch = text[i]!;
      if (inQuotes) {
        if (ch === '"') {
          if (text[i + 1] === '"') i++;
          else inQuotes = false;
        }
        continue;
      }
      if (ch === '"') inQuotes = true;
      else if (ch === '\n' || ch === '\r') {
        ending = ch === '\r' && text[i + 1] === '\n' ? '\r\n' : '\n';
        i += ending.length;
        break;
      } else if ((DELIMITERS as readonly string[]).includes(ch)) {
        cells[ch] = (cells[ch] ?? 0) + 1;
      }
    }
    const body = text.slice(start, ending ? i - ending.length : i);
    if (body === '' && ending) continue; // blank line
    const quotedCellsBy = (d: string): number => body.split(d).filter((c) => /^\s*"/.test(c)).length;
    out.push({ cells, ending, complete: ending !== undefined, quotedCells: /^\s*"/.test(body) ? 1 : 0, quotedCellsBy });
  }
  return out;
}
