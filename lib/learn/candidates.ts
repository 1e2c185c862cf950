/**
 * Training examples for the context judge (lib/engine/judge.ts), from a labelled corpus:
 * every dictionary finding of a note, positive when one of its categories overlaps an
 * expected wording of that category, negative otherwise.
 *
 * The dictionaries were tuned on this corpus, so their findings on it are nearly all
 * right: too few negatives to learn from. The negatives that teach the judge what a
 * look-alike is come from a second pass with the rules' context guards switched off
 * (no `require`, `exclude`, `modifies`, `unless`): each match a guard cancels in a note
 * is, mostly, a look-alike the tuners saw ("pompe à chaleur", "enceinte Bluetooth").
 */
import type { Locale } from '../categories.ts';
import { Linter } from '../engine/lint.ts';
import { hashFeature, judgeFeatures, type JudgedMatch } from '../engine/judge.ts';
import { tokenize, type Token } from '../engine/tokenize.ts';
import type { ParsedSource } from '../compiler/load-sources.ts';
import type { Finding } from '../engine/types.ts';
import type { CompiledPack } from '../schema/dictionary.ts';
import { locate, overlaps, type LabelledNote } from '../eval/score.ts';

export interface JudgeCandidate extends JudgedMatch {
  note: string;
  /** From a dictionary entry's own flag/pass example, not from the corpus. */
  example?: true;
  start: number;
  end: number;
  positive: boolean;
  /** Found with the guards on: a finding the engine reports today. */
  guarded: boolean;
  /** judgeFeatures(), hashed (full 32 bits; masked to the model's size when trained). */
  hashes: Uint32Array;
}

/** The pack with every context guard removed: the matches its guards would cancel come through. */
export function unguardedPack(pack: CompiledPack): CompiledPack {
  const { modifies: _shared, judge: _judge, ...rest } = pack;
  return { ...rest, rules: pack.rules.map(({ context: _context, ...rule }) => rule), unless: [] };
}

/** The judge only sees what a pack without a judge reports. */
export function withoutJudge(pack: CompiledPack): CompiledPack {
  const { judge: _judge, ...rest } = pack;
  return rest;
}

export interface CollectedCandidates {
  candidates: JudgeCandidate[];
  /** Per note id, every finding the engine reports with the judge off (identifiers included). */
  findings: Map<string, Finding[]>;
}

/** A dictionary entry's example: a note its rule must flag, or one it must pass (a look-alike its author saw). */
export interface RuleExample {
  rule: string;
  text: string;
  flag: boolean;
}

/** The flag and pass examples of every entry of a locale, in source order. */
export function ruleExamples(sources: readonly ParsedSource[], locale: Locale): RuleExample[] {
  const out: RuleExample[] = [];
  for (const s of sources) {
    if (s.data.locale !== locale) continue;
    for (const e of s.data.entries) {
      for (const text of e.examples.flag) out.push({ rule: e.id, text, flag: true });
      for (const text of e.examples.pass) out.push({ rule: e.id, text, flag: false });
    }
  }
  return out;
}

/** The two linters candidates come from: the pack as it is, then without its guards. Build once, reuse. */
export type CandidatePasses = ReadonlyArray<readonly [linter: Linter, guarded: boolean]>;

export function candidatePasses(pack: CompiledPack): CandidatePasses {
  return [
    [new Linter([withoutJudge(pack)], { secondStage: false }), true],
    [new Linter([unguardedPack(pack)], { secondStage: false }), false],
  ];
}

/**
 * Candidates of the examples' own rules: positive in a flag example, negative in a pass
 * example. Other rules' matches in an example are left out (nobody labelled them).
 */
export function exampleCandidates(pack: CompiledPack, examples: readonly RuleExample[], locale: Locale, window: number, linters = candidatePasses(pack)): JudgeCandidate[] {
  const rules = new Map(pack.rules.map((r) => [r.id, r]));
  const out: JudgeCandidate[] = [];
  examples.forEach((ex, i) => {
    const tokens = tokenize(ex.text);
    const seen = new Set<string>();
    for (const [linter, guarded] of linters) {
      for (const f of linter.lint(ex.text, { locale })) {
        const rule = rules.get(f.rule);
        const key = `${f.start}:${f.end}`;
        if (f.rule !== ex.rule || !rule || seen.has(key)) continue;
        seen.add(key);
        const m = judgedMatch(tokens, f, rule.category);
        if (m) out.push({ ...m, note: `example:${i}`, example: true, start: f.start, end: f.end, positive: ex.flag, guarded, hashes: Uint32Array.from(judgeFeatures(m, window), hashFeature) });
      }
    }
  });
  return out;
}

function judgedMatch(tokens: readonly Token[], f: Finding, category: string): JudgedMatch | undefined {
  const first = tokens.findIndex((t) => t.start === f.start);
  const last = tokens.findIndex((t) => t.end === f.end) + 1;
  if (first < 0 || last <= first) return undefined;
  return { tokens, first, last, rule: f.rule, category, typo: f.typoOf !== undefined };
}

/** Candidates of each note, guarded findings first, then the unguarded ones they do not repeat. */
export function collectCandidates(pack: CompiledPack, notes: readonly LabelledNote[], locale: Locale, window: number, linters = candidatePasses(pack)): CollectedCandidates {
  const rules = new Map(pack.rules.map((r) => [r.id, r]));
  const out: JudgeCandidate[] = [];
  const findings = new Map<string, Finding[]>();
  for (const note of notes) {
    const tokens = tokenize(note.text);
    const expected = note.expect.map((e) => ({ category: e.category, ...locate(note, e) }));
    const seen = new Set<string>();
    for (const [linter, guarded] of linters) {
      const found = linter.lint(note.text, { locale });
      if (guarded) findings.set(note.id, found);
      for (const f of found) {
        const rule = rules.get(f.rule);
        if (!rule) continue; // an identifier, not a dictionary rule
        const key = `${f.start}:${f.end}:${f.rule}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const m = judgedMatch(tokens, f, rule.category);
        if (!m) continue;
        const categories = f.categories ?? [f.category];
        const positive = expected.some((e) => categories.includes(e.category) && overlaps(e, f));
        out.push({ ...m, note: note.id, start: f.start, end: f.end, positive, guarded, hashes: Uint32Array.from(judgeFeatures(m, window), hashFeature) });
      }
    }
  }
  return { candidates: out, findings };
}
