/** `crm-note-lint serve` on the command line: help, bad options, and a real start on PGlite printing its URL first. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../lib/cli/main.ts';
import { startServe } from './serve-process.ts';

async function run(args: string[]) {
  const out = new PassThrough();
  const err = new PassThrough();
  let o = '';
  let e = '';
  out.on('data', (c: Buffer) => (o += c));
  err.on('data', (c: Buffer) => (e += c));
  const code = await main(args, { stdin: new PassThrough(), stdout: out, stderr: err });
  return { code, out: o, err: e };
}

describe('serve CLI', () => {
  it('--help lists every option, secret and endpoint', async () => {
    const r = await run(['serve', '--help']);
    expect(r.code).toBe(0);
    for (const s of ['--data', '--database', '--port', '--host', '--min-group', '--retention-days', '--keep-months', '--cert', '--key', '--auth-header', '--max-body', '--rate',
      'CRM_NOTE_LINT_INGEST_TOKEN', 'CRM_NOTE_LINT_ADMIN_TOKEN', 'CRM_NOTE_LINT_ADMIN_PASSWORD', 'DATABASE_URL', 'POST /v1/reports', 'GET  /v1/counts', '/healthz']) {
      expect(r.out).toContain(s);
    }
    expect((await run(['--help'])).out).toContain('serve');
  });

  it('refuses bad options with exit 2 and a reason', async () => {
    for (const [args, msg] of [[['--min-group', '0'], /--min-group/], [['--port', 'x'], /--port/], [['--data', 'a', '--database', 'postgres://x/y'], /exclusive/],
      [['--database', 'mysql://x'], /postgres/], [['--cert', 'c.pem'], /together/], [['--bogus'], /bogus/]] as [string[], RegExp][]) {
      const r = await run(['serve', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(msg);
    }
  });

  it('starts on an embedded database, prints its URL first and the generated secrets once', { timeout: 600_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnl-serve-'));
    try {
      const env = { CRM_NOTE_LINT_INGEST_TOKEN: '', CRM_NOTE_LINT_ADMIN_PASSWORD: '', DATABASE_URL: '' };
      const s = await startServe(['--data', join(dir, 'db')], env);
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await (await fetch(`${s.url}/healthz`)).json()).toEqual({ ok: true, storage: 'pglite' });
      await new Promise((r) => setTimeout(r, 200));
      expect(s.stderr()).toMatch(/ingest token \(generated, shown once/);
      expect(s.stderr()).toMatch(/dashboard password \(generated, shown once/);
      await s.stop();
      const again = await startServe(['--data', join(dir, 'db')], env);
      await new Promise((r) => setTimeout(r, 200));
      expect(again.stderr()).not.toMatch(/generated/);
      await again.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
