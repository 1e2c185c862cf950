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

/** Per rule, the JSON of the members a rule fixes (category, rule, severity, message): built once, reused for each finding. */
const ruleFragments = new Map<string, { category: string; severity: string; message: string; json: string }>();

function ruleFragment(f: Finding): string {
  const c = ruleFragments.get(f.rule);
  if (c && c.category === f.category && c.severity === f.severity && c.message === f.message) return c.json;
  const json = `,"category":${JSON.stringify(f.category)},"rule":${JSON.stringify(f.rule)},"severity":${JSON.stringify(f.severity)},"message":${JSON.stringify(f.message)}`;
  if (ruleFragments.size >= 10_000) ruleFragments.clear();
  ruleFragments.set(f.rule, { category: f.category, severity: f.severity, message: f.message, json });
  return json;
}

/**
 * `JSON.stringify(publicFinding(f))`, character for character, without building the
 * object: the JSONL path writes hundreds of thousands of findings and most of their bytes
 * (the message) repeat per rule.
 */
export function findingJson(f: Finding): string {
  let s = `{"start":${f.start},"end":${f.end},"text":${JSON.stringify(f.text)}${ruleFragment(f)},"suggestions":${JSON.stringify(f.suggestions)},"categories":${JSON.stringify(f.categories ?? [f.category])}`;
  if (f.confidence !== undefined) s += `,"confidence":${JSON.stringify(f.confidence)}`;
  if (f.typoOf !== undefined) s += `,"typoOf":${JSON.stringify(f.typoOf)}`;
  return s + '}';
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
    let json = `{"id":${JSON.stringify(id)},"findings":[`;
    for (let k = 0; k < findings.length; k++) json += (k ? ',' : '') + findingJson(findings[k]!);
    out += json + ']}\n';
  }
  return { out, err, bad, failing };
}
