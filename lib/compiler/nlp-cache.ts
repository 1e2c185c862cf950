/**
 * Node-only: keeps the answers of compromise and fr-compromise (nlp-memo.ts) in
 * node_modules/.cache/crm-note-lint between builds. The file is named after the
 * packages' versions (fr-compromise's own compromise included), so an update starts
 * a new one; each answer is filed under the question and the code that asked it.
 * A missing, unreadable or unwritable cache only costs time.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir, installedPackage, pruneCache } from './build-cache.ts';
import { setNlpStore } from './nlp-memo.ts';

const FORMAT = 1;
/** Past this many answers, a save keeps only those this build used. */
const MAX_ENTRIES = 50_000;
let installed = false;

function cacheFile(): string {
  const from = fileURLToPath(import.meta.url);
  const compromise = installedPackage('compromise', from);
  const frCompromise = installedPackage('fr-compromise', from);
  // fr-compromise pins a compromise of its own.
  const own = installedPackage('compromise', frCompromise.manifest);
  const versions = `compromise@${compromise.version} fr-compromise@${frCompromise.version} fr-compromise/compromise@${own.version}`;
  const key = createHash('sha256').update(`${FORMAT} ${versions}`).digest('hex').slice(0, 24);
  return join(cacheDir(compromise), `nlp-${key}.json`);
}

/** Installs the disk store once per process; it is written back when the process exits. */
export function useNlpCache(): void {
  if (installed) return;
  installed = true;
  let file: string;
  try {
    file = cacheFile();
  } catch {
    return; // packages not found where expected: no cache
  }
  let entries = new Map<string, unknown>();
  try {
    entries = new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>));
  } catch {
    // no cache yet, or a damaged one: start afresh
  }
  const used = new Set<string>();
  let dirty = false;
  setNlpStore({
    get(key) {
      const v = entries.get(key);
      if (v !== undefined) used.add(key);
      return v;
    },
    set(key, value) {
      entries.set(key, value);
      used.add(key);
      dirty = true;
    },
  });
  process.on('exit', () => {
    if (!dirty) return;
    try {
      const keep = entries.size > MAX_ENTRIES ? [...used].map((k) => [k, entries.get(k)] as const) : [...entries];
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(Object.fromEntries(keep)));
      renameSync(tmp, file);
      pruneCache(dirname(file), 'nlp-', 2);
    } catch {
      // read-only install: the next build asks again
    }
  });
}
