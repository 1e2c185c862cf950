/**
 * `crm-note-lint check`: lint files (or stdin) like a linter, or the JSONL
 * machine interface (`--jsonl`): one `{"id","findings"}` line per input line.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { SEVERITIES, type Severity } from '../categories.ts';
import type { Linter } from '../engine/lint.ts';
import type { Finding, LocaleOption } from '../engine/types.ts';

/** A note longer than this is refused with a clear error instead of stalling a pipeline. */
export const MAX_NOTE_CHARS = 5_000_000;

export interface CheckOptions {
  locale: LocaleOption;
  failOn: Severity | 'none';
  format: 'text' | 'json';
}

export function reaches(f: Finding, failOn: Severity | 'none'): boolean {
  return failOn !== 'none' && SEVERITIES.indexOf(f.severity) >= SEVERITIES.indexOf(failOn);
}

/**
 * The stable JSONL shape of a finding (the extra engine fields stay out of it).
 * Added later, never removed: `categories` (primary first), and for a probable typo
 * `confidence` and `typoOf`.
 */
export function publicFinding(f: Finding) {
  return {
    start: f.start, end: f.end, text: f.text, category: f.category, rule: f.rule, severity: f.severity, message: f.message, suggestions: f.suggestions,
    categories: f.categories ?? [f.category],
    ...(f.confidence !== undefined ? { confidence: f.confidence } : {}),
    ...(f.typoOf !== undefined ? { typoOf: f.typoOf } : {}),
  };
}

export async function checkJsonl(linter: Linter, opts: CheckOptions, input: NodeJS.ReadableStream, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let failed = false;
  let bad = 0;
  for await (const line of rl) {
    lineNo++;
    if (!line.trim()) continue;
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch (e) {
      bad++;
      err.write(`stdin:${lineNo}: malformed JSON line, skipped (${(e as Error).message})\n`);
      out.write(JSON.stringify({ id: null, line: lineNo, findings: [], error: 'malformed JSON' }) + '\n');
      continue;
    }
    const obj = rec as { id?: unknown; text?: unknown; locale?: unknown };
    const id = typeof obj?.id === 'string' || typeof obj?.id === 'number' ? obj.id : null;
    if (!obj || typeof obj !== 'object' || typeof obj.text !== 'string') {
      bad++;
      err.write(`stdin:${lineNo}: expected {"id": ..., "text": "..."}; "text" is missing or not a string, skipped\n`);
      out.write(JSON.stringify({ id, line: lineNo, findings: [], error: 'missing "text"' }) + '\n');
      continue;
    }
    if (obj.text.length > MAX_NOTE_CHARS) {
      bad++;
      err.write(`stdin:${lineNo}: note ${JSON.stringify(id)} is ${obj.text.length} characters, over the ${MAX_NOTE_CHARS} limit, skipped\n`);
      out.write(JSON.stringify({ id, line: lineNo, findings: [], error: 'note too long' }) + '\n');
      continue;
    }
    const locale = obj.locale === 'fr' || obj.locale === 'en' ? obj.locale : opts.locale;
    const findings = linter.lint(obj.text, { locale });
    if (findings.some((f) => reaches(f, opts.failOn))) failed = true;
    out.write(JSON.stringify({ id, findings: findings.map(publicFinding) }) + '\n');
  }
  return bad ? 2 : failed ? 1 : 0;
}

function lineCol(text: string, offset: number): [number, number] {
  let line = 1;
  let lastNl = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lastNl = i;
  }
  return [line, offset - lastNl];
}

export function formatText(name: string, text: string, findings: readonly Finding[]): string {
  return findings.map((f) => {
    const [l, c] = lineCol(text, f.start);
    const fix = f.suggestions.map((s) => (s === '' ? '(remove)' : `"${s}"`)).join(' | ');
    return `${name}:${l}:${c}  ${f.severity.padEnd(10)} ${f.category.padEnd(11)} "${f.text}" → ${fix}  [${f.rule}]\n    ${f.message} (${f.source})`;
  }).join('\n');
}

export async function checkFiles(linter: Linter, files: string[], opts: CheckOptions, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  let failed = false;
  let unreadable = false;
  let total = 0;
  const json: Array<{ file: string; findings: ReturnType<typeof publicFinding>[] }> = [];
  const inputs = files.length ? files : ['-'];
  for (const file of inputs) {
    let text: string;
    try {
      text = file === '-' ? await readAll(process.stdin) : readFileSync(file, 'utf8');
    } catch (e) {
      unreadable = true;
      err.write(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}), skipped\n`);
      continue;
    }
    const name = file === '-' ? '<stdin>' : file;
    if (text.length > MAX_NOTE_CHARS) {
      unreadable = true;
      err.write(`${name}: ${text.length} characters, over the ${MAX_NOTE_CHARS} limit, skipped\n`);
      continue;
    }
    const findings = linter.lint(text, { locale: opts.locale });
    total += findings.length;
    if (findings.some((f) => reaches(f, opts.failOn))) failed = true;
    if (opts.format === 'json') json.push({ file: name, findings: findings.map(publicFinding) });
    else if (findings.length) out.write(formatText(name, text, findings) + '\n');
  }
  if (opts.format === 'json') out.write(JSON.stringify(json, null, 2) + '\n');
  else out.write(`${total} finding${total === 1 ? '' : 's'} in ${inputs.length} file${inputs.length === 1 ? '' : 's'}\n`);
  return unreadable ? 2 : failed ? 1 : 0;
}

function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

