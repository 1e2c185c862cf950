/** Node-only: gathers a pack's sources from disk (folder with pack.yaml, or one file). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseMessagesText, parsePackMeta, parseSourceText, type ParsedMessages, type ParsedSource } from './load-sources.ts';
import { MESSAGES_FILE, type PackMeta } from '../schema/dictionary.ts';
import type { SourceProblem } from './errors.ts';
import { expandVocab } from './vocab/index.ts';
import { useNlpCache } from './nlp-cache.ts';
import { sourceCache } from './source-cache.ts';

export interface PackSources {
  meta: PackMeta;
  sources: ParsedSource[];
  /** A folder's translation files (`<locale>/messages.<lang>.yaml`); absent for a stand-alone file. */
  messages?: ParsedMessages[];
  problems: SourceProblem[];
}

const SOURCE_FILE = /\.(ya?ml|json)$/i;

export function readPackSources(path: string): PackSources {
  // Compiling from disk is a Node build: remember the NLP answers between builds.
  useNlpCache();
  const problems: SourceProblem[] = [];
  let stat;
  try {
    stat = statSync(path);
  } catch (e) {
    return { meta: fallbackMeta(path), sources: [], problems: [{ file: path, message: `cannot read: ${(e as Error).message}` }] };
  }
  if (stat.isFile()) {
    const text = readFileSync(path, 'utf8');
    const r = parseSourceText(path, text, undefined, sourceCache());
    problems.push(...r.problems);
    if (r.value) problems.push(...generateVocab(r.value, join(dirname(path), 'vocab')));
    if (r.value && !r.value.data.pack) problems.push({ file: path, message: 'a stand-alone dictionary file needs a `pack:` key (id, version, description)' });
    return { meta: r.value?.data.pack ?? fallbackMeta(path), sources: r.value ? [r.value] : [], problems };
  }
  let meta = fallbackMeta(path);
  const metaFile = ['pack.yaml', 'pack.yml', 'pack.json'].map((f) => join(path, f)).find((f) => exists(f));
  if (!metaFile) problems.push({ file: join(path, 'pack.yaml'), message: 'missing: a pack folder needs pack.yaml (id, version, description, locales)' });
  else {
    const r = parsePackMeta(relative(process.cwd(), metaFile), readFileSync(metaFile, 'utf8'));
    problems.push(...r.problems);
    if (r.value) meta = r.value;
  }
  const sources: ParsedSource[] = [];
  const messages: ParsedMessages[] = [];
  for (const file of listFiles(path).filter((f) => SOURCE_FILE.test(f) && !/\/pack\.(ya?ml|json)$/.test(f)).sort()) {
    const rel = relative(process.cwd(), file);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      problems.push({ file: rel, message: `cannot read: ${(e as Error).message}` });
      continue;
    }
    if (MESSAGES_FILE.test(rel)) {
      const m = parseMessagesText(rel, text);
      problems.push(...m.problems);
      if (m.value) messages.push(m.value);
      continue;
    }
    const r = parseSourceText(rel, text, undefined, sourceCache());
    problems.push(...r.problems);
    if (r.value) problems.push(...generateVocab(r.value, join(path, 'vocab')));
    if (r.value) sources.push(r.value);
  }
  return { meta, sources, messages, problems };
}

/** Generated vocabularies of a source's entries; their data files live in the pack's `vocab/` folder. */
function generateVocab(src: ParsedSource, dataDir: string): SourceProblem[] {
  const problems: SourceProblem[] = [];
  src.data.entries.forEach((entry, i) => {
    if (!entry.vocab) return;
    for (const message of expandVocab(entry, src.data.locale, dataDir).problems) {
      problems.push({ file: src.file, line: src.entryLines[i], entry: entry.id, field: 'vocab', message });
    }
  });
  return problems;
}

function fallbackMeta(path: string): PackMeta {
  return { id: 'unnamed', version: '0.0.0', description: path };
}

function exists(f: string): boolean {
  try {
    return statSync(f).isFile();
  } catch {
    return false;
  }
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out;
}
