/**
 * Worker threads change nothing but the speed: `check --jsonl` and `audit` with
 * several jobs write exactly what one thread writes, in input order, bad lines included.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { checkJsonl, type CheckOptions } from '../../lib/cli/check.ts';
import { runAudit } from '../../lib/audit/run.ts';
import { workerEntry } from '../../lib/workers/pool.ts';
import { builtinLinter as linter } from '../helpers.ts';
import { captureIo } from './audit-io.ts';

const NOTES = ['Client diabétique, rappeler mardi', 'RAS', 'Prévoir 6 menus hallal', 'Customer is diabetic', 'Il est musulman pratiquant', 'Devis envoyé'];

async function jsonl(input: string, jobs: number) {
  const io = captureIo(input);
  const opts: CheckOptions = { locale: 'auto', failOn: 'error', format: 'text', jobs, packArgs: { dictionaries: [], builtin: true }, parallelAfterChars: 1000 };
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
  }, 120_000);

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
  }, 120_000);
});
