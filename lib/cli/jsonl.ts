/**
 * The JSONL machine interface, one batch of lines at a time: parse each
 * {"id","text"} line, lint it, and build the output lines as one string, so the
 * caller writes once per batch. The same function runs in this thread and in
 * the worker threads of `check --jsonl --jobs N`.
 */
import type { Severity } from '../categories.ts';
import { MAX_NOTE_CHARS, reaches } from '../audit/gate.ts';
import type { Linter } from '../engine/lint.ts';
import type { Finding, LocaleOption } from '../engine/types.ts';

/**
 * The stable JSONL shape of a finding (the extra engine fields stay out of it).
 * Added later, never removed: `categories` (primary first), and for a probable typo
 * `confidence` and `typoOf`.
 */
export function publicFinding(f: Finding) {
  return {
    start: f.start, end: f.end, text: f.text, category: f.category, rule: f.rule, severity: f.severity, message: f.message, suggestions: f.suggestions,
    categories: f.categories ?? [f.category],
    ...(f.confidence !== undefined ? { confidence: f.confidence } : {}),
    ...(f.typoOf !== undefined ? { typoOf: f.typoOf } : {}),
  };
}

export interface JsonlBatchResult {
  /** Output lines, each ending in "\n". */
  out: string;
  /** Messages for stderr, each ending in "\n". */
  err: string;
  /** Lines refused (malformed, no text, too long). */
  bad: number;
  /** Findings that reached --fail-on. */
  failing: number;
}

/** Lints `lines` (without their "\n"), the first of which is input line `firstLine` (1-based). */
export function lintJsonlLines(linter: Linter, lines: readonly string[], firstLine: number, locale: LocaleOption, failOn: Severity | 'none'): JsonlBatchResult {
  let out = '';
  let err = '';
  let bad = 0;
  let failing = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = firstLine + i;
    if (!line.trim()) continue;
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch (e) {
      bad++;
      err += `stdin:${lineNo}: malformed JSON line, skipped (${(e as Error).message})\n`;
      out += JSON.stringify({ id: null, line: lineNo, findings: [], error: 'malformed JSON' }) + '\n';
      continue;
    }
    const obj = rec as { id?: unknown; text?: unknown; locale?: unknown } | null;
    const id = typeof obj?.id === 'string' || typeof obj?.id === 'number' ? obj.id : null;
    if (!obj || typeof obj !== 'object' || typeof obj.text !== 'string') {
      bad++;
      err += `stdin:${lineNo}: expected {"id": ..., "text": "..."}; "text" is missing or not a string, skipped\n`;
      out += JSON.stringify({ id, line: lineNo, findings: [], error: 'missing "text"' }) + '\n';
      continue;
    }
    if (obj.text.length > MAX_NOTE_CHARS) {
      bad++;
      err += `stdin:${lineNo}: note ${JSON.stringify(id)} is ${obj.text.length} characters, over the ${MAX_NOTE_CHARS} limit, skipped\n`;
      out += JSON.stringify({ id, line: lineNo, findings: [], error: 'note too long' }) + '\n';
      continue;
    }
    const findings = linter.lint(obj.text, { locale: obj.locale === 'fr' || obj.locale === 'en' ? obj.locale : locale });
    for (const f of findings) if (reaches(f, failOn)) failing++;
    out += JSON.stringify({ id, findings: findings.map(publicFinding) }) + '\n';
  }
  return { out, err, bad, failing };
}
