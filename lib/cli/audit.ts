/**
 * `crm-note-lint audit FILE --column Notes …`: audits a CRM export (CSV or JSON
 * Lines) already in the database. See docs/audit.md.
 */
import { parseArgs } from 'node:util';
import { SEVERITIES, type Severity } from '../categories.ts';
import { normalizeDelimiter, normalizeEncoding } from '../csv/dialect.ts';
import { REDACT_MODES, type RedactMode } from '../audit/redact.ts';
import { runAudit } from '../audit/run.ts';
import { buildLinter } from './build-linter.ts';
import type { Io } from './io.ts';
import { exitWith } from './exit.ts';
import { cliLang, isCliLang } from './lang.ts';
import { workerEntry } from '../workers/pool.ts';
import { EXPORT_INPUT_OPTIONS } from './export-options.ts';
import { workerPackData } from './worker-data.ts';

export const AUDIT_USAGE = `Usage: crm-note-lint audit FILE|- [options]
  --column NAME          Text column to audit (repeatable; default: a column named like "Notes")
  --id-column NAME       Column that identifies the record in the findings (default: row number)
  --out FILE             Findings as CSV: id, line, column, category, severity, rule, wording, suggestion…
  --redact FILE          Copy of the export with each flagged span rewritten (same dialect as the input)
  --redact-mode MODE     suggest (default) | remove | mask
  --mask TEXT            Replacement used by --redact-mode mask (default "[…]")
  --html FILE            Self-contained HTML report (no note text unless --include-text)
  --include-text         Put the flagged wording and its context in the HTML report
  --lang fr|en           Language of the summary and the HTML report, rule messages included (default: LANG when French or English)
  --encoding ENC         utf-8 | windows-1252 | utf-16le (default: detected)
  --delimiter C          ; , tab | (default: detected)
  --format csv|jsonl     Input format (default: detected)
  --locale fr|en|auto    Language of the notes (default auto)
  --dictionary PATH      Extra pack (repeatable); --no-builtin to use only those
  --fail-on LEVEL        suggestion|warning|error|none (default error)
  --progress / --no-progress   Force the progress bar on stderr (default: only on a terminal)
  --jobs N               Threads that lint the notes, this one included (default: one per core; 1 = this thread only)
Exit codes: 0 clean, 1 a finding reached --fail-on, 2 bad input (named on stderr; the rest is processed).
`;

export async function auditCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...EXPORT_INPUT_OPTIONS,
      column: { type: 'string', multiple: true, default: [] },
      'id-column': { type: 'string' },
      out: { type: 'string' },
      redact: { type: 'string' },
      'redact-mode': { type: 'string', default: 'suggest' },
      mask: { type: 'string' },
      html: { type: 'string' },
      lang: { type: 'string' },
      'include-text': { type: 'boolean', default: false },
      'fail-on': { type: 'string', default: 'error' },
      jobs: { type: 'string' },
    },
  });
  const bad = (m: string) => {
    io.stderr.write(`crm-note-lint audit: ${m}\n\n${AUDIT_USAGE}`);
    return exitWith(io, 2, m);
  };
  if (values.help) {
    io.stdout.write(AUDIT_USAGE);
    return 0;
  }
  if (positionals.length !== 1) return bad(positionals.length ? 'one input file at a time' : 'give the export to audit (a file, or - for stdin)');
  if (!['fr', 'en', 'auto'].includes(values.locale!)) return bad(`--locale must be fr, en or auto (got "${values.locale}")`);
  if (!isCliLang(values.lang)) return bad(`--lang must be fr or en (got "${values.lang}")`);
  if (![...SEVERITIES, 'none'].includes(values['fail-on']!)) return bad('--fail-on must be suggestion, warning, error or none');
  if (!REDACT_MODES.includes(values['redact-mode'] as RedactMode)) return bad('--redact-mode must be suggest, remove or mask');
  const encoding = values.encoding === undefined ? undefined : normalizeEncoding(values.encoding);
  if (values.encoding !== undefined && !encoding) return bad(`--encoding must be utf-8, windows-1252, utf-16le or utf-16be (got "${values.encoding}")`);
  const delimiter = values.delimiter === undefined ? undefined : normalizeDelimiter(values.delimiter);
  if (values.delimiter !== undefined && !delimiter) return bad(`--delimiter must be one character or tab/semicolon/comma/pipe (got "${values.delimiter}")`);
  if (values.format !== undefined && !['csv', 'jsonl'].includes(values.format)) return bad('--format must be csv or jsonl');
  const input = positionals[0]!;
  for (const [flag, path] of [['--out', values.out], ['--redact', values.redact], ['--html', values.html]] as const) {
    if (path && path === input) return bad(`${flag} would overwrite the input file`);
  }
  if (values.jobs !== undefined && !/^[1-9]\d*$/.test(values.jobs)) return bad(`--jobs must be a whole number ≥ 1 (got "${values.jobs}")`);
  const linter = await buildLinter(values.dictionary!, !values['no-builtin']);
  const result = await runAudit({
    input: input === '-' ? io.stdin : input,
    name: input === '-' ? '<stdin>' : input,
    columns: values.column!,
    idColumn: values['id-column'],
    linter,
    locale: values.locale as 'fr' | 'en' | 'auto',
    ...(cliLang(values.lang) ? { lang: cliLang(values.lang)! } : {}),
    failOn: values['fail-on'] as Severity | 'none',
    out: values.out,
    redact: values.redact,
    redactMode: values['redact-mode'] as RedactMode,
    mask: values.mask,
    html: values.html,
    includeText: values['include-text']!,
    encoding,
    delimiter,
    format: values.format as 'csv' | 'jsonl' | undefined,
    stdout: io.stdout,
    stderr: io.stderr,
    progress: values['no-progress'] ? false : values.progress,
    jobs: values.jobs === undefined ? 0 : Number(values.jobs),
    workers: { entry: workerEntry('audit-worker', import.meta.url), data: () => workerPackData(values.dictionary!, !values['no-builtin']) },
  });
  return exitWith(io, result.exitCode, result.reason);
}
