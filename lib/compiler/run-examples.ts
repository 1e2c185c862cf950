/** Runs every entry's `flag` and `pass` examples against the compiled pack. */
import { Linter } from '../engine/lint.ts';
import type { CompiledPack } from '../schema/dictionary.ts';
import type { CompileResult } from './compile.ts';
import type { SourceProblem } from './errors.ts';
import { FieldClassifier } from '../fields/classify.ts';

export interface ExampleReport {
  run: number;
  failures: SourceProblem[];
}

export function runExamples(pack: CompiledPack, origins: CompileResult['origins'], linter = new Linter([pack]), fieldOrigins?: CompileResult['fieldOrigins']): ExampleReport {
  const failures: SourceProblem[] = [];
  let run = 0;
  for (const [id, o] of origins) {
    const at = (message: string): SourceProblem => ({ file: o.file, line: o.line, entry: id, message });
    for (const ex of o.entry.examples.flag) {
      run++;
      const found = linter.lint(ex, { locale: o.locale });
      if (!found.some((f) => f.rule === id)) {
        const other = found.map((f) => f.rule).join(', ');
        failures.push(at(`flag example not flagged by this entry: "${ex}"${other ? ` (found: ${other})` : ''}`));
      }
      for (const f of found) {
        if (ex.slice(f.start, f.end) !== f.text) failures.push(at(`offsets do not point at the wording in "${ex}"`));
      }
    }
    for (const ex of o.entry.examples.pass) {
      run++;
      const found = linter.lint(ex, { locale: o.locale });
      if (found.length) {
        failures.push(at(`pass example flagged: "${ex}" → ${found.map((f) => `"${f.text}" (${f.rule})`).join(', ')}`));
      }
    }
  }
  const classifier = new FieldClassifier([pack]);
  for (const [id, o] of fieldOrigins ?? []) {
    const at = (message: string): SourceProblem => ({ file: o.file, entry: id, message });
    for (const ex of o.field.examples.match) {
      run++;
      const got = classifier.classify({ label: ex }, o.locale);
      if (got?.field.id !== id) failures.push(at(`field example "${ex}" not classified by this entry${got ? ` (got ${got.field.id})` : ''}`));
    }
    for (const ex of o.field.examples.pass) {
      run++;
      const got = classifier.classify({ label: ex }, o.locale);
      if (got) failures.push(at(`field pass example "${ex}" classified as ${got.field.id}`));
    }
  }
  return { run, failures };
}
