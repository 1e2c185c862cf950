/**
 * `crm-note-lint check`: lint files (or stdin) like a linter, or the JSONL
 * machine interface (`--jsonl`): one `{"id","findings"}` line per input line.
 */
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import type { Locale, Severity } from '../categories.ts';
import type { Linter } from '../engine/lint.ts';
import type { Finding, LocaleOption } from '../engine/types.ts';
import { lintJsonlLines, publicFinding, type JsonlBatchResult } from './jsonl.ts';
import { MAX_NOTE_CHARS, reaches } from '../audit/gate.ts';
import { batchLines, lineBatches } from './line-batches.ts';
// Types only: the pool (and node:worker_threads, ~8 ms to load) is imported when a big --jsonl input needs it.
import type { WorkerPool } from '../workers/pool.ts';
import { colorEnabled, dim, paintSeverity } from './color.ts';
import { workerPackData } from './worker-data.ts';
import { failOnReason } from '../audit/gate.ts';


export interface CheckOptions {
  locale: LocaleOption;
  failOn: Severity | 'none';
  format: 'text' | 'json';
  /** Language of the messages and the summary line (files only; JSONL keeps each rule's own). */
  lang?: Locale;
  /** Worker threads for large JSONL input: 0 = one per core, 1 = this thread only. */
  jobs?: number;
  /** How the workers rebuild the same linter. */
  packArgs?: { dictionaries: string[]; builtin: boolean };
  /** Input bytes read in this thread before the workers start (default 1 MiB). */
  parallelAfterBytes?: number;
  /** Size of the JSONL input when known (stdin is a file): above the threshold the workers start at once and this thread lints nothing. */
  inputSize?: number;
}

/** Exit code and, when non-zero, why (printed as the last stderr line). */
export interface CheckResult {
  code: number;
  reason?: string;
}

export interface JsonlTask {
  /** Whole JSONL lines as UTF-8 bytes (lib/cli/line-batches.ts). */
  bytes: Uint8Array;
  firstLine: number;
  locale: LocaleOption;
  failOn: Severity | 'none';
}

/** What a worker sends back: the output lines as UTF-8 bytes (moved, not copied), the rest as in JsonlBatchResult. */
export type JsonlTaskResult = Omit<JsonlBatchResult, 'out'> & { out: Uint8Array };

/** Input bytes read in this thread before the workers are worth starting (each worker loads its own pack). */
const PARALLEL_AFTER_BYTES = 1 << 20;
/** Bytes per batch sent to a worker: large enough that a message costs nothing. */
const WORKER_BATCH_BYTES = 512 * 1024;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function outcome(bad: number, failing: number, failOn: Severity | 'none', badWhat: string): CheckResult {
  if (bad) return { code: 2, reason: `${plural(bad, badWhat)} refused (named above)` };
  if (failing) return { code: 1, reason: failOnReason(failing, failOn) };
  return { code: 0 };
}

export async function checkJsonl(linter: Linter, opts: CheckOptions, input: NodeJS.ReadableStream, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<CheckResult> {
  const jobs = opts.jobs === 0 || opts.jobs === undefined ? availableParallelism() : opts.jobs;
  let bad = 0;
  let failing = 0;
  let read = 0;
  let pool: WorkerPool<JsonlTask, JsonlTaskResult> | undefined;
  let workers: typeof import('../workers/pool.ts') | undefined;
  const inFlight: Promise<JsonlTaskResult>[] = [];
  const emit = async (r: JsonlBatchResult | JsonlTaskResult) => {
    bad += r.bad;
    failing += r.failing;
    if (r.err) err.write(r.err);
    if (r.out.length && !out.write(r.out)) await once(out, 'drain');
  };
  try {
    // Once the workers run, this thread only cuts the input into batches and writes their output in order.
    for await (const batch of lineBatches(input, () => (pool ? WORKER_BATCH_BYTES : 0))) {
      read += batch.bytes.length;
      const threshold = opts.parallelAfterBytes ?? PARALLEL_AFTER_BYTES;
      // A thread pays its own JIT warm-up: when the input is known to be big, this one does not lint at all.
      if (!pool && jobs > 1 && (read > threshold || (opts.inputSize ?? 0) > threshold)) {
        workers = await import('../workers/pool.ts');
        const packs = opts.packArgs ?? { dictionaries: [], builtin: true };
        pool = new workers.WorkerPool(workers.workerEntry('jsonl-worker', import.meta.url), jobs, workerPackData(packs.dictionaries, packs.builtin));
      }
      if (!pool) {
        await emit(lintJsonlLines(linter, batchLines(batch.bytes), batch.firstLine, opts.locale, opts.failOn));
        continue;
      }
      inFlight.push(pool.run({ bytes: batch.bytes, firstLine: batch.firstLine, locale: opts.locale, failOn: opts.failOn }, workers!.transferable(batch.bytes)));
      // Bounded memory: at most two batches per worker wait for their turn to be written.
      if (inFlight.length >= 2 * jobs) await emit(await inFlight.shift()!);
    }
    while (inFlight.length) await emit(await inFlight.shift()!);
  } finally {
    await pool?.close();
  }
  return outcome(bad, failing, opts.failOn, 'line');
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

export function formatText(name: string, text: string, findings: readonly Finding[], color = false): string {
  return findings.map((f) => {
    const [l, c] = lineCol(text, f.start);
    const fix = f.suggestions.map((s) => (s === '' ? '(remove)' : `"${s}"`)).join(' | ');
    return `${name}:${l}:${c}  ${paintSeverity(f.severity, f.severity.padEnd(10), color)} ${f.category.padEnd(11)} "${f.text}" → ${fix}  ${dim(`[${f.rule}]`, color)}\n    ${f.message} (${f.source})`;
  }).join('\n');
}

export async function checkFiles(linter: Linter, files: string[], opts: CheckOptions, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<CheckResult> {
  let failing = 0;
  let unreadable = 0;
  const color = opts.format === 'text' && colorEnabled(out);
  let total = 0;
  const json: Array<{ file: string; findings: ReturnType<typeof publicFinding>[] }> = [];
  const inputs = files.length ? files : ['-'];
  for (const file of inputs) {
    let text: string;
    try {
      text = file === '-' ? await readAll(process.stdin) : readFileSync(file, 'utf8');
    } catch (e) {
      unreadable++;
      err.write(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}), skipped\n`);
      continue;
    }
    const name = file === '-' ? '<stdin>' : file;
    if (text.length > MAX_NOTE_CHARS) {
      unreadable++;
      err.write(`${name}: ${text.length} characters, over the ${MAX_NOTE_CHARS} limit, skipped\n`);
      continue;
    }
    const findings = linter.lint(text, { locale: opts.locale, ...(opts.lang ? { messageLocale: opts.lang } : {}) });
    total += findings.length;
    for (const f of findings) if (reaches(f, opts.failOn)) failing++;
    if (opts.format === 'json') json.push({ file: name, findings: findings.map(publicFinding) });
    else if (findings.length) out.write(formatText(name, text, findings, color) + '\n');
  }
  if (opts.format === 'json') out.write(JSON.stringify(json, null, 2) + '\n');
  else out.write(summaryLine(total, inputs.length, opts.lang ?? 'en') + '\n');
  return outcome(unreadable, failing, opts.failOn, 'file');
}

function summaryLine(findings: number, files: number, lang: Locale): string {
  const rules = new Intl.PluralRules(lang);
  const words = lang === 'fr'
    ? { finding: { one: 'constat', other: 'constats' }, file: { one: 'fichier', other: 'fichiers' }, in: 'dans' }
    : { finding: { one: 'finding', other: 'findings' }, file: { one: 'file', other: 'files' }, in: 'in' };
  const word = (n: number, w: { one: string; other: string }) => `${n} ${rules.select(n) === 'one' ? w.one : w.other}`;
  return `${word(findings, words.finding)} ${words.in} ${word(files, words.file)}`;
}

function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

