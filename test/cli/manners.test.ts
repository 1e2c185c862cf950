/**
 * CLI manners: --version, --help per command, the last stderr line of a
 * non-zero exit says why, NO_COLOR / FORCE_COLOR, lists cut at N say so.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { main } from '../../lib/cli/main.ts';
import { colorEnabled } from '../../lib/cli/color.ts';
import { formatSummary, AuditStats } from '../../lib/audit/stats.ts';
import { captureIo } from './audit-io.ts';

const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

async function run(args: string[], stdin = '') {
  const io = captureIo(stdin);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

const lastLine = (s: string) => s.trimEnd().split('\n').pop();

describe('CLI manners', () => {
  it('--version prints the package version', async () => {
    for (const flag of ['--version', '-v', 'version']) {
      const r = await run([flag]);
      expect(r).toEqual({ code: 0, out: `crm-note-lint ${version}\n`, err: '' });
    }
  });

  it('every command has its own --help, printed on stdout with exit 0', async () => {
    for (const cmd of ['check', 'audit', 'anonymize', 'dict']) {
      const r = await run([cmd, '--help']);
      expect(r.code, cmd).toBe(0);
      expect(r.out, cmd).toMatch(new RegExp(`^Usage: crm-note-lint ${cmd}`));
      expect(r.err, cmd).toBe('');
    }
    const viaHelp = await run(['help', 'check']);
    expect(viaHelp.out).toMatch(/^Usage: crm-note-lint check/);
  });

  it('exit 1 says how many findings reached --fail-on, on the last stderr line', async () => {
    const notes = ['Client diabétique', 'RAS', 'Il est musulman pratiquant'].map((text, i) => JSON.stringify({ id: String(i), text })).join('\n');
    const r = await run(['check', '--jsonl'], notes);
    expect(r.code).toBe(1);
    expect(lastLine(r.err)).toBe('exit 1: 2 error findings reached --fail-on error');
    const w = await run(['check', '--jsonl', '--fail-on', 'warning'], JSON.stringify({ id: 'a', text: 'Prévoir 6 menus hallal' }));
    expect(lastLine(w.err)).toBe('exit 1: 1 finding at warning or above reached --fail-on warning');
  });

  it('exit 2 names the cause last: bad lines, bad options, unknown commands', async () => {
    const bad = await run(['check', '--jsonl', '--fail-on', 'none'], '{"id":1,"text":"ok"}\nnot json\n');
    expect(bad.code).toBe(2);
    expect(lastLine(bad.err)).toBe('exit 2: 1 line refused (named above)');
    const opt = await run(['check', '--locale', 'de']);
    expect(opt.code).toBe(2);
    expect(lastLine(opt.err)).toBe('exit 2: --locale must be fr, en or auto (got "de")');
    const unknown = await run(['frobnicate']);
    expect(lastLine(unknown.err)).toBe('exit 2: unknown command "frobnicate"');
    const jobs = await run(['check', '--jobs', 'many']);
    expect(lastLine(jobs.err)).toBe('exit 2: --jobs must be a whole number ≥ 1 (got "many")');
  });

  it('a clean run writes nothing on stderr', async () => {
    const r = await run(['check', '--jsonl'], JSON.stringify({ id: 'x', text: 'Rappeler mardi pour le devis' }));
    expect(r).toMatchObject({ code: 0, err: '' });
  });

  it('colours follow NO_COLOR, FORCE_COLOR, then the terminal', () => {
    const tty = { isTTY: true } as unknown as NodeJS.WritableStream;
    const pipe = {} as NodeJS.WritableStream;
    expect(colorEnabled(tty, {})).toBe(true);
    expect(colorEnabled(pipe, {})).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorEnabled(tty, { FORCE_COLOR: '0' })).toBe(false);
  });

  it("audit's Top rules says how many more rules it did not list", () => {
    const stats = new AuditStats(['Notes'], 0);
    for (let i = 0; i < 13; i++) {
      stats.addNote('Notes', String(i), i + 2, 'x', [{ start: 0, end: 1, text: 'x', category: 'insult', rule: `fr.insult.r${i}`, severity: 'error', message: 'm', suggestions: [], source: 's', locale: 'fr', fixes: [] }]);
    }
    const summary = formatSummary(stats, 'e.csv', { format: 'csv', encoding: 'utf-8', bom: false, delimiter: ';', lineEnding: '\n', quoteAll: false });
    expect(summary).toContain('… and 3 more rules (all of them in --out and --html)');
  });
});
