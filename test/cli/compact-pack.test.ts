/**
 * The built-in pack in the package's compact form (lib/cli/compact-pack.ts): it
 * decodes to the very pack it was built from, lints exactly like it, and a file
 * that is missing, truncated or altered gives a clear "reinstall" error instead
 * of wrong findings. The last test runs the compiled CLI on a damaged copy of dist/
 * (npm test runs `npm run build:lib` first).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadBuiltinPack } from '../../lib/cli/builtin.ts';
import { decodeCompactPack, eagerPart, encodeCompactPack, localeSectionsEnd, type PackBytes } from '../../lib/cli/compact-pack.ts';
import { loadPackFile } from '../../lib/cli/pack-loader.ts';
import { checksum, checksumWithoutZlib } from '../../lib/cli/checksum.ts';
import { DictionaryError } from '../../lib/compiler/errors.ts';
import { Linter } from '../../lib/engine/lint.ts';
import { prebuiltOf } from '../../lib/engine/pack-index.ts';

const ROOT = join(import.meta.dirname, '../..');
const source = loadBuiltinPack();
const bytes = encodeCompactPack(source);
const sum = (b: Buffer) => checksum(eagerPart(b));
const dir = mkdtempSync(join(tmpdir(), 'cnl-compact-'));

function file(name: string, content: Buffer): URL {
  const path = join(dir, name);
  writeFileSync(path, content);
  return pathToFileURL(path);
}

function loadError(url: URL, expected: string): DictionaryError {
  try {
    loadPackFile(url, expected);
  } catch (e) {
    expect(e).toBeInstanceOf(DictionaryError);
    return e as DictionaryError;
  }
  throw new Error('the pack loaded');
}

const NOTES = [
  'Client diabétique, prévoir 6 menus hallal pour le séminaire.',
  'Madame Martin est enceinte, indisponible jusqu’en septembre.',
  'Le client est diabetiqe et sort d’une dépression.',
  'Customer is diabetic and needs a wheelchair ramp at the venue.',
  'Total pain in the neck about pricing.',
  'IBAN FR76 3000 6000 0112 3456 7890 189, rappeler mardi.',
];

describe('compact built-in pack', () => {
  it('checksums with CRC-32, the same with and without zlib', () => {
    // The check value of CRC-32 (zlib, PNG) for "123456789".
    expect(checksum(Buffer.from('123456789'))).toBe('cbf43926');
    expect(checksumWithoutZlib(Buffer.from('123456789'))).toBe('cbf43926');
    expect(checksumWithoutZlib(bytes.subarray(0, 100_000))).toBe(checksum(bytes.subarray(0, 100_000)));
    expect(checksum(new Uint8Array(0))).toBe('00000000');
  });

  it('decodes to the pack it was built from, its matcher structures prebuilt', () => {
    const pack = loadPackFile(file('ok.bin', bytes), sum(bytes));
    expect(prebuiltOf(pack)?.tries.fr).toBeDefined();
    expect(JSON.stringify(pack)).toBe(JSON.stringify(source));
  });

  it('lints exactly like the pack built at run time, alone and beside another pack', () => {
    const compact = decodeCompactPack(bytes);
    const plain = new Linter([source]);
    const fast = new Linter([compact]);
    // Beside another pack of the same locales the tries are built from both: same findings as two plain packs.
    const both = new Linter([decodeCompactPack(bytes), { ...source, id: 'copy' }]);
    const bothPlain = new Linter([source, { ...source, id: 'copy' }]);
    for (const note of NOTES) {
      const expected = plain.lint(note);
      expect(expected.length).toBeGreaterThan(0);
      expect(fast.lint(note)).toEqual(expected);
      expect(fast.lint(note, { openTail: true })).toEqual(plain.lint(note, { openTail: true }));
      expect(both.lint(note)).toEqual(bothPlain.lint(note));
    }
  });

  it('a missing file says so and says to reinstall', () => {
    const e = loadError(pathToFileURL(join(dir, 'absent.bin')), sum(bytes));
    expect(e.message).toMatch(/absent\.bin: cannot read the built-in pack \(ENOENT.*\); reinstall crm-note-lint/);
  });

  it('a truncated file is refused before any of it is used', () => {
    for (const cut of [4, 100, Math.floor(bytes.length / 3)]) {
      const e = loadError(file(`cut-${cut}.bin`, bytes.subarray(0, cut)), sum(bytes));
      expect(e.message).toMatch(/the built-in pack (cannot be read: (not a compiled pack file|truncated)|is damaged).*; reinstall crm-note-lint/);
    }
  });

  it('one altered byte of what a start reads fails the checksum', () => {
    const altered = Buffer.from(bytes);
    altered[eagerPart(bytes).length - 10]! ^= 1;
    expect(loadError(file('altered.bin', altered), sum(bytes)).message).toMatch(/is damaged: \d+ bytes that do not match the checksum of this build; reinstall/);
  });

  it('an altered lazy section is caught when it is first read', () => {
    const altered = Buffer.from(bytes);
    altered[bytes.length - 20]! ^= 1;
    const pack = loadPackFile(file('lazy.bin', altered), sum(bytes));
    expect(() => pack.phrases.length + pack.unless.length + Object.keys(pack.typos ?? {}).length).toThrow(/does not match its checksum\); reinstall crm-note-lint/);
  });

  it('a start reads the header only; a note reads its own locale\'s sections, once', () => {
    const reads: Array<[number, number]> = [];
    const spy: PackBytes = { size: bytes.length, read: (o, l) => (reads.push([o, l]), bytes.subarray(o, o + l)) };
    const linter = new Linter([decodeCompactPack(spy)]);
    const eager = eagerPart(bytes).length;
    expect(reads.every(([o, l]) => o + l <= eager)).toBe(true);
    reads.length = 0;
    expect(linter.lint('Le client est diabetiqe.', { locale: 'fr' })).toHaveLength(1);
    const french = reads.reduce((n, [, l]) => n + l, 0);
    expect(reads.length).toBe(2); // the trie and the typo index
    linter.lint('Client diabétique, rappeler mardi.', { locale: 'fr' });
    expect(reads.length).toBe(2);
    linter.lint('Customer is diabetic.', { locale: 'en' });
    expect(reads.length).toBe(4);
    // Header plus one locale leaves the other locale's sections unread: the English note reads
    // bytes no French note read (French holds most forms, so "under half the file" is no measure).
    const overlaps = (a: [number, number], b: [number, number]) => a[0] < b[0] + b[1] && b[0] < a[0] + a[1];
    expect(reads.slice(2).some((e) => reads.slice(0, 2).some((f) => overlaps(e, f)))).toBe(false);
    expect(eager + french + reads.slice(2).reduce((n, [, l]) => n + l, 0)).toBeLessThanOrEqual(bytes.length);
  });

  it('the part worker threads share holds every locale section and none of the JSON members', () => {
    const reads: Array<[number, number]> = [];
    const spy: PackBytes = { size: bytes.length, read: (o, l) => (reads.push([o, l]), bytes.subarray(o, o + l)) };
    const pack = decodeCompactPack(spy);
    const linter = new Linter([pack]);
    const end = localeSectionsEnd(eagerPart(bytes));
    reads.length = 0;
    linter.lint('Le client est diabetiqe.', { locale: 'fr' });
    linter.lint('Customer is diabetc.', { locale: 'en' });
    expect(reads).toHaveLength(4);
    expect(reads.every(([o, l]) => o + l <= end)).toBe(true);
    expect(Math.max(...reads.map(([o, l]) => o + l))).toBe(end);
    reads.length = 0;
    expect(pack.phrases.length).toBeGreaterThan(0);
    expect(reads[0]![0]).toBeGreaterThanOrEqual(end);
  });

  it('the compiled CLI gives the same bytes with two workers (reading the shared pack) as with one thread', () => {
    const notes = NOTES.map((text, i) => JSON.stringify({ id: String(i), text })).join('\n') + '\n';
    // Over 1 MiB on stdin as a file: the workers start at once and this thread lints nothing.
    const input = join(dir, 'notes.jsonl');
    writeFileSync(input, notes.repeat(Math.ceil((1.2 * 1024 * 1024) / notes.length)));
    const run = (jobs: string) => spawnSync('sh', ['-c', `exec "$0" "$1" check --jsonl --fail-on none --jobs ${jobs} < "$2"`, process.execPath, join(ROOT, 'bin/crm-note-lint.mjs'), input], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const one = run('1');
    const two = run('2');
    expect(one.status, one.stderr).toBe(0);
    expect(two.status, two.stderr).toBe(0);
    expect(one.stdout.length).toBeGreaterThan(1_000_000);
    expect(two.stdout).toBe(one.stdout);
  });

  it('an altered byte in a locale section is caught on the first note of that locale', () => {
    const reads: Array<[number, number]> = [];
    const spy: PackBytes = { size: bytes.length, read: (o, l) => (reads.push([o, l]), bytes.subarray(o, o + l)) };
    new Linter([decodeCompactPack(spy)]).lint('Customer is diabetic.', { locale: 'en' });
    const [at] = reads[reads.length - 2]!; // the English trie
    const altered = Buffer.from(bytes);
    altered[at + 100]! ^= 1;
    const linter = new Linter([loadPackFile(file('section.bin', altered), sum(bytes))]);
    expect(linter.lint('Client diabétique.', { locale: 'fr' })).toHaveLength(1);
    expect(() => linter.lint('Customer is diabetic.', { locale: 'en' })).toThrow(/section\.bin: the built-in pack is damaged \(a section does not match its checksum\); reinstall crm-note-lint/);
  });

  it('the compiled CLI on a damaged dist/ exits 2 with the reason on stderr', () => {
    const copy = mkdtempSync(join(tmpdir(), 'cnl-dist-'));
    cpSync(join(ROOT, 'dist'), join(copy, 'dist'), { recursive: true });
    cpSync(join(ROOT, 'bin'), join(copy, 'bin'), { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(copy, 'package.json'));
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
    const packFile = join(copy, 'dist/builtin-pack.bin');
    const shipped = readFileSync(packFile);
    const run = () => spawnSync(process.execPath, [join(copy, 'bin/crm-note-lint.mjs'), 'check', '--jsonl', '--fail-on', 'none'], { input: '{"id":"1","text":"Client diabétique."}\n', encoding: 'utf8' });
    const ok = run();
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).findings[0].category).toBe('health');
    writeFileSync(packFile, shipped.subarray(0, shipped.length >> 1));
    const bad = run();
    expect(bad.stdout).toBe('');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/builtin-pack\.bin: the built-in pack (is damaged|cannot be read).*reinstall crm-note-lint/);
  });
});
