/**
 * Quality scoring of findings against a labelled corpus (engine-notes point 11):
 * per-category precision, recall and F2 (recall weighted, as Presidio recommends),
 * plus false flags on clean notes. Pure: no I/O, no engine import.
 *
 * A finding is correct when its category equals an expectation's category and its
 * span overlaps the expectation's span (the first occurrence of `wording` in the
 * note, or the explicit `start` when given).
 */
import { CATEGORY_IDS, type CategoryId } from '../categories.ts';

export interface Expectation {
  category: CategoryId;
  /** The wording a compliance officer would highlight, as written in the note. */
  wording: string;
  /** Optional offset when the wording occurs more than once. */
  start?: number;
}

export interface LabelledNote {
  id: string;
  text: string;
  /** [] for a clean note. */
  expect: Expectation[];
}

/** The part of an engine finding the scorer needs. */
export interface ScoredFinding {
  start: number;
  end: number;
  category: CategoryId;
  /** Every category of the finding, primary first (when it has several). */
  categories?: readonly CategoryId[];
  text?: string;
  rule?: string;
}

export interface Span {
  start: number;
  end: number;
}

export interface NoteScore {
  id: string;
  text: string;
  clean: boolean;
  /** Expectations found by at least one finding of their category. */
  hits: Expectation[];
  /** Expectations no finding of their category overlaps. */
  misses: (Expectation & Span & { got?: ScoredFinding[] })[];
  /** Findings that overlap an expectation of their category. */
  correct: ScoredFinding[];
  /** Findings that overlap no expectation of their category. */
  falseFlags: ScoredFinding[];
}

export interface CategoryScore {
  category: CategoryId;
  /** Number of expectations of this category. */
  expected: number;
  /** Expectations found. */
  found: number;
  /** Findings of this category. */
  flagged: number;
  /** Findings of this category that are correct. */
  correct: number;
  falseFlags: number;
  precision: number | null;
  recall: number | null;
  f2: number | null;
}

export interface CorpusScore {
  notes: number;
  categories: CategoryScore[];
  total: Omit<CategoryScore, 'category'> & { category: 'total' };
  clean: { notes: number; flagged: number; rate: number; findings: number };
  perNote: NoteScore[];
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Where an expectation sits in its note; throws when the wording is not there (a corpus error). */
export function locate(note: LabelledNote, e: Expectation): Span {
  let start = e.start ?? note.text.indexOf(e.wording);
  if (start < 0) {
    const i = note.text.toLowerCase().indexOf(e.wording.toLowerCase());
    start = i;
  }
  if (start < 0 || note.text.slice(start, start + e.wording.length).toLowerCase() !== e.wording.toLowerCase()) {
    throw new Error(`corpus ${note.id}: wording "${e.wording}" not found in "${note.text}"`);
  }
  return { start, end: start + e.wording.length };
}

export function scoreNote(note: LabelledNote, found: readonly ScoredFinding[]): NoteScore {
  // A finding with several categories is scored once per category it claims.
  const findings = found.flatMap((f) => (f.categories && f.categories.length > 1 ? f.categories.map((category) => ({ ...f, category })) : [f]));
  const spans = note.expect.map((e) => ({ ...e, ...locate(note, e) }));
  const hits: Expectation[] = [];
  const misses: NoteScore['misses'] = [];
  for (const s of spans) {
    if (findings.some((f) => f.category === s.category && overlaps(f, s))) hits.push(note.expect[spans.indexOf(s)]!);
    else {
      const got = findings.filter((f) => overlaps(f, s));
      misses.push(got.length ? { ...s, got } : s);
    }
  }
  const correct: ScoredFinding[] = [];
  const falseFlags: ScoredFinding[] = [];
  for (const f of findings) {
    (spans.some((s) => s.category === f.category && overlaps(f, s)) ? correct : falseFlags).push(f);
  }
  return { id: note.id, text: note.text, clean: note.expect.length === 0, hits, misses, correct, falseFlags };
}

const ratio = (num: number, den: number): number | null => (den === 0 ? null : num / den);

/** F-beta with beta = 2: recall counts four times as much as precision. */
export function f2(precision: number | null, recall: number | null): number | null {
  if (precision === null || recall === null) return null;
  if (precision === 0 && recall === 0) return 0;
  return (5 * precision * recall) / (4 * precision + recall);
}

function row(category: CategoryId | 'total', expected: number, found: number, flagged: number, correct: number) {
  const precision = ratio(correct, flagged);
  const recall = ratio(found, expected);
  return {
    category, expected, found, flagged, correct, falseFlags: flagged - correct,
    // No finding at all: precision is undefined, reported as null (shown "—").
    precision, recall, f2: f2(precision ?? (expected ? 0 : null), recall),
  };
}

/** Scores a corpus: `findingsOf(note)` returns the engine's findings for a note. */
export function scoreCorpus(notes: readonly LabelledNote[], findingsOf: (note: LabelledNote) => readonly ScoredFinding[]): CorpusScore {
  return summarize(notes.map((n) => scoreNote(n, findingsOf(n))));
}

/** One score over several (e.g. both locales' test splits), recomputed from their notes. */
export function mergeScores(scores: readonly CorpusScore[]): CorpusScore {
  return summarize(scores.flatMap((s) => s.perNote));
}

function summarize(perNote: NoteScore[]): CorpusScore {
  const categories = CATEGORY_IDS.map((c) => {
    let expected = 0, found = 0, flagged = 0, correct = 0;
    for (const n of perNote) {
      for (const h of n.hits) if (h.category === c) { expected++; found++; }
      for (const m of n.misses) if (m.category === c) expected++;
      for (const f of n.correct) if (f.category === c) { flagged++; correct++; }
      for (const f of n.falseFlags) if (f.category === c) flagged++;
    }
    return row(c, expected, found, flagged, correct) as CategoryScore;
  });
  const sum = (k: 'expected' | 'found' | 'flagged' | 'correct') => categories.reduce((a, r) => a + r[k], 0);
  const total = row('total', sum('expected'), sum('found'), sum('flagged'), sum('correct')) as CorpusScore['total'];
  const cleanNotes = perNote.filter((n) => n.clean);
  const flaggedClean = cleanNotes.filter((n) => n.falseFlags.length > 0);
  return {
    notes: perNote.length,
    categories,
    total,
    clean: {
      notes: cleanNotes.length,
      flagged: flaggedClean.length,
      rate: cleanNotes.length ? flaggedClean.length / cleanNotes.length : 0,
      findings: flaggedClean.reduce((a, n) => a + n.falseFlags.length, 0),
    },
    perNote,
  };
}

const pct = (x: number | null) => (x === null ? '   —' : x.toFixed(2).padStart(4));

/** A fixed-width table: one row per category (empty categories left out), then the total and clean-note false flags. */
export function formatTable(title: string, s: CorpusScore): string {
  const head = `${'category'.padEnd(11)} ${'expect'.padStart(6)} ${'found'.padStart(5)} ${'flags'.padStart(5)} ${'false'.padStart(5)}  prec   rec    F2`;
  const line = (r: Omit<CategoryScore, 'category'> & { category: string }) =>
    `${r.category.padEnd(11)} ${String(r.expected).padStart(6)} ${String(r.found).padStart(5)} ${String(r.flagged).padStart(5)} ${String(r.falseFlags).padStart(5)}  ${pct(r.precision)}  ${pct(r.recall)}  ${pct(r.f2)}`;
  const rows = s.categories.filter((r) => r.expected || r.flagged).map(line);
  return [
    `${title}: ${s.notes} notes (${s.clean.notes} clean)`,
    head,
    ...rows,
    '-'.repeat(head.length),
    line(s.total),
    `false flags on clean notes: ${s.clean.flagged}/${s.clean.notes} notes (${(s.clean.rate * 100).toFixed(1)} %), ${s.clean.findings} findings`,
  ].join('\n');
}

/** Human-readable list of misses and false flags, for tuning dictionaries. */
export function formatErrors(s: CorpusScore): string {
  const out: string[] = [];
  for (const n of s.perNote) {
    for (const m of n.misses) {
      const got = m.got?.map((f) => `${f.category}:"${f.text ?? ''}"`).join(', ');
      out.push(`MISS  ${n.id} ${m.category} "${m.wording}"${got ? ` (got ${got})` : ''} | ${n.text}`);
    }
    for (const f of n.falseFlags) out.push(`FALSE ${n.id} ${f.category} "${f.text ?? ''}" ${f.rule ?? ''}${n.clean ? ' [clean]' : ''} | ${n.text}`);
  }
  return out.join('\n');
}

/** How many quoted comments the engine flags: at least one term found, every term found, and the rest listed. */
export function formatFlaggedNotes(title: string, s: CorpusScore, sourceOf: (id: string) => string | undefined = () => undefined): string {
  const labelled = s.perNote.filter((n) => !n.clean);
  const flagged = labelled.filter((n) => n.hits.length > 0);
  const complete = labelled.filter((n) => n.misses.length === 0);
  const out = [
    `${title}: flagged ${flagged.length}/${labelled.length} comments, every term found in ${complete.length}/${labelled.length}`
    + (s.clean.notes ? `; clean lines falsely flagged ${s.clean.flagged}/${s.clean.notes}` : ''),
  ];
  for (const n of labelled.filter((x) => x.misses.length)) {
    const what = n.hits.length ? 'partly missed' : 'MISSED';
    const source = sourceOf(n.id);
    out.push(`  ${what} ${n.id}: ${n.misses.map((m) => `${m.category} "${m.wording}"`).join(', ')} | ${n.text}${source ? ` [${source}]` : ''}`);
  }
  return out.join('\n');
}
