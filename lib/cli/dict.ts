/** `crm-note-lint dict validate|build|test PATH`: the dictionary author's tools. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { compilePack } from '../compiler/compile.ts';
import { loadLexicon } from '../compiler/lexicon.ts';
import { formatProblem } from '../compiler/errors.ts';
import { readPackSources } from '../compiler/read-pack-dir.ts';
import { runExamples } from '../compiler/run-examples.ts';
import type { CompiledPack } from '../schema/dictionary.ts';
import { encodePack } from '../schema/pack-encoding.ts';

/** `dict keygen` and `dict sign` take their own options: main.ts hands them the raw arguments. */
export const DICT_KEY_ACTIONS = ['keygen', 'sign'];
export { keyCommand as dictKeyCommand } from './sign.ts';

export interface DictIo {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

export function packStats(pack: CompiledPack) {
  const byLocale: Record<string, { rules: number; forms: number }> = {};
  for (const r of pack.rules) (byLocale[r.locale] ??= { rules: 0, forms: 0 }).rules++;
  for (const [, r] of pack.phrases) byLocale[pack.rules[r]!.locale]!.forms++;
  return byLocale;
}

export function dictCommand(action: string, path: string, outFile: string | undefined, io: DictIo): number {
  const t0 = performance.now();
  const src = readPackSources(path);
  const terms: Record<string, number> = {};
  for (const s of src.sources) for (const e of s.data.entries ?? []) terms[s.data.locale] = (terms[s.data.locale] ?? 0) + e.terms.length;
  if (src.problems.length) {
    for (const p of src.problems) io.err.write(formatProblem(p) + '\n');
    io.err.write(`${src.problems.length} problem(s) in ${path}\n`);
    return 1;
  }
  // Typo tolerance needs the word lists: worth loading for a pack that will run.
  const result = compilePack(src.meta, src.sources, { ...(action === 'validate' ? {} : { lexicon: loadLexicon() }), messages: src.messages });
  for (const w of result.warnings) io.err.write(`warning: ${formatProblem(w)}\n`);
  if (!result.pack) {
    for (const p of result.problems) io.err.write(formatProblem(p) + '\n');
    io.err.write(`${result.problems.length} problem(s) in ${path}\n`);
    return 1;
  }
  const ms = performance.now() - t0;
  const stats = packStats(result.pack);
  const summary = Object.entries(stats)
    .map(([loc, s]) => `${loc}: ${s.rules} entries, ${terms[loc] ?? 0} terms, ${s.forms} forms`)
    .join('; ');
  if (action === 'validate') {
    io.out.write(`${path}: valid (${summary})\n`);
    return 0;
  }
  if (action === 'build') {
    const json = JSON.stringify(encodePack(result.pack));
    if (outFile) {
      mkdirSync(dirname(outFile), { recursive: true });
      writeFileSync(outFile, json + '\n');
      io.out.write(`built ${outFile} (${(json.length / 1024).toFixed(0)} kB; ${summary}) in ${ms.toFixed(0)} ms\n`);
    } else io.out.write(json + '\n');
    return 0;
  }
  if (action === 'test') {
    const report = runExamples(result.pack, result.origins, undefined, result.fieldOrigins);
    for (const f of report.failures) io.err.write(formatProblem(f) + '\n');
    io.out.write(`${report.run - report.failures.length} passed, ${report.failures.length} failed (examples of ${result.origins.size} entries; ${summary})\n`);
    return report.failures.length ? 1 : 0;
  }
  io.err.write(`unknown dict action "${action}" (validate | build | test | keygen | sign)\n`);
  return 2;
}
