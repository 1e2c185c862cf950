/**
 * Node-only: the real words of each language, used at compile time to keep typo
 * matching honest ("salade" is a word, not a typo of "malade"). Full-form lists
 * (every inflection spelled out) from an-array-of-french-words (~336,000 forms) and
 * an-array-of-english-words (~275,000), both MIT: no affix engine is needed, as it
 * would be for the Hunspell dictionaries, plus place names (place-names.ts). Both languages guard each locale, since
 * notes mix them ("call", "meeting" in French notes). Never bundled for the browser.
 *
 * Parsing and folding the 8 MB of JSON took most of a build, so the folded words are
 * cached under node_modules/.cache/crm-note-lint, keyed by what they come from (each
 * list's package version, file size and date) and by the folding code itself: a change
 * to either misses the cache and refolds, and no cache (or a broken one) only costs time.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir, installedPackage, pruneCache } from './build-cache.ts';
import { PACKED_FORMAT, packWords, type Lexicon } from './typo-guard.ts';
import { placeNameWords } from './place-names.ts';

const require = createRequire(import.meta.url);
/** The lists by package name, each with a literal require (so the bundler and knip see the packages). */
const WORD_LISTS: ReadonlyArray<readonly [string, () => string[]]> = [
  ['an-array-of-french-words', () => require('an-array-of-french-words') as string[]],
  ['an-array-of-english-words', () => require('an-array-of-english-words') as string[]],
];
let cached: Lexicon | undefined;
let packed: Uint8Array | undefined;


/** What the folded lists depend on: a different key is a different cache file. */
function cacheKey(): { key: string; dir: string } {
  const hash = createHash('sha256').update(PACKED_FORMAT);
  let dir = '';
  for (const [name] of WORD_LISTS) {
    const pkg = installedPackage(name, fileURLToPath(import.meta.url));
    const list = require.resolve(name);
    const st = statSync(list);
    hash.update(`\n${name}@${pkg.version} ${list} ${st.size} ${st.mtimeMs}`);
    dir ||= cacheDir(pkg);
  }
  return { key: hash.digest('hex').slice(0, 32), dir };
}

/** The word lists folded by packWords, read from the build cache or folded and cached. */
function packedLists(): Uint8Array {
  if (packed) return packed;
  let file: string | undefined;
  let key = '';
  try {
    const where = cacheKey();
    key = where.key;
    file = join(where.dir, `lexicon-${key}.bin`);
    const buf = readFileSync(file);
    // The file ends with its own key, so a truncated write is never taken for a cache.
    const tail = buf.subarray(buf.length - key.length).toString('latin1');
    if (tail === key) return (packed = new Uint8Array(buf.buffer, buf.byteOffset, buf.length - key.length));
  } catch {
    // no cache yet, or no room for one: fold the lists below
  }
  packed = packWords((function* () { for (const [, read] of WORD_LISTS) yield* read(); })());
  if (file) {
    try {
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, Buffer.concat([packed, Buffer.from(key, 'latin1')]));
      renameSync(tmp, file);
      // The source build and the bundled CLI fold with the same code written differently: room for both.
      pruneCache(dirname(file), 'lexicon-', 3);
    } catch {
      // a read-only install: the next build folds again
    }
  }
  return packed;
}

export function loadLexicon(): Lexicon {
  if (cached) return cached;
  const lexicon: Lexicon = {
    sources: [...WORD_LISTS.map(([name]) => name), 'world-countries'],
    forEach(visit) {
      for (const [, read] of WORD_LISTS) for (const w of read()) visit(w);
      // Place names: "Indiana" is a state, not a typo of "Indians".
      for (const w of placeNameWords()) visit(w);
    },
    forEachPacked(visitPacked, visit) {
      visitPacked(packedLists());
      for (const w of placeNameWords()) visit(w);
    },
  };
  return (cached = lexicon);
}
