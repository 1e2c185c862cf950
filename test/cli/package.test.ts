/**
 * The npm package as a user gets it: `npm pack` holds exactly what users need,
 * and the tarball installs into an empty folder from the npm cache with no
 * network, then runs `npx crm-note-lint check --jsonl` and the library imports.
 * Needs dist/ (npm test runs `npm run build:lib` first).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface LockEntry {
  version: string;
  resolved?: string;
  integrity?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  [k: string]: unknown;
}

/**
 * A lock file for the consumer folder, built from this project's lock: the
 * tarball plus the runtime closure of its dependencies, each pinned by
 * integrity so `npm ci --offline` takes them from the cache (`npm ci` on this
 * project put them there) without asking the registry for metadata.
 */
function consumerLock(tgzName: string, tgzIntegrity: string): object {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string>; bin: Record<string, string> };
  const packages: Record<string, object> = {
    '': { name: 'consumer', dependencies: { 'crm-note-lint': `file:${tgzName}` } },
    'node_modules/crm-note-lint': { version: pkg.version, resolved: `file:${tgzName}`, integrity: tgzIntegrity, dependencies: pkg.dependencies, bin: pkg.bin },
  };
  const resolve = (from: string, name: string): string | undefined => {
    for (let base = from; ; base = base.slice(0, Math.max(0, base.lastIndexOf('/node_modules/')))) {
      const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
      if (lock.packages[candidate]) return candidate;
      if (!base) return undefined;
    }
  };
  const queue: Array<[string, string]> = Object.keys(pkg.dependencies).map((d) => ['', d]);
  while (queue.length) {
    const [from, name] = queue.shift()!;
    const path = resolve(from, name);
    if (!path || packages[path]) continue;
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = lock.packages[path]!;
    packages[path] = entry;
    for (const d of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) queue.push([path, d]);
  }
  return { name: 'consumer', lockfileVersion: 3, requires: true, packages };
}

let packed: { filename: string; files: Array<{ path: string }> };
let consumer: string;

beforeAll(() => {
  const dest = mkdtempSync(join(tmpdir(), 'cnl-pack-'));
  const r = spawnSync(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', dest], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  packed = (JSON.parse(r.stdout) as typeof packed[])[0]!;
  consumer = mkdtempSync(join(tmpdir(), 'cnl-consumer-'));
  const tgz = join(dest, packed.filename);
  const bytes = readFileSync(tgz);
  writeFileSync(join(consumer, packed.filename), bytes);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: { 'crm-note-lint': `file:${packed.filename}` } }));
  writeFileSync(join(consumer, 'package-lock.json'), JSON.stringify(consumerLock(packed.filename, `sha512-${createHash('sha512').update(bytes).digest('base64')}`), null, 2));
  const install = spawnSync(NPM, ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: consumer, encoding: 'utf8' });
  expect(install.status, install.stderr).toBe(0);
}, 180_000);

describe('the npm package', () => {
  it('ships only what users need: compiled code, types, the CLI, docs, the sample profile', () => {
    const paths = packed.files.map((f) => f.path);
    for (const needed of ['bin/crm-note-lint.mjs', 'dist/cli.js', 'dist/index.js', 'dist/engine.js', 'dist/builtin-pack.bin', 'dist/types/node.d.ts', 'dist/types/index.d.ts', 'README.md', 'package.json']) {
      expect(paths, needed).toContain(needed);
    }
    const unwanted = paths.filter((p) => /^(test|demo|bench|lib|entrypoints|dictionaries|scripts|public|\.output|node_modules)\//.test(p) || /\.ts$/.test(p) && !/\.d\.ts$/.test(p));
    expect(unwanted).toEqual([]);
  });

  it('installed from the tarball with no network, `npx crm-note-lint check --jsonl` answers on the stable interface', () => {
    const r = spawnSync('npx', ['--offline', 'crm-note-lint', 'check', '--jsonl'], { cwd: consumer, input: '{"id":"1","text":"Prévoir 6 menus hallal"}\n', encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const line = JSON.parse(r.stdout) as { id: string; findings: Array<{ text: string; category: string; suggestions: string[] }> };
    expect(line.id).toBe('1');
    expect(line.findings[0]).toMatchObject({ text: 'menus hallal', category: 'diet', suggestions: ['menus spéciaux'] });
  });

  it('the library imports from plain Node: lint, Linter, loadBuiltinPack, and the browser-safe engine', () => {
    const script = `
      import { lint, Linter, loadBuiltinPack } from 'crm-note-lint';
      import * as engine from 'crm-note-lint/engine';
      const findings = lint('Client diabétique, rappeler mardi');
      const own = new Linter([loadBuiltinPack()]).lint('Prévoir 6 menus hallal');
      console.log(JSON.stringify({ a: findings.map((f) => f.category), b: own.map((f) => f.text), engine: typeof engine.Linter, version: (await import('crm-note-lint/package.json', { with: { type: 'json' } })).default.version }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: consumer, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ a: ['health'], b: ['menus hallal'], engine: 'function', version: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version });
  });

  it('the engine entry carries no Node built-in', () => {
    const src = readFileSync(join(consumer, 'node_modules/crm-note-lint/dist/engine.js'), 'utf8');
    expect(src).not.toMatch(/from\s*["']node:/);
  });

  it('the type declarations compile for a TypeScript user', () => {
    writeFileSync(join(consumer, 'use.ts'), `import { lint, type Finding } from 'crm-note-lint';\nconst f: Finding[] = lint('x');\nexport const n: number = f.length;\n`);
    writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['use.ts'] }));
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'], { cwd: consumer, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);
});
