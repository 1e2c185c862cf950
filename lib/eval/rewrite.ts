/**
 * Rewrite quality: apply every first suggestion of each note (as `audit --redact`
 * does) and count the notes that come out broken (lib/eval/broken.ts) or still
 * hold an error-severity finding. Node-side: reads the corpus from disk.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locale } from '../categories.ts';
import type { Linter } from '../engine/lint.ts';
import { redactText, type RedactMode } from '../audit/redact.ts';
import { createdDefects, type Defect } from './broken.ts';

export interface RewriteNote {
  id: string;
  /** The clause shape the note exercises (copula, apposition, label…). */
  shape: string;
  text: string;
}

export interface RewriteResult {
  note: RewriteNote;
  rewritten: string;
  defects: Defect[];
  /** Error-severity findings left after the rewrite. */
  errorsLeft: number;
}

export interface RewriteScore {
  notes: number;
  /** Notes with at least one finding (the ones rewritten). */
  flagged: number;
  broken: number;
  share: number;
  errorsLeft: number;
  results: RewriteResult[];
}

export function rewriteCorpusPath(root: string, locale: Locale): string {
  return join(root, 'test', 'rewrite', `rewrite-${locale}.jsonl`);
}

export function readRewriteCorpus(path: string): RewriteNote[] {
  return readFileSync(path, 'utf8').split('\n').flatMap((line, i) => {
    if (!line.trim()) return [];
    const n = JSON.parse(line) as RewriteNote;
    if (typeof n.id !== 'string' || typeof n.text !== 'string' || typeof n.shape !== 'string') throw new Error(`${path}:${i + 1}: expected {"id","shape","text"}`);
    return [n];
  });
}

export function scoreRewrites(linter: Linter, notes: readonly RewriteNote[], locale: Locale, mode: RedactMode = 'suggest'): RewriteScore {
  const results: RewriteResult[] = [];
  for (const note of notes) {
    const findings = linter.lint(note.text, { locale });
    if (!findings.length) continue;
    const rewritten = redactText(linter, note.text, { mode, locale }, findings).text;
    const errorsLeft = linter.lint(rewritten, { locale }).filter((f) => f.severity === 'error').length;
    results.push({ note, rewritten, defects: createdDefects(note.text, rewritten, locale), errorsLeft });
  }
  const broken = results.filter((r) => r.defects.length).length;
  return {
    notes: notes.length, flagged: results.length, broken, share: results.length ? broken / results.length : 0,
    errorsLeft: results.reduce((a, r) => a + r.errorsLeft, 0), results,
  };
}

export function formatRewriteErrors(score: RewriteScore): string {
  return score.results.filter((r) => r.defects.length).map((r) =>
    `${r.note.id} [${r.note.shape}] ${r.defects.map((d) => d.kind).join(', ')}\n  - ${r.note.text}\n  + ${r.rewritten}`).join('\n');
}
