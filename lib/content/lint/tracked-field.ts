/** What the in-page side keeps per notes field it tracks, and the keys that name a finding. */
import { fold } from '../../engine/fold.ts';
import type { Finding } from '../../engine/types.ts';
import type { FieldKind } from '../dom/fields.ts';
import type { Mirror } from '../dom/mirror.ts';
import { extractText, rangeFor, type TextMap } from '../dom/text-map.ts';
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
  generation: number;
  dirty: boolean;
  /** A (time-sliced) lint run is in flight. */
  running: boolean;
  /** Findings already reported shown in this editing session. */
  seen: Set<string>;
  ignored: Set<string>;
  mirror: Mirror | null;
  cleanup: (() => void)[];
}

/** Names one finding of one field (the overlay's `[data-finding]` key). */
export const findingKey = (f: { id: number }, x: Finding): string => `${f.id}:${x.start}:${x.rule}`;

/** Ignoring a finding ignores the same wording of the same rule in that field. */
/**
 * The wording a finding is about, for "shown once" and "ignore": a probable typo
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
  f.findings = found.filter((x) => !f.ignored.has(ignoreKey(x)));
  updateRanges(f, doc);
}

export function updateRanges(f: TrackedField, doc: Document): void {
  const map = f.map;
  f.ranges = map ? f.findings.map((x) => rangeFor(map, x.start, x.end, doc)) : [];
}
