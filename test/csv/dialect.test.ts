import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { looksLikeJsonl, normalizeDelimiter, normalizeEncoding, sniffCsv, sniffEncoding } from '../../lib/csv/dialect.ts';
import { findColumn, openTable, type InputProblem, type Row } from '../../lib/csv/reader.ts';
import { Progress, formatDuration, formatInt } from '../../lib/csv/progress.ts';

describe('sniffing', () => {
  it('encoding: BOM, valid UTF-8, Windows-1252, mostly-UTF-8 with a stray byte', () => {
    expect(sniffEncoding(Buffer.from('\uFEFFa;b'), true)).toEqual({ encoding: 'utf-8', bom: true, bomLength: 3 });
    expect(sniffEncoding(Buffer.from([0xff, 0xfe, 0x61, 0]), true).encoding).toBe('utf-16le');
    expect(sniffEncoding(Buffer.from('Prévoir;été'), true).encoding).toBe('utf-8');
    expect(sniffEncoding(iconv.encode('Prévoir;été;Lefèvre', 'windows-1252'), true).encoding).toBe('windows-1252');
    expect(sniffEncoding(Buffer.concat([Buffer.from('é é é '), Buffer.from([0xff])]), true).encoding).toBe('utf-8');
    // A character cut by the end of the sample does not count against UTF-8.
    expect(sniffEncoding(Buffer.from('aé').subarray(0, 2), false).encoding).toBe('utf-8');
  });

  it('separator, line ending and quoting from the header and the next records', () => {
    expect(sniffCsv('Id;Nom;Notes\r\n1;a;"b, c"\r\n')).toEqual({ delimiter: ';', lineEnding: '\r\n', quoteAll: false });
    expect(sniffCsv('Id,Nom,Notes\n1,a,"b; c; d"\n')).toEqual({ delimiter: ',', lineEnding: '\n', quoteAll: false });
    expect(sniffCsv('Id\tNom\n1\tx\n').delimiter).toBe('\t');
    expect(sniffCsv('"Id","Nom"\r\n"1","x"\r\n').quoteAll).toBe(true);
    expect(sniffCsv('"Notes; avec point-virgule",Id\nx,1\n').delimiter).toBe(',');
    expect(sniffCsv('Notes\nRAS\n').delimiter).toBe(',');
    expect(sniffCsv('a;b', ',').delimiter).toBe(',');
  });

  it('JSON Lines, option aliases, loose column names', () => {
    expect(looksLikeJsonl('x.jsonl', 'a,b')).toBe(true);
    expect(looksLikeJsonl(undefined, ' {"a":1}')).toBe(true);
    expect(looksLikeJsonl('x.csv', '{"a":1}')).toBe(false);
    expect(normalizeEncoding('CP1252')).toBe('windows-1252');
    expect(normalizeEncoding('latin1')).toBe('windows-1252');
    expect(normalizeEncoding('klingon')).toBeUndefined();
    expect(normalizeDelimiter('tab')).toBe('\t');
    expect(normalizeDelimiter('"')).toBeUndefined();
    expect(findColumn(['Id', ' Notes '], 'notes')).toBe(1);
    expect(findColumn(['note', 'Note'], 'NOTE')).toBe(-1); // ambiguous
  });

  it('progress: silent unless a TTY; renders rows, rate, bar and ETA', () => {
    let written = '';
    const sink = { write: (s: string) => { written += s; return true; }, isTTY: false } as unknown as NodeJS.WritableStream;
    const p = new Progress(sink, { bytesRead: () => 50, totalBytes: 100 });
    for (let i = 0; i < 1024; i++) p.tick(i);
    p.done();
    expect(written).toBe('');
    const line = new Progress(sink, { bytesRead: () => 50, totalBytes: 100 }, 'rows', true).render(12345, Date.now() + 1000);
    expect(line).toMatch(/^12 345 rows {2}\d[\d ]* rows\/s \[█{12}░{12}\] {2}50% {2}ETA 0:0[01]$/);
    expect(formatInt(1234567)).toBe('1 234 567');
    expect(formatDuration(3725)).toBe('1:02:05');
  });
});

async function readAll(input: string | Buffer, opts: { delimiter?: string } = {}) {
  const problems: InputProblem[] = [];
  const t = await openTable(Readable.from([Buffer.from(input)]), { onProblem: (p) => problems.push(p), ...opts });
  const rows: Row[] = [];
  for await (const r of t.rows()) rows.push(r);
  return { t, rows, problems };
}

describe('reader', () => {
  it('counts physical lines across multi-line cells, CRLF inside cells and blank lines', async () => {
    const { t, rows } = await readAll('a;b\r\n1;"x\r\ny\r\nz"\r\n\r\n2;"p\nq"\r\n3;r\r\n');
    expect(t.columns).toEqual(['a', 'b']);
    expect(rows.map((r) => [r.line, r.index, r.values[1]])).toEqual([[2, 1, 'x\r\ny\r\nz'], [6, 2, 'p\nq'], [8, 3, 'r']]);
  });

  it('keeps going after bad rows, each named by its line', async () => {
    const { rows, problems } = await readAll('a,b\n1,2\n3\n4,5,6\n7,"8"x\n9,10\n');
    expect(rows.map((r) => r.values)).toEqual([['1', '2'], ['7', '"8"x'], ['9', '10']]);
    expect(problems.map((p) => p.line)).toEqual([3, 4]);
  });

  it('reads a large stream with a small memory footprint (rows are pulled, not buffered)', async () => {
    const n = 50_000;
    const chunks = (function* () {
      yield Buffer.from('id;notes\n');
      for (let i = 0; i < n; i += 1000) {
        let s = '';
        for (let j = i; j < i + 1000; j++) s += `${j};note ${j}\n`;
        yield Buffer.from(s);
      }
    })();
    const t = await openTable(Readable.from(chunks), { onProblem: () => undefined });
    let count = 0;
    let last = '';
    for await (const r of t.rows()) {
      count++;
      last = r.values[0]!;
    }
    expect(count).toBe(n);
    expect(last).toBe(String(n - 1));
  });
});
