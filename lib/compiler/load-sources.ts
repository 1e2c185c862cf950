/**
 * Reads dictionary sources (a pack folder, or one stand-alone YAML/JSON file),
 * validates them, and reports every problem with file, line, entry and field.
 * Parsing is separate from file access so the options page can compile a pack
 * from text (no `fs` there).
 */
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { ZodError } from 'zod';
import { messagesFileSchema, packMetaSchema, sourceFileSchema, type MessagesFile, type PackMeta, type SourceFile } from '../schema/dictionary.ts';
import { pathToField, type SourceProblem } from './errors.ts';

export interface ParsedSource {
  file: string;
  data: SourceFile;
  /** Line of each entry, by index, for later problems (duplicates, failing examples). */
  entryLines: number[];
}

/** A translations file (`messages.<lang>.yaml`) and the line of each message. */
export interface ParsedMessages {
  file: string;
  data: MessagesFile;
  lines: Map<string, number>;
}

export interface ParseResult<T> {
  value?: T;
  problems: SourceProblem[];
}

function zodProblems(file: string, err: ZodError, lineOf: (path: PropertyKey[]) => number | undefined, raw: unknown): SourceProblem[] {
  return err.issues.map((issue) => {
    const path = issue.path as PropertyKey[];
    let entry: string | undefined;
    let fieldPath = path;
    if (path[0] === 'entries' && typeof path[1] === 'number') {
      const e = (raw as { entries?: Array<{ id?: unknown }> }).entries?.[path[1]];
      entry = typeof e?.id === 'string' ? e.id : `#${path[1] + 1}`;
      fieldPath = path.slice(2);
    }
    return { file, line: lineOf(path), entry, field: pathToField(fieldPath) || undefined, message: issue.message };
  });
}

/** What the YAML parser made of a source file: its plain value and the line of each entry. */
export interface ParsedYaml {
  raw: unknown;
  entryLines: number[];
}

/** Parsed sources by text (Node: source-cache.ts keeps them between builds). */
export interface YamlCache {
  get(text: string): ParsedYaml | undefined;
  set(text: string, parsed: ParsedYaml): void;
}

/**
 * Parse YAML (or JSON, a subset of YAML) text into a validated source file. With a
 * cache, a text parsed before is validated from its cached value; a file that fails
 * validation is parsed again, for the lines of its problems.
 */
export function parseSourceText(file: string, text: string, schema = sourceFileSchema, cache?: YamlCache): ParseResult<ParsedSource> {
  const hit = cache?.get(text);
  if (hit) {
    const parsed = schema.safeParse(hit.raw);
    if (parsed.success && parsed.data.entries.length === hit.entryLines.length) return { value: { file, data: parsed.data, entryLines: hit.entryLines }, problems: [] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      problems: doc.errors.map((e) => ({ file, line: lineCounter.linePos(e.pos[0]).line, message: `invalid YAML: ${e.message.split('\n')[0]}` })),
    };
  }
  const raw = doc.toJS();
  const lineOf = (path: PropertyKey[]): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as unknown[], true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { problems: zodProblems(file, parsed.error, lineOf, raw) };
  const entryLines = parsed.data.entries.map((_, i) => lineOf(['entries', i]) ?? 0);
  cache?.set(text, { raw, entryLines });
  return { value: { file, data: parsed.data, entryLines }, problems: [] };
}

export function parsePackMeta(file: string, text: string): ParseResult<PackMeta> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length) return { problems: doc.errors.map((e) => ({ file, line: lineCounter.linePos(e.pos[0]).line, message: `invalid YAML: ${e.message.split('\n')[0]}` })) };
  const parsed = packMetaSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((i) => ({ file, field: pathToField(i.path as PropertyKey[]) || undefined, message: i.message })) };
  }
  return { value: parsed.data, problems: [] };
}

/** Parse a `messages.<lang>.yaml` file: entry id → the message in that language. */
export function parseMessagesText(file: string, text: string): ParseResult<ParsedMessages> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) return { problems: doc.errors.map((e) => ({ file, line: lineCounter.linePos(e.pos[0]).line, message: `invalid YAML: ${e.message.split('\n')[0]}` })) };
  const lineOf = (path: PropertyKey[]): number | undefined => {
    const node = doc.getIn(path as unknown[], true);
    return isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : undefined;
  };
  const parsed = messagesFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((i) => {
        const path = i.path as PropertyKey[];
        const entry = path[0] === 'messages' && typeof path[1] === 'string' ? path[1] : undefined;
        return { file, line: lineOf(path.slice(0, 2)), entry, field: entry ? undefined : pathToField(path) || undefined, message: i.message };
      }),
    };
  }
  const lang = /messages\.(fr|en)\.ya?ml$/.exec(file)?.[1];
  if (lang && lang !== parsed.data.locale) return { problems: [{ file, field: 'locale', message: `is "${parsed.data.locale}" but the file name says "${lang}"` }] };
  const lines = new Map(Object.keys(parsed.data.messages).map((id) => [id, lineOf(['messages', id]) ?? 0]));
  return { value: { file, data: parsed.data, lines }, problems: [] };
}
