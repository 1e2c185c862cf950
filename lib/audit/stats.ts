/**
 * Running totals of an audit: bounded by the number of rules and columns, never
 * by the number of rows, so a 1M-row export costs the same memory as 10 rows.
 */
import { CATEGORIES, SEVERITIES, type CategoryId, type Locale, type Severity } from '../categories.ts';
import type { Finding } from '../engine/types.ts';
import type { Dialect } from '../csv/dialect.ts';
import { reportWords } from './report-words.ts';

export interface RuleStat {
  rule: string;
  category: CategoryId;
  severity: Severity;
  message: string;
  source: string;
  count: number;
}

export interface ColumnStat {
  notes: number;
  notesWithFindings: number;
  findings: number;
}

export interface Sample {
  id: string;
  line: number;
  column: string;
  wording: string;
  suggestion: string;
  rule: string;
  category: CategoryId;
  severity: Severity;
  /** A few words around the wording (only kept with --include-text). */
  before: string;
  after: string;
}

/** The totals of an AuditStats as they cross to another thread. */
export type StatsPart = Pick<AuditStats, 'rows' | 'rowsWithFindings' | 'notes' | 'notesWithFindings' | 'findings' | 'bySeverity' | 'byCategory' | 'byRule' | 'byColumn' | 'samples' | 'samplesDropped'>;

export class AuditStats {
  rows = 0;
  rowsWithFindings = 0;
  notes = 0;
  notesWithFindings = 0;
  findings = 0;
  problems = 0;
  readonly bySeverity: Record<Severity, number> = { suggestion: 0, warning: 0, error: 0 };
  readonly byCategory = new Map<CategoryId, number>();
  readonly byRule = new Map<string, RuleStat>();
  readonly byColumn = new Map<string, ColumnStat>();
  readonly samples: Sample[] = [];
  samplesDropped = 0;

  constructor(readonly columns: readonly string[], readonly keepSamples = 0) {
    for (const c of columns) this.byColumn.set(c, { notes: 0, notesWithFindings: 0, findings: 0 });
  }

  /**
   * Adds the totals of the next part of the same export (a chunk audited in a
   * worker thread, structured-cloned): first-seen order and samples as if read here.
   */
  merge(part: StatsPart): void {
    this.rows += part.rows;
    this.rowsWithFindings += part.rowsWithFindings;
    this.notes += part.notes;
    this.notesWithFindings += part.notesWithFindings;
    this.findings += part.findings;
    for (const s of SEVERITIES) this.bySeverity[s] += part.bySeverity[s];
    for (const [k, n] of part.byCategory) this.byCategory.set(k, (this.byCategory.get(k) ?? 0) + n);
    for (const [k, r] of part.byRule) {
      const mine = this.byRule.get(k);
      if (mine) mine.count += r.count;
      else this.byRule.set(k, { ...r });
    }
    for (const [k, c] of part.byColumn) {
      const mine = this.byColumn.get(k)!;
      mine.notes += c.notes;
      mine.notesWithFindings += c.notesWithFindings;
      mine.findings += c.findings;
    }
    const taken = part.samples.slice(0, Math.max(0, this.keepSamples - this.samples.length));
    this.samples.push(...taken);
    this.samplesDropped += part.samples.length - taken.length + part.samplesDropped;
  }

  addNote(column: string, id: string, line: number, text: string, findings: readonly Finding[]): void {
    const col = this.byColumn.get(column)!;
    this.notes++;
    col.notes++;
    if (!findings.length) return;
    this.notesWithFindings++;
    col.notesWithFindings++;
    col.findings += findings.length;
    this.findings += findings.length;
    for (const f of findings) {
      this.bySeverity[f.severity]++;
      this.byCategory.set(f.category, (this.byCategory.get(f.category) ?? 0) + 1);
      const r = this.byRule.get(f.rule);
      if (r) r.count++;
      else this.byRule.set(f.rule, { rule: f.rule, category: f.category, severity: f.severity, message: f.message, source: f.source, count: 1 });
      if (this.samples.length < this.keepSamples) {
        this.samples.push({
          id, line, column, wording: f.text, suggestion: f.suggestions[0] ?? '', rule: f.rule, category: f.category, severity: f.severity,
          before: context(text.slice(Math.max(0, f.start - 60), f.start), 'before'),
          after: context(text.slice(f.end, f.end + 60), 'after'),
        });
      } else if (this.keepSamples) this.samplesDropped++;
    }
  }

  topRules(n: number): RuleStat[] {
    return [...this.byRule.values()].sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule)).slice(0, n);
  }

  categories(): Array<{ category: CategoryId; count: number }> {
    return [...this.byCategory].map(([category, count]) => ({ category, count })).sort((a, b) => b.count - a.count || a.category.localeCompare(b.category));
  }

  toJSON() {
    return {
      rows: this.rows, rowsWithFindings: this.rowsWithFindings, notes: this.notes, notesWithFindings: this.notesWithFindings,
      findings: this.findings, problems: this.problems, bySeverity: this.bySeverity,
      byCategory: Object.fromEntries(this.categories().map((c) => [c.category, c.count])),
      byColumn: Object.fromEntries(this.byColumn),
      byRule: Object.fromEntries(this.topRules(Infinity).map((r) => [r.rule, r.count])),
    };
  }
}

function context(s: string, side: 'before' | 'after'): string {
  const flat = s.replace(/\s+/g, ' ');
  if (side === 'before') return flat.length > 40 ? '…' + flat.slice(-40).replace(/^\S*\s/, '') : flat;
  return flat.length > 40 ? flat.slice(0, 40).replace(/\s\S*$/, '') + '…' : flat;
}

/** "CSV, utf-8, separator ";", CRLF", in the reader's language. */
export function describeDialect(d: Dialect, lang: Locale = 'en'): string {
  const W = reportWords(lang);
  const bom = d.bom ? W.text('withBom') : '';
  if (d.format === 'jsonl') return `JSON Lines, ${d.encoding}${bom}`;
  const sep = d.delimiter === '\t' ? W.text('tab') : `"${d.delimiter}"`;
  return `CSV, ${d.encoding}${bom}, ${W.text('separator', sep)}, ${d.lineEnding === '\r\n' ? 'CRLF' : 'LF'}${d.quoteAll ? W.text('allQuoted') : ''}`;
}

/** The summary table printed on stdout, in the reader's language. */
export function formatSummary(stats: AuditStats, name: string, dialect: Dialect, topN = 10, lang: Locale = 'en'): string {
  const W = reportWords(lang);
  const L: string[] = [];
  const row = (label: string, value: number, extra = '') => L.push(`  ${label.padEnd(22)} ${W.int(value).padStart(10)}${extra ? '   ' + extra : ''}`);
  L.push(W.text('auditOf', name, describeDialect(dialect, lang)));
  L.push('');
  row(W.text('rows'), stats.rows);
  row(W.text('notes'), stats.notes, W.text('columns', stats.columns.join(', ')));
  row(W.text('withFindings'), stats.notesWithFindings, stats.notes ? W.percent(stats.notesWithFindings, stats.notes) : '—');
  row(W.text('findings'), stats.findings, SEVERITIES.slice().reverse().map((s) => `${W.severity(s)} ${W.int(stats.bySeverity[s])}`).join(' · '));
  if (stats.problems) row(W.text('problems'), stats.problems, W.text('seeStderr'));
  if (stats.columns.length > 1) {
    L.push('', W.text('byColumn'));
    for (const [c, s] of stats.byColumn) L.push(`  ${c.padEnd(22)} ${W.int(s.findings).padStart(10)}   ${W.text('inOf', W.int(s.notesWithFindings), W.int(s.notes))}`);
  }
  const cats = stats.categories();
  if (cats.length) {
    L.push('', W.text('byCategory'));
    const max = cats[0]!.count;
    for (const { category, count } of cats) {
      const bar = '█'.repeat(Math.max(1, Math.round((20 * count) / max)));
      L.push(`  ${category.padEnd(11)} ${CATEGORIES[category].label[lang].padEnd(28).slice(0, 28)} ${W.int(count).padStart(8)}  ${bar}`);
    }
    L.push('', W.text('topRules'));
    for (const r of stats.topRules(topN)) L.push(`  ${W.int(r.count).padStart(8)}  ${r.severity.padEnd(10)} ${r.category.padEnd(11)} ${r.rule}`);
    const more = stats.byRule.size - topN;
    if (more > 0) L.push(`  ${W.moreRules(more)}`);
  }
  return L.join('\n') + '\n';
}
