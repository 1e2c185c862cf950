/**
 * compromise and fr-compromise, loaded the first time a question misses the answer cache
 * (nlp-memo.ts): a build whose answers are all remembered never loads them, and loading the
 * two took about a second of the compile's CPU time. Node reads their CommonJS builds with a
 * synchronous require, so the compiler stays synchronous; a browser page (the options page
 * compiles imported packs) has no require and calls `loadNlpLibs()` before compiling.
 */
import type EnNlp from 'compromise';
import type FrNlp from 'fr-compromise';

export interface NlpLibs {
  en: typeof EnNlp;
  fr: typeof FrNlp;
}

let libs: NlpLibs | undefined;

interface NodeModuleApi { createRequire(from: string): (id: string) => unknown }
type NodeProcess = { getBuiltinModule?: (id: string) => unknown };

const defaultOf = <T>(m: unknown): T => ((m as { default?: T }).default ?? m) as T;

/** Node's require, where there is one (process.getBuiltinModule: Node ≥ 20.16), without importing node:module in a page. */
function nodeRequire(): ((id: string) => unknown) | undefined {
  const proc = (globalThis as { process?: NodeProcess }).process;
  const mod = proc?.getBuiltinModule?.('node:module') as NodeModuleApi | undefined;
  return mod?.createRequire(import.meta.url);
}

/** Both libraries, loaded now if they are not yet. */
export function nlpLibs(): NlpLibs {
  if (libs) return libs;
  const req = nodeRequire();
  if (!req) throw new Error('the NLP libraries are not loaded: call loadNlpLibs() before compiling in a page');
  libs = { en: defaultOf(req('compromise')), fr: defaultOf(req('fr-compromise')) };
  return libs;
}

/** Loads both libraries as ES modules (the options page, before it compiles). */
export async function loadNlpLibs(): Promise<void> {
  if (libs) return;
  const [en, fr] = await Promise.all([import('compromise'), import('fr-compromise')]);
  libs ??= { en: en.default, fr: fr.default };
}
