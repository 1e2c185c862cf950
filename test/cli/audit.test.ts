import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { main } from '../../lib/cli/main.ts';
import { captureIo } from './audit-io.ts';

const FX = 'test/fixtures/csv';
const PACK = ['--no-builtin', '--dictionary', `${FX}/test-pack.yaml`];
let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'audit-test-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function audit(args: string[], stdin = '') {
  const io = captureIo(stdin);
  const code = await main(['audit', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

type Rec = Record<string, string>;
function readCsv(path: string, delimiter = ',', encoding = 'utf-8'): Rec[] {
  const text = iconv.decode(readFileSync(path), encoding);
  return parse(text, { columns: true, delimiter, bom: true });
}

/** The dialects: each fixture holds the same five notes (4 findings in 3 notes; are clean). */
const DIALECTS = [
  { file: 'bom-utf8.csv', delimiter: ',', bom: true, eol: '\n', encoding: 'utf-8', describe: 'utf-8 with BOM, separator ","' },
  { file: 'semicolon.csv', delimiter: ';', bom: false, eol: '\n', encoding: 'utf-8', describe: 'separator ";", LF' },
  { file: 'crlf.csv', delimiter: ',', bom: false, eol: '\r\n', encoding: 'utf-8', describe: 'CRLF' },
  { file: 'cp1252.csv', delimiter: ';', bom: false, eol: '\r\n', encoding: 'windows-1252', describe: 'windows-1252, separator ";", CRLF' },
  { file: 'salesforce-quoted.csv', delimiter: ',', bom: false, eol: '\r\n', encoding: 'utf-8', describe: 'all cells quoted' },
  { file: 'multiline.csv', delimiter: ',', bom: false, eol: '\r\n', encoding: 'utf-8', describe: 'CRLF' },
];

describe('audit: one fixture per CSV dialect', () => {
  for (const d of DIALECTS) {
    it(`${d.file}: detects the dialect, reports, redacts in the same dialect, and the redacted copy re-audits clean`, async () => {
      const out = join(dir, `findings-${d.file}`);
      const red = join(dir, `redacted-${d.file}`);
      const r = await audit([`${FX}/${d.file}`, '--column', 'Notes', '--id-column', 'Id', '--out', out, '--redact', red, ...PACK]);
      expect(r.err).toMatch(/^exit 1: \d+ error findings? reached --fail-on error\n$/); // nothing else on stderr
      expect(r.code).toBe(1); // error findings reached the default --fail-on
      expect(r.out).toContain(d.describe);
      expect(r.out).toMatch(/rows read\s+5/);
      expect(r.out).toMatch(/notes with findings\s+3/);
      expect(r.out).toMatch(/findings\s+4\s+error 3 · warning 1/);

      const findings = readCsv(out, d.delimiter, d.encoding);
      expect(findings.map((f) => [f.id, f.rule, f.wording, f.suggestion])).toEqual([
        ['A-001', 'fr.diet.menu-hallal', 'menus hallal', 'menus spéciaux'],
        ['A-002', 'fr.health.diabetique', 'diabétique', ''],
        // "Vrai casse-pieds": the intensifier goes with the wording, the rewrite takes its capital.
        ['A-004', 'fr.insult.casse-pieds', 'casse-pieds', 'Exigeant'],
        ['A-004', 'identifier.iban', 'FR76 3000 6000 0112 3456 7890 189', ''],
      ]);

      // The redacted copy keeps the dialect: BOM, separator, line endings, encoding.
      const bytes = readFileSync(red);
      const original = readFileSync(`${FX}/${d.file}`);
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(d.bom);
      const text = iconv.decode(bytes, d.encoding);
      expect(text.split(d.eol).length).toBe(iconv.decode(original, d.encoding).split(d.eol).length);
      if (d.eol === '\n') expect(text).not.toContain('\r');
      const rows = readCsv(red, d.delimiter, d.encoding);
      expect(rows.map((x) => x.Id)).toEqual(['A-001', 'A-002', 'A-003', 'A-004', 'A-005']);
      expect(rows[0]!.Notes).toContain('menus spéciaux');
      expect(rows[2]!.Notes).toBe(readCsv(`${FX}/${d.file}`, d.delimiter, d.encoding)[2]!.Notes); // untouched row
      if (d.encoding === 'windows-1252') expect(bytes.includes(Buffer.from('Hôtel', 'latin1'))).toBe(true);

      const again = await audit([red, '--column', 'Notes', ...PACK]);
      expect(again.code).toBe(0);
      expect(again.out).toMatch(/error 0/);
    });
  }

  it('a redacted copy of rows without findings is byte-identical to the input (minimal quoting)', async () => {
    const clean = 'Id;Notes\r\n1;RAS\r\n2;"Devis envoyé; relance le 3"\r\n';
    const src = join(dir, 'clean.csv');
    writeFileSync(src, '\uFEFF' + clean);
    const red = join(dir, 'clean-red.csv');
    const r = await audit([src, '--column', 'Notes', '--redact', red, ...PACK]);
    expect(r.code).toBe(0);
    expect(readFileSync(red).equals(readFileSync(src))).toBe(true);
  });

  it('multi-line quoted cells: findings name the line where the record starts', async () => {
    const out = join(dir, 'ml.csv');
    await audit([`${FX}/multiline.csv`, '--column', 'Notes', '--id-column', 'Id', '--out', out, ...PACK]);
    const f = readCsv(out);
    expect(f.map((x) => [x.id, x.line])).toEqual([['A-001', '2'], ['A-002', '5'], ['A-004', '9'], ['A-004', '9']]);
    const rows = readCsv(`${FX}/multiline.csv`);
    expect(rows[0]!.Notes).toBe('Appel du 12/03 :\r\nPrévoir 6 menus hallal pour le séminaire\r\n-- fin');
  });

  it('several text columns, tab separated', async () => {
    const out = join(dir, 'multi.csv');
    const r = await audit([`${FX}/several-columns.tsv`, '--column', 'Notes', '--column', 'Commentaire', '--id-column', 'Id', '--out', out, ...PACK]);
    expect(r.out).toContain('separator tab');
    expect(r.out).toMatch(/notes scanned\s+9\s+columns: Notes, Commentaire/);
    expect(r.out).toMatch(/Commentaire\s+1\s+in 1 of 4 notes/);
    const f = readCsv(out, '\t');
    expect(f.filter((x) => x.column === 'Commentaire').map((x) => [x.id, x.rule, x.wording])).toEqual([['A-003', 'fr.religion.musulman', 'Musulman pratiquant']]);
  });

  it('JSON Lines in, JSON Lines redacted out', async () => {
    const red = join(dir, 'red.jsonl');
    const r = await audit([`${FX}/notes.jsonl`, '--column', 'text', '--id-column', 'id', '--redact', red, '--redact-mode', 'mask', ...PACK]);
    expect(r.out).toContain('JSON Lines');
    expect(r.code).toBe(1);
    const lines = readFileSync(red, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(5);
    expect(lines[1]).toEqual({ id: 'A-002', compte: 'Garage Dupré', text: 'Client […], rappeler lundi' });
    expect(lines[3].text).toBe('Vrai […]; relancer; IBAN […]');
  });

  it('reads stdin with -', async () => {
    const r = await audit(['-', '--column', 'Notes', ...PACK], 'Id;Notes\n1;Prévoir 6 menus hallal\n');
    expect(r.code).toBe(0); // a warning only: below --fail-on error
    expect(r.out).toContain('<stdin>');
    expect(r.out).toMatch(/fr\.diet\.menu-hallal/);
  });

  it('--redact-mode remove deletes the wording; --fail-on none exits 0', async () => {
    const red = join(dir, 'rm.csv');
    const r = await audit([`${FX}/semicolon.csv`, '--column', 'Notes', '--redact', red, '--redact-mode', 'remove', '--fail-on', 'none', ...PACK]);
    expect(r.code).toBe(0);
    const rows = readCsv(red, ';');
    // The count goes with what it counts: no "Prévoir 6 pour le séminaire".
    expect(rows[0]!.Notes).toBe('Prévoir pour le séminaire');
    expect(rows[3]!.Notes).not.toContain('casse-pieds');
  });

  it('broken rows: each problem names its line, the rest is audited, exit 2', async () => {
    const red = join(dir, 'broken-red.csv');
    const out = join(dir, 'broken-findings.csv');
    const r = await audit([`${FX}/broken.csv`, '--column', 'Notes', '--id-column', 'Id', '--out', out, '--redact', red, ...PACK]);
    expect(r.code).toBe(2);
    const err = r.err.split('\n');
    expect(err.find((l) => l.startsWith(`${FX}/broken.csv:4:`))).toMatch(/2 cells where the header has 3/);
    expect(err.find((l) => l.startsWith(`${FX}/broken.csv:5:`))).toMatch(/4 cells where the header has 3/);
    expect(err.find((l) => l.startsWith(`${FX}/broken.csv:6:`))).toMatch(/undecodable byte.*"Compte"/);
    expect(err.find((l) => l.startsWith(`${FX}/broken.csv:8:`))).toMatch(/never closed/);
    expect(readCsv(out).map((f) => f.id)).toEqual(['A-001', 'A-002', 'A-005', 'A-006']);
    expect(readCsv(red).map((f) => f.Id)).toEqual(['A-001', 'A-002', 'A-005', 'A-006']);
    expect(r.out).toMatch(/input problems\s+4/);
  });

  it('a missing column lists the available columns; exit 2', async () => {
    const r = await audit([`${FX}/semicolon.csv`, '--column', 'Note', ...PACK]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('column "Note" not found in the header (line 1); available columns: "Id", "Compte", "Notes"');
  });

  it('finds the notes column by itself, and matches header names loosely', async () => {
    const r = await audit([`${FX}/crlf.csv`, ...PACK]);
    expect(r.out).toContain('columns: Notes');
    const r2 = await audit([`${FX}/crlf.csv`, '--column', ' notes ', ...PACK]);
    expect(r2.out).toContain('columns: Notes');
  });

  it('--encoding forces a decoding; an unknown encoding is a usage error', async () => {
    const r = await audit([`${FX}/cp1252.csv`, '--encoding', 'cp1252', '--column', 'Notes', ...PACK]);
    expect(r.out).toContain('windows-1252');
    expect((await audit([`${FX}/cp1252.csv`, '--encoding', 'ebcdic'])).code).toBe(2);
    const forced = await audit([`${FX}/cp1252.csv`, '--encoding', 'utf-8', '--column', 'Notes', ...PACK]);
    expect(forced.code).toBe(2);
    expect(forced.err).toMatch(/:2: undecodable byte/);
  });

  it('the built-in pack: "Prévoir 6 menus hallal" is a diet finding', async () => {
    const r = await audit(['-', '--column', 'Notes'], 'Notes\nPrévoir 6 menus hallal\n');
    expect(r.out).toMatch(/diet/);
    expect(r.out).toMatch(/fr\.diet\.menu-hallal/);
  });

  it('--html: a self-contained report, no note text unless --include-text, everything escaped', async () => {
    const src = join(dir, 'xss.csv');
    writeFileSync(src, 'Id,Notes\n"<b>1</b>","<script>alert(1)</script> client diabétique"\n2,Prévoir 6 menus hallal\n');
    const html = join(dir, 'r.html');
    const r = await audit([src, '--column', 'Notes', '--id-column', 'Id', '--html', html, ...PACK]);
    expect(r.code).toBe(1);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<svg');
    expect(page).toContain('fr.health.diabetique');
    expect(page).not.toMatch(/diabétique"|alert\(1\)|menus hallal/);
    expect(page).not.toMatch(/<(script|link|img)\b/i);
    expect(page).not.toMatch(/https?:\/\//);

    const html2 = join(dir, 'r2.html');
    await audit([src, '--column', 'Notes', '--id-column', 'Id', '--html', html2, '--include-text', ...PACK]);
    const page2 = readFileSync(html2, 'utf8');
    expect(page2).toContain('<mark>diabétique</mark>');
    expect(page2).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page2).toContain('&lt;b&gt;1&lt;/b&gt;');
    expect(page2).not.toContain('<script>');
  });

  it('refuses to overwrite the input and explains usage errors', async () => {
    const r = await audit([`${FX}/crlf.csv`, '--redact', `${FX}/crlf.csv`]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('would overwrite the input');
    expect((await audit([])).code).toBe(2);
    expect((await audit(['x.csv', '--redact-mode', 'blur'])).err).toContain('--redact-mode must be');
    expect((await audit(['does-not-exist.csv'])).err).toContain('cannot read (ENOENT)');
  });
});
