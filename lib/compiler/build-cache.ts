/**
 * Node-only helpers of the build caches (lexicon.ts, nlp-cache.ts): where they live and
 * which installed package versions they were made from.
 */
import { existsSync, readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface InstalledPackage {
  version: string;
  /** Its package.json. */
  manifest: string;
}

/**
 * The package `name` as Node finds it from the file `from` (the nearest node_modules
 * holding it); its package.json read directly, as some packages do not export it.
 */
export function installedPackage(name: string, from: string): InstalledPackage {
  for (let dir = dirname(from); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'node_modules', name, 'package.json');
    if (!existsSync(manifest)) continue;
    const json = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string };
    return { version: json.version ?? '', manifest };
  }
  throw new Error(`${name} is not installed`);
}

/** Overrides the cache folder (a fresh folder for a cold build: bench/compile.bench.ts). */
const CACHE_DIR_ENV = 'CRM_NOTE_LINT_BUILD_CACHE';

/** The cache folder beside the node_modules that holds `pkg`, unless CRM_NOTE_LINT_BUILD_CACHE names one. */
export function cacheDir(pkg: InstalledPackage): string {
  const override = process.env[CACHE_DIR_ENV];
  if (override) return override;
  let dir = dirname(pkg.manifest);
  while (dir !== dirname(dir) && !dir.endsWith('node_modules')) dir = dirname(dir);
  return join(dir, '.cache', 'crm-note-lint');
}

/** Removes all but the `keep` newest files of `dir` starting with `prefix` (caches of older versions or code). */
export function pruneCache(dir: string, prefix: string, keep: number): void {
  try {
    const files = readdirSync(dir).filter((f) => f.startsWith(prefix)).map((f) => join(dir, f));
    files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    for (const f of files.slice(keep)) unlinkSync(f);
  } catch {
    // another build pruned it first
  }
}
