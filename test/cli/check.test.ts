import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../lib/cli/main.ts';

async function run(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const input = new PassThrough();
  const out = new PassThrough();
  const err = new PassThrough();
  let o = '';
  let e = '';
  out.on('data', (c) => (o += c));
  err.on('data', (c) => (e += c));
  input.end(stdin);
  const code = await main(args, { stdin: input, stdout: out, stderr: err });
  return { code, out: o, err: e };
}

describe('check --jsonl (stable machine interface)', () => {
  it('prints one findings line per input line, in order, with JS string offsets', async () => {
    const lines = [
      { id: '1', text: 'Prévoir 6 menus hallal' },
      { id: '2', text: 'Rappeler le client mardi' },
      { id: '3', text: '😀 Prévoir 2 menus hallal' },
    ];
    const r = await run(['check', '--jsonl', '--fail-on', 'none'], lines.map((l) => JSON.stringify(l)).join('\n'));
    expect(r.code).toBe(0);
    const out = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['1', '2', '3']);
    expect(out[0].findings[0]).toMatchObject({ start: 10, end: 22, text: 'menus hallal', category: 'diet', severity: 'warning' });
    expect(out[0].findings[0].suggestions).toContain('menus spéciaux');
    // The stable fields, plus `categories` (added in issue 11, primary first).
    expect(Object.keys(out[0].findings[0]).sort()).toEqual(['categories', 'category', 'end', 'message', 'rule', 'severity', 'start', 'suggestions', 'text']);
    expect(out[0].findings[0].categories).toEqual(['diet']);
    expect(out[1].findings).toEqual([]);
    const f3 = out[2].findings[0];
    expect(lines[2]!.text.slice(f3.start, f3.end)).toBe('menus hallal');
  });

  it('reports malformed lines on stderr, keeps going, and exits 2', async () => {
    const r = await run(['check', '--jsonl'], '{"id":"a","text":"client diabétique"}\n{not json\n{"id":"c"}\n{"id":"d","text":"RAS"}\n');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/stdin:2: malformed JSON/);
    expect(r.err).toMatch(/stdin:3: .*"text"/);
    const out = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(4);
    expect(out[0].findings.length).toBeGreaterThan(0);
    expect(out[1]).toMatchObject({ id: null, line: 2, error: 'malformed JSON' });
    expect(out[3]).toEqual({ id: 'd', findings: [] });
  });

  it('exits 1 when a finding reaches --fail-on', async () => {
    expect((await run(['check', '--jsonl'], '{"id":"1","text":"client diabétique"}')).code).toBe(1);
    expect((await run(['check', '--jsonl', '--fail-on', 'none'], '{"id":"1","text":"client diabétique"}')).code).toBe(0);
  });
});

describe('check FILE', () => {
  it('prints file:line:col, category, wording and suggestion; skips unreadable files with a message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnl-'));
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'RAS\nPrévoir 6 menus hallal\n');
    const r = await run(['check', file, join(dir, 'missing.txt'), '--fail-on', 'warning']);
    expect(r.out).toContain(`${file}:2:11  warning    diet`);
    expect(r.out).toContain('"menus hallal" → "menus spéciaux"');
    expect(r.err).toMatch(/missing\.txt: cannot read \(ENOENT\), skipped/);
    expect(r.code).toBe(2);
  });

  it('emits JSON with --format json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnl-'));
    const file = join(dir, 'n.txt');
    writeFileSync(file, "Card on file: 4111 1111 1111 1111");
    const r = await run(['check', '--format', 'json', '--locale', 'en', file]);
    const json = JSON.parse(r.out);
    expect(json[0].findings[0]).toMatchObject({ category: "identifier", rule: "identifier.card", text: "4111 1111 1111 1111" });
  });
});

describe('dict validate|build|test', () => {
  it('names file, line, entry and field for each schema error', async () => {
    const r = await run(['dict', 'validate', 'test/fixtures/dict-bad']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('test/fixtures/dict-bad/fr/health.yaml:12: entry fr.health.broken field suggestions: needs a neutral rewrite or { remove: true }');
    expect(r.err).toMatch(/health\.yaml:15: entry fr\.health\.broken field severity: /);
  });

  it('reports an invalid --dictionary clearly, skips it and still checks the notes', async () => {
    const r = await run(['check', '--jsonl', '--dictionary', 'test/fixtures/dict-bad'], '{"id":"1","text":"Prévoir 6 menus hallal"}');
    expect(r.code).toBe(2);
    expect(r.err).toContain('fr.health.broken');
    expect(r.err).toContain('invalid dictionary, skipped');
    expect(JSON.parse(r.out.trim()).findings[0].category).toBe('diet');
  });

  it('builds a deterministic pack', async () => {
    const a = await run(['dict', 'build', 'test/fixtures/dict-bad/../../../dictionaries']);
    const b = await run(['dict', 'build', 'dictionaries']);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    const pack = JSON.parse(a.out);
    expect(pack.format).toBe(3);
    // The shared business nouns are stored once for the pack, not in every rule.
    expect(pack.modifies.en).toContain('retailer');
    expect(pack.rules.some((r: { context?: { modifies?: string[] } }) => r.context?.modifies?.includes('retailer'))).toBe(false);
  }, 180_000); // two full compiles of the built-in dictionaries, through tsx
});

describe('the installed bin', () => {
  it('runs the issue example end to end', () => {
    const r = spawnSync(process.execPath, ['bin/crm-note-lint.mjs', 'check', '--jsonl'], { input: '{"id":"1","text":"Prévoir 6 menus hallal"}\n', encoding: 'utf8' });
    const line = JSON.parse(r.stdout.trim());
    expect(line.id).toBe('1');
    expect(line.findings[0].category).toBe('diet');
    expect(line.findings[0].suggestions).toContain('menus spéciaux');
  });
});
