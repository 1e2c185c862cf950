/**
 * Format checks for a labelled corpus file: the rules every corpus line must follow
 * so its figures mean something. Pure: the caller reads the file.
 */
import { CATEGORY_IDS, isCategoryId, type CategoryId } from '../categories.ts';
import type { LabelledNote } from './score.ts';

export interface CorpusProblem {
  id: string;
  problem: string;
}

/** Line-level problems: duplicate ids, empty text, unknown categories, wordings that are not in their note. */
export function corpusProblems(notes: readonly LabelledNote[]): CorpusProblem[] {
  const out: CorpusProblem[] = [];
  const seen = new Set<string>();
  for (const n of notes) {
    if (seen.has(n.id)) out.push({ id: n.id, problem: 'duplicate id' });
    seen.add(n.id);
    if (!n.text.trim()) out.push({ id: n.id, problem: 'empty text' });
    for (const e of n.expect) {
      if (!isCategoryId(e.category)) out.push({ id: n.id, problem: `unknown category "${String(e.category)}"` });
      if (!e.wording) out.push({ id: n.id, problem: 'empty wording' });
      else if (e.start !== undefined ? n.text.slice(e.start, e.start + e.wording.length) !== e.wording : !n.text.includes(e.wording)) {
        out.push({ id: n.id, problem: `wording "${e.wording}" is not an exact substring of the text` });
      }
    }
  }
  return out;
}

/** Share of notes with no expectation (the clean look-alikes). */
export function cleanShare(notes: readonly LabelledNote[]): number {
  return notes.length ? notes.filter((n) => n.expect.length === 0).length / notes.length : 0;
}

/** Number of notes that carry at least one expectation of each category. */
export function notesPerCategory(notes: readonly LabelledNote[]): Record<CategoryId, number> {
  const counts = Object.fromEntries(CATEGORY_IDS.map((c) => [c, 0])) as Record<CategoryId, number>;
  for (const n of notes) for (const c of new Set(n.expect.map((e) => e.category))) if (isCategoryId(c)) counts[c]++;
  return counts;
}
