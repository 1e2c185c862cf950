/** Record ends that can be proven from bytes alone, before any parsing. */
import { describe, expect, it } from 'vitest';
import { countLines, lastBoundary } from '../../lib/csv/boundaries.ts';

const SEMI = ';'.charCodeAt(0);
const b = (s: string) => Buffer.from(s);

describe('lastBoundary', () => {
  it('skips newlines inside quotes, doubled quotes included, and counts records but not blank lines', () => {
    const text = 'a;"x\r\ny ""z""\r\n"\r\n\r\nb;c\r\nd;"open\r\n';
    expect(lastBoundary(b(text), SEMI, false)).toEqual({ end: text.indexOf('d;'), records: 2 });
    expect(lastBoundary(b(text), SEMI, true)).toEqual({ end: text.indexOf('d;'), records: 3 });
  });

  it('stops after `limit` records (the header)', () => {
    expect(lastBoundary(b('\nId;Notes\nR1;x\n'), SEMI, false, 1)).toEqual({ end: 10, records: 1 });
  });

  it('gives up on a quote csv-parse would take literally', () => {
    expect(lastBoundary(b('a;b"c\nd;e\n'), SEMI, false)).toBeNull();
    expect(lastBoundary(b('a;"b"c;d\ne;f\n'), SEMI, false)).toBeNull();
  });
});

describe('countLines', () => {
  it('counts LF, CRLF once, and a lone CR', () => {
    expect(countLines(b('a\r\nb\nc\rd'))).toBe(3);
  });
});
