/** What the in-page side keeps per notes field it tracks, and the keys that name a finding. */
import { fold } from '../../engine/fold.ts';
import type { Finding } from '../../engine/types.ts';
import type { FieldKind } from '../dom/fields.ts';
import type { Mirror } from '../dom/mirror.ts';
import { extractText, rangesFor, type TextMap } from '../dom/text-map.ts';
import type { IncrementalLinter } from './field-linter.ts';

export type TextField = HTMLTextAreaElement | HTMLInputElement;

export interface TrackedField {
  id: number;
  el: HTMLElement;
  kind: FieldKind;
  linter: IncrementalLinter;
  /** The text the findings belong to (and, for rich fields, its offset map). */
  text: string;
  map: TextMap | null;
  findings: Finding[];
  /** Rich fields: one DOM range per finding, for the highlights and their geometry. */
  ranges: (Range | null)[];
  /** `text` and `findings` come from a finished lint (not just the initial empty state). */
  linted: boolean;
  /** Changed since its last lint: a lint is due. */
  dirty: boolean;
  /** Findings already reported shown in this editing session. */
  seen: Set<string>;
  ignored: Set<string>;
  mirror: Mirror | null;
  cleanup: (() => void)[];
}

/** Names one finding of one field (the overlay's `[data-finding]` key). */
export const findingKey = (f: { id: number }, x: Finding): string => `${f.id}:${x.start}:${x.rule}`;

/**
 * The wording a finding is about, for "shown once" and "ignore" (ignoring a finding
 * ignores the same wording of the same rule in that field): a probable typo
 * counts as the word it is a typo of, so the half-typed word under the caret
 * ("diabétiqu" on the way to "diabétique") is the same wording, not a new one.
 */
export const ignoreKey = (x: Finding): string => `${x.rule}\u0000${fold(x.typoOf ?? x.text)}`;

/** The field's current text; for rich fields its offset map is refreshed too. */
export function readText(f: TrackedField): string {
  if (f.kind === 'text') {
    f.map = null;
    return (f.el as TextField).value;
  }
  f.map = extractText(f.el);
  return f.map.text;
}

/** Takes a lint result as the field's findings (minus the ignored ones). */
export function setFindings(f: TrackedField, text: string, found: Finding[], doc: Document): void {
  f.text = text;
  f.linted = true;
  f.findings = found.filter((x) => !f.ignored.has(ignoreKey(x)));
  updateRanges(f, doc);
}

/** Rich fields: new DOM ranges only where a finding moved in the DOM (an edited paragraph). */
export function updateRanges(f: TrackedField, doc: Document): void {
  f.ranges = f.map ? rangesFor(f.map, f.findings, f.ranges, doc) : [];
}

/**
 * The findings the rep sees for the first time in this editing session of the field
 * (the n-th occurrence of a wording is its own "first time"); marks them seen.
 */
export function freshFindings(f: TrackedField): Finding[] {
  const fresh: Finding[] = [];
  const nth = new Map<string, number>();
  for (const x of f.findings) {
    const base = ignoreKey(x);
    const n = (nth.get(base) ?? 0) + 1;
    nth.set(base, n);
    const key = `${base}\u0000${n}`;
    if (f.seen.has(key)) continue;
    f.seen.add(key);
    fresh.push(x);
  }
  return fresh;
}
