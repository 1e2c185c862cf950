// Builds the Node package into dist/ with esbuild (fast, one dependency, splits lazily
// imported commands into their own chunks): the CLI, the Node library, the
// browser-safe engine, the worker threads, the compact built-in pack with its
// checksum baked into the code, and the .d.ts files (tsc).
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

rmSync(DIST, { recursive: true, force: true });
mkdirSync(DIST, { recursive: true });

/** Runs a snippet of the TypeScript sources (tsx) and returns its stdout. */
function runTs(code) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT, encoding: 'buffer', maxBuffer: 256 << 20 });
  if (r.status !== 0) { process.stderr.write(r.stderr); process.exit(r.status ?? 1); }
  return r.stdout;
}

// The pack, validated once more against the schema, in its compact form with its tries and
// typo index prebuilt (lib/cli/compact-pack.ts); decoded back and compared before it ships.
const pack = runTs(`
  import { readFileSync } from 'node:fs';
  const { compiledPackSchema } = await import(${JSON.stringify(join(ROOT, 'lib/schema/dictionary.ts'))});
  const { encodeCompactPack, decodeCompactPack } = await import(${JSON.stringify(join(ROOT, 'lib/cli/compact-pack.ts'))});
  const source = compiledPackSchema.parse(JSON.parse(readFileSync(${JSON.stringify(join(ROOT, 'lib/generated/builtin-pack.json'))}, 'utf8')));
  const bytes = encodeCompactPack(source);
  if (JSON.stringify(decodeCompactPack(bytes)) !== JSON.stringify(source)) throw new Error('the compact pack does not decode to the pack it was built from');
  process.stdout.write(bytes);
`);
writeFileSync(join(DIST, 'builtin-pack.bin'), pack);
// The checksum covers the part every start reads (its length is at byte 12); lazy sections carry their own.
const checksum = runTs(`
  const { checksum } = await import(${JSON.stringify(join(ROOT, 'lib/cli/checksum.ts'))});
  const { readFileSync } = await import('node:fs');
  const pack = readFileSync(${JSON.stringify(join(DIST, 'builtin-pack.bin'))});
  process.stdout.write(checksum(pack.subarray(0, pack.readUInt32LE(12))));
`).toString('utf8');

const define = { __CNL_PACK_CHECKSUM__: JSON.stringify(checksum), __CNL_VERSION__: JSON.stringify(pkg.version) };

/** In the package, pack-loader never falls back to the sources: keep the compiler out of the start path. */
const prebuiltPackOnly = {
  name: 'prebuilt-pack-only',
  setup(b) {
    b.onResolve({ filter: /\/builtin\.ts$/ }, (args) =>
      args.importer.endsWith('pack-loader.ts') ? { path: join(ROOT, 'scripts/stubs/builtin-sources.mjs') } : undefined);
  },
};

const common = { bundle: true, format: 'esm', target: 'node20', sourcemap: false, legalComments: 'none', logLevel: 'warning', define };

/**
 * Every package stays a dependency loaded from node_modules, except zod: the library's
 * entry exports the pack schema, and zod loaded as its 130 files (every locale's messages
 * among them) cost a plain `import 'crm-note-lint'` about 0.2 s CPU; bundled, the build
 * keeps the parts the schemas use, in the chunk only schema users load (`check` never does).
 */
const bundled = new Set(['zod']);
const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((name) => !bundled.has(name)).flatMap((name) => [name, `${name}/*`]);

await build({
  ...common,
  entryPoints: { cli: 'lib/cli/main.ts', index: 'lib/node.ts', 'jsonl-worker': 'lib/cli/jsonl-worker.ts', 'audit-worker': 'lib/cli/audit-worker.ts' },
  outdir: DIST,
  platform: 'node',
  splitting: true,
  minify: true,
  external,
  chunkNames: '[name]-[hash]',
  plugins: [prebuiltPackOnly],
});

// The engine alone, for bundlers and browsers: no Node built-ins allowed (esbuild fails on one).
await build({ ...common, entryPoints: { engine: 'lib/index.ts' }, outdir: DIST, platform: 'browser', minify: false, packages: 'external' });

// The collector's org dashboard script, bundled from its sources by the collector's own code.
writeFileSync(join(DIST, 'org-dashboard.js'), runTs(`const m = await import(${JSON.stringify(join(ROOT, 'lib/collector/dashboard/page.ts'))}); process.stdout.write(await m.bundleDashboard());`));

const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
console.log(`dist/ built: pack ${(pack.length / 1024).toFixed(0)} KiB, checksum ${checksum}`);
