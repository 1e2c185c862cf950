/**
 * Worker threads change nothing but the speed: `check --jsonl` and `audit` with
 * several jobs write exactly what one thread writes, in input order, bad lines included.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { checkJsonl, type CheckOptions } from '../../lib/cli/check.ts';
import { runAudit } from '../../lib/audit/run.ts';
import { planChunks } from '../../lib/audit/chunked.ts';
import { workerEntry } from '../../lib/workers/pool.ts';
import { builtinLinter as linter } from '../helpers.ts';
import { captureIo } from './audit-io.ts';

const NOTES = ['Client diabétique, rappeler mardi', 'RAS', 'Prévoir 6 menus hallal', 'Customer is diabetic', 'Il est musulman pratiquant', 'Devis envoyé'];

async function jsonl(input: string, jobs: number) {
  const io = captureIo(input);
  const opts: CheckOptions = { locale: 'auto', failOn: 'error', format: 'text', jobs, packArgs: { dictionaries: [], builtin: true }, parallelAfterBytes: 1000 };
  const result = await checkJsonl(linter(), opts, io.stdin, io.stdout, io.stderr);
  return { result, out: io.out(), err: io.err() };
}

describe('--jobs', () => {
  it('check --jsonl: two workers write the same lines in the same order as one thread', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) lines.push(i % 997 === 5 ? 'not json' : JSON.stringify({ id: String(i), text: `${NOTES[i % NOTES.length]} ${i}` }));
    const input = lines.join('\r\n') + '\n';
    const one = await jsonl(input, 1);
    const two = await jsonl(input, 2);
    expect(two.out).toBe(one.out);
    expect(two.err).toBe(one.err);
    expect(two.result).toEqual(one.result);
    expect(one.out.split('\n').length - 1).toBe(3000);
    expect(one.result.code).toBe(2); // the malformed lines
  }, 300_000); // workers start through tsx here; minutes on a loaded machine

  it('check --jsonl with a big file on stdin (workers start at once, before 1 MiB is read): the same bytes as one thread', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnl-jobs-stdin-'));
    const file = join(dir, 'notes.jsonl');
    const lines: string[] = [];
    for (let i = 0; i < 14_000; i++) lines.push(JSON.stringify({ id: String(i), text: `${NOTES[i % NOTES.length]}, dossier ${i} suivi par l'équipe commerciale.` }));
    writeFileSync(file, lines.join('\n') + '\n');
    expect(statSync(file).size).toBeGreaterThan(1 << 20);
    const run = (jobs: number) => {
      const fd = openSync(file, 'r');
      try {
        return spawnSync(process.execPath, ['bin/crm-note-lint.mjs', 'check', '--jsonl', '--fail-on', 'none', '--jobs', String(jobs)], { stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 28 });
      } finally {
        closeSync(fd);
      }
    };
    const one = run(1);
    const two = run(2);
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(one.stdout.split('\n').length - 1).toBe(14_000);
  }, 300_000); // two whole CLI runs on 1.3 MB; minutes on a loaded machine

  it('audit: two workers give the same findings, redacted copy and summary as one thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnl-jobs-'));
    const csv = join(dir, 'export.csv');
    writeFileSync(csv, 'Id;Notes\n' + Array.from({ length: 3000 }, (_, i) => `R${i};"${NOTES[i % NOTES.length]} ${i}"`).join('\n') + '\n');
    const outputs = [];
    for (const jobs of [1, 2]) {
      const io = captureIo();
      const sub = mkdtempSync(join(dir, `jobs${jobs}-`));
      const out = join(sub, 'findings.csv');
      const redact = join(sub, 'cleaned.csv');
      const r = await runAudit({
        input: csv, columns: ['Notes'], idColumn: 'Id', linter: linter(), locale: 'auto', failOn: 'error', out, redact, redactMode: 'suggest',
        includeText: false, stdout: io.stdout, stderr: io.stderr, progress: false, jobs, parallelAfterRows: 600,
        workers: { entry: workerEntry('audit-worker', new URL('../../lib/cli/main.ts', import.meta.url).href), data: { dictionaries: [], builtin: true } },
      });
      outputs.push({ code: r.exitCode, reason: r.reason, out: io.out().replaceAll(sub, '<out>'), findings: readFileSync(out, 'utf8'), redacted: readFileSync(redact, 'utf8') });
    }
    expect(outputs[1]).toEqual(outputs[0]);
    expect(outputs[0]!.findings.split('\n').length).toBeGreaterThan(1500);
  }, 300_000); // workers start through tsx here; minutes on a loaded machine

  it('audit: byte chunks cut at record ends give the same bytes with quoted CRLF newlines, BOM, blank lines and bad rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnl-chunks-'));
    const csv = join(dir, 'export.csv');
    const records = Array.from({ length: 2500 }, (_, i) => {
      if (i % 401 === 7) return `R${i};"too";"many";"cells"`; // malformed: line numbers must survive the cut
      if (i % 97 === 3) return ''; // blank line
      // Quoted cells with CRLF, separators and doubled quotes inside: newlines that are not record ends.
      const note = i % 3 === 0 ? `${NOTES[i % NOTES.length]};\r\nsuite ""entre guillemets""\r\n${i}` : `${NOTES[i % NOTES.length]} ${i}`;
      return `R${i};"${note}"`;
    });
    writeFileSync(csv, '\uFEFF\r\nId;Notes\r\n' + records.join('\r\n') + '\r\nR-last;"Il est musulman pratiquant"');
    // The workers really got many chunks, each starting where a record starts.
    const chunks = planChunks(csv, { format: 'csv', encoding: 'utf-8', bom: true, delimiter: ';', lineEnding: '\r\n', quoteAll: false }, 4096, 2)!;
    expect(chunks.length).toBeGreaterThan(20);
    const bytes = readFileSync(csv);
    // Lines inside a quoted note start with "suite" or a digit; record lines with "R" (or are blank).
    for (const c of chunks.slice(1)) expect([bytes[c.offset - 1], String.fromCharCode(bytes[c.offset]!)]).toEqual([0x0a, expect.stringMatching(/^[R\r]$/)]);
    const outputs = [];
    for (const [jobs, idColumn] of [[1, 'Id'], [2, 'Id'], [1, undefined], [2, undefined]] as const) {
      const io = captureIo();
      const sub = mkdtempSync(join(dir, `jobs${jobs}-`));
      const out = join(sub, 'findings.csv');
      const redact = join(sub, 'cleaned.csv');
      const r = await runAudit({
        input: csv, columns: ['Notes'], idColumn, linter: linter(), locale: 'auto', failOn: 'error', out, redact, redactMode: 'suggest',
        includeText: false, stdout: io.stdout, stderr: io.stderr, progress: false, jobs, chunkBytes: 4096,
        workers: { entry: workerEntry('audit-worker', new URL('../../lib/cli/main.ts', import.meta.url).href), data: { dictionaries: [], builtin: true } },
      });
      outputs.push({ code: r.exitCode, reason: r.reason, out: io.out().replaceAll(sub, '<out>'), err: io.err(), findings: readFileSync(out), redacted: readFileSync(redact) });
    }
    expect(outputs[1]).toEqual(outputs[0]);
    expect(outputs[3]).toEqual(outputs[2]);
    const one = outputs[0]!;
    expect(one.code).toBe(2);
    expect(one.err).toContain('export.csv:14: malformed row: 4 cells'); // record 8 starts on line 14
    expect(one.redacted.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(one.redacted.toString('utf8')).toContain('\r\nsuite ""entre guillemets""\r\n');
    expect(one.findings.toString('utf8')).toContain('R-last;');
    expect(outputs[2]!.findings.toString('utf8')).not.toEqual(one.findings.toString('utf8'));
  }, 300_000); // workers start through tsx here; minutes on a loaded machine
});
