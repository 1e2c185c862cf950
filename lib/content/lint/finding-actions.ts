/** What the rep can do with a finding: apply one of its suggestions, or ignore its wording. */
import type { Finding } from '../../engine/types.ts';
import { applyToRichField, applyToTextField } from '../dom/apply.ts';
import { ignoreKey, readText, setFindings, type TextField, type TrackedField } from './tracked-field.ts';

/**
 * Delivers suggestion `index` of `x` through the editor's own pipeline. `moved`: the
 * text under the finding (or under its fix, which may be wider: a clause, a label,
 * commas) is no longer what was linted, so nothing was changed.
 */
export async function applySuggestion(f: TrackedField, x: Finding, index: number): Promise<'applied' | 'moved' | 'failed'> {
  const fix = x.fixes[index];
  if (!fix) return 'failed';
  const current = readText(f);
  if (current.slice(x.start, x.end) !== x.text || current.slice(fix.start, fix.end) !== f.text.slice(fix.start, fix.end)) return 'moved';
  const method = f.kind === 'text' ? applyToTextField(f.el as TextField, fix) : await applyToRichField(f.el, fix);
  return method === 'failed' ? 'failed' : 'applied';
}

/** Hides `x` and the same wording of the same rule in its field until the page is reloaded. */
export function ignoreFinding(f: TrackedField, x: Finding, doc: Document): void {
  f.ignored.add(ignoreKey(x));
  setFindings(f, f.text, f.findings, doc);
}
