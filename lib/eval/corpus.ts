/**
 * Node-side helpers for the quality evaluation: where the labelled corpora live,
 * how they are split, reading them, and scoring a linter on them. The scoring
 * itself is in score.ts (pure).
 *
 * Splits (test/corpus/README.md): `dev` is what dictionaries may be tuned on
 * (labelled-<locale>.jsonl + dev-<locale>.jsonl + fresh- and blind-<locale>.jsonl); `test` is the held-out split
 * (heldout-<locale>.jsonl), reported and never tuned on; `cnil` holds comments
 * quoted in CNIL decisions and the press (cnil-<locale>.jsonl); `novel` is the
 * newest held-out split, written by someone who never saw the dictionaries
 * (loft-<locale>.jsonl), reported and never tuned on. The earlier such splits
 * (fresh-, unseen-, novel-, cold-, sealed-, frozen-, vault-, then attic-<locale>.jsonl) joined dev once their figures were reported.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isCategoryId, LOCALES, type Locale } from '../categories.ts';
import type { Linter } from '../engine/lint.ts';
import { scoreCorpus, type CorpusScore, type LabelledNote } from './score.ts';

export type Split = 'dev' | 'test' | 'cnil' | 'novel';
export const SPLITS: readonly Split[] = ['dev', 'test', 'cnil', 'novel'];

/** File name stems of each split, in reading order. */
const SPLIT_STEMS: Record<Split, readonly string[]> = {
  // fresh-*: the held-out split of the previous round, tuned on since its figures were reported.
  // blind-*: dev notes written by someone who never saw the dictionaries, for tuning on unseen wording.
  // unseen-*: the held-out split of the round before this one, tuned on since its figures were reported.
  // novel-*: the held-out split of the third round, tuned on since its before/after figures were reported.
  // cold-*: the held-out split of the fourth round, tuned on since its before/after figures were reported.
  // sealed-*: the held-out split of the fifth round, tuned on since its before/after figures were reported.
  // frozen-*: the held-out split of the sixth round, tuned on since its before/after figures were reported.
  // vault-*: the held-out split of the seventh round, tuned on since its before/after figures were reported.
  // attic-*: the held-out split of the eighth round, tuned on since its before/after figures were reported.
  dev: ['labelled', 'dev', 'fresh', 'blind', 'healthdev', 'unseen', 'novel', 'cold', 'sealed', 'frozen', 'vault', 'attic'],
  test: ['heldout'],
  cnil: ['cnil'],
  // Kept apart from `test` so the held-out figures stay comparable with earlier rounds.
  novel: ['loft'],
};

export function corpusDir(root: string): string {
  return join(root, 'test', 'corpus');
}

/** The original hand-labelled corpus of a locale (part of the dev split). */
export function corpusPath(root: string, locale: Locale): string {
  return join(corpusDir(root), `labelled-${locale}.jsonl`);
}

export function splitPaths(root: string, locale: Locale, split: Split): string[] {
  return SPLIT_STEMS[split].map((stem) => join(corpusDir(root), `${stem}-${locale}.jsonl`));
}

/** Which split and locale a corpus file name belongs to ("dev-fr.jsonl" → dev, fr); null for any other name. */
export function classifyCorpusFile(name: string): { split: Split; locale: Locale } | null {
  const m = /^([a-z]+)-([a-z]+)\.jsonl$/.exec(name);
  if (!m || !LOCALES.includes(m[2] as Locale)) return null;
  const split = SPLITS.find((sp) => SPLIT_STEMS[sp].includes(m[1]!));
  return split ? { split, locale: m[2] as Locale } : null;
}

/** Every .jsonl file in test/corpus, sorted by name. */
export function listCorpusFiles(root: string): string[] {
  return readdirSync(corpusDir(root)).filter((n) => n.endsWith('.jsonl')).sort().map((n) => join(corpusDir(root), n));
}

/** A labelled note, plus the source a CNIL-set line names. */
export type SourcedNote = LabelledNote & { source?: string };

export function readLabelledCorpus(path: string): SourcedNote[] {
  const notes: SourcedNote[] = [];
  readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${path}:${i + 1}`;
    let n: SourcedNote;
    try {
      n = JSON.parse(line) as SourcedNote;
    } catch (e) {
      throw new Error(`${where}: not JSON (${(e as Error).message})`);
    }
    if (typeof n.id !== 'string' || typeof n.text !== 'string' || !Array.isArray(n.expect)) {
      throw new Error(`${where}: expected {"id","text","expect":[…]}`);
    }
    for (const e of n.expect) {
      if (!isCategoryId(e.category)) throw new Error(`${where}: unknown category ${e.category}`);
      if (typeof e.wording !== 'string') throw new Error(`${where}: expectation without a "wording" string`);
    }
    notes.push(n);
  });
  return notes;
}

export interface CorpusFile {
  path: string;
  name: string;
  /** null when the file does not exist (another locale's writer may not have delivered it yet). */
  notes: SourcedNote[] | null;
}

/** Every file of a split for a locale, absent ones included (notes: null). */
export function readSplit(root: string, locale: Locale, split: Split): CorpusFile[] {
  return splitPaths(root, locale, split).map((path) => ({
    path,
    name: basename(path),
    notes: existsSync(path) ? readLabelledCorpus(path) : null,
  }));
}

/** "labelled-fr.jsonl 434 + dev-fr.jsonl absent" */
export function describeFiles(files: readonly CorpusFile[]): string {
  return files.map((f) => `${f.name} ${f.notes ? f.notes.length : 'absent'}`).join(' + ');
}

/** The notes of the files that exist, in order. */
export function presentNotes(files: readonly CorpusFile[]): SourcedNote[] {
  return files.flatMap((f) => f.notes ?? []);
}

export function evaluate(linter: Linter, notes: readonly LabelledNote[], locale: Locale): CorpusScore {
  return scoreCorpus(notes, (n) => linter.lint(n.text, { locale }));
}
