/**
 * What one batch of rows adds to an audit: the totals, the input problems, the
 * findings records and the redacted records. Synchronous and free of I/O, so the
 * streaming path and the chunk workers of `--jobs` run the very same code.
 */
import type { Severity } from '../categories.ts';
import type { Finding } from '../engine/types.ts';
import type { InputProblem, Row } from '../csv/reader.ts';
import { MAX_NOTE_CHARS, reaches } from './gate.ts';
import type { AuditStats } from './stats.ts';
import type { CellResult } from './cells.ts';

export interface TextColumn {
  name: string;
  index: number;
}

interface RowAuditContext {
  textCols: readonly TextColumn[];
  idIndex: number;
  failOn: Severity | 'none';
  findings: boolean;
  redact: boolean;
  stats: AuditStats;
  onProblem: (p: InputProblem) => void;
}

interface BatchOutput {
  findings: string[][];
  redacted: Array<string[] | Record<string, unknown>>;
  /** Findings that reach --fail-on. */
  failing: number;
}

/** The cells of a batch to lint, one per row × text column; null for cells that are not audited. */
export function cellTexts(batch: readonly Row[], textCols: readonly TextColumn[]): (string | null)[] {
  const texts: (string | null)[] = [];
  for (const row of batch) for (const col of textCols) {
    const text = row.values[col.index];
    texts.push(text !== undefined && text.trim() && text.length <= MAX_NOTE_CHARS ? text : null);
  }
  return texts;
}

export function auditRows(batch: readonly Row[], results: readonly (CellResult | null)[], c: RowAuditContext): BatchOutput {
  const out: BatchOutput = { findings: [], redacted: [], failing: 0 };
  const { stats } = c;
  let k = 0;
  for (const row of batch) {
    stats.rows++;
    const id = c.idIndex >= 0 ? row.values[c.idIndex] ?? '' : String(row.index);
    let rowHas = false;
    let redactedValues: (string | undefined)[] | undefined;
    for (const col of c.textCols) {
      const result = results[k++];
      const text = row.values[col.index];
      if (text === undefined) {
        c.onProblem({ line: row.line, column: col.name, message: `no "${col.name}" field in this record` });
        continue;
      }
      if (!text.trim()) continue;
      if (text.length > MAX_NOTE_CHARS) {
        c.onProblem({ line: row.line, column: col.name, message: `cell "${col.name}" is ${text.length} characters, over the ${MAX_NOTE_CHARS} limit; not audited` });
        continue;
      }
      const findings: Finding[] = result!.findings;
      stats.addNote(col.name, id, row.line, text, findings);
      if (!findings.length) continue;
      rowHas = true;
      for (const f of findings) if (reaches(f, c.failOn)) out.failing++;
      if (c.findings) {
        for (const f of findings) {
          out.findings.push([id, String(row.line), col.name, f.category, f.severity, f.rule, f.text, f.suggestions[0] ?? '', String(f.start), String(f.end), f.message]);
        }
      }
      if (c.redact) {
        redactedValues ??= [...row.values];
        redactedValues[col.index] = result!.redacted;
      }
    }
    if (rowHas) stats.rowsWithFindings++;
    if (c.redact) {
      const values = redactedValues ?? row.values;
      if (row.object) {
        const obj = redactedValues ? { ...row.object } : row.object;
        if (redactedValues) for (const col of c.textCols) if (typeof obj[col.name] === 'string') obj[col.name] = values[col.index];
        out.redacted.push(obj);
      } else {
        out.redacted.push(values as string[]);
      }
    }
  }
  return out;
}
