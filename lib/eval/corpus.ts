/**
 * Node-side helpers for the quality evaluation: read a labelled JSONL corpus and
 * score the built-in (or any) linter on it. The scoring itself is in score.ts (pure).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isCategoryId, type Locale } from '../categories.ts';
import type { Linter } from '../engine/lint.ts';
import { scoreCorpus, type CorpusScore, type LabelledNote } from './score.ts';

export function corpusPath(root: string, locale: Locale): string {
  return join(root, 'test', 'corpus', `labelled-${locale}.jsonl`);
}

export function readLabelledCorpus(path: string): LabelledNote[] {
  const notes: LabelledNote[] = [];
  readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const n = JSON.parse(line) as LabelledNote;
    if (typeof n.id !== 'string' || typeof n.text !== 'string' || !Array.isArray(n.expect)) {
      throw new Error(`${path}:${i + 1}: expected {"id","text","expect":[…]}`);
    }
    for (const e of n.expect) if (!isCategoryId(e.category)) throw new Error(`${path}:${i + 1}: unknown category ${e.category}`);
    notes.push(n);
  });
  return notes;
}

export function evaluate(linter: Linter, notes: readonly LabelledNote[], locale: Locale): CorpusScore {
  return scoreCorpus(notes, (n) => linter.lint(n.text, { locale }));
}
