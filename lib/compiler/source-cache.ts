/**
 * Node-only: what the YAML parser made of each dictionary file, kept in
 * node_modules/.cache/crm-note-lint between builds. Parsing the YAML was a fifth of a
 * build; a file whose text has not changed is read back from JSON instead. Filed under
 * the SHA-256 of the text, in a file named after the yaml package's version and the
 * parsing code, so an update or an edit parses again; the schema still validates every
 * file on every build. A missing, unreadable or unwritable cache only costs time.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir, installedPackage, pruneCache } from './build-cache.ts';
import { parseSourceText, type ParsedYaml, type YamlCache } from './load-sources.ts';

const FORMAT = 1;
/** Past this many files, a save keeps only those this build read (each edit of a file adds one). */
const MAX_ENTRIES = 200;
let cache: YamlCache | undefined;

/** Does `raw` come back the same from JSON? (YAML's .inf and .nan do not.) */
function jsonSafe(raw: unknown): boolean {
  if (raw === null || typeof raw === 'string' || typeof raw === 'boolean') return true;
  if (typeof raw === 'number') return Number.isFinite(raw);
  if (Array.isArray(raw)) return raw.every(jsonSafe);
  if (typeof raw === 'object' && Object.getPrototypeOf(raw) === Object.prototype) return Object.values(raw).every(jsonSafe);
  return false;
}

function cacheFile(): string {
  const yaml = installedPackage('yaml', fileURLToPath(import.meta.url));
  const key = createHash('sha256').update(`${FORMAT} yaml@${yaml.version}\n${String(parseSourceText)}`).digest('hex').slice(0, 24);
  return join(cacheDir(yaml), `sources-${key}.json`);
}

/** The cache of parsed sources, installed once per process and written back when it exits. */
export function sourceCache(): YamlCache | undefined {
  if (cache) return cache;
  let file: string;
  try {
    file = cacheFile();
  } catch {
    return undefined; // yaml not found where expected: no cache
  }
  // Each entry stays JSON text until read: whatever a build does to the parsed value never reaches the file.
  let entries = new Map<string, string>();
  try {
    entries = new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>));
  } catch {
    // no cache yet, or a damaged one: start afresh
  }
  const hash = (text: string) => createHash('sha256').update(text).digest('base64url');
  const used = new Set<string>();
  let dirty = false;
  cache = {
    get(text) {
      const key = hash(text);
      const hit = entries.get(key);
      if (hit === undefined) return undefined;
      used.add(key);
      return JSON.parse(hit) as ParsedYaml;
    },
    set(text, parsed) {
      if (!jsonSafe(parsed.raw)) return;
      const key = hash(text);
      entries.set(key, JSON.stringify(parsed));
      used.add(key);
      dirty = true;
    },
  };
  process.on('exit', () => {
    if (!dirty) return;
    try {
      // Too many: only the files this build read, so the versions a tuner edited away drop out.
      const keep = entries.size > MAX_ENTRIES ? [...used].map((k) => [k, entries.get(k)] as const) : [...entries];
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(Object.fromEntries(keep)));
      renameSync(tmp, file);
      pruneCache(dirname(file), 'sources-', 2);
    } catch {
      // read-only install: the next build parses again
    }
  });
  return cache;
}
