/** A problem in a dictionary, policy or pack, located precisely enough to fix it. */
export interface SourceProblem {
  file: string;
  line?: number;
  /** Entry id (or index) the problem belongs to, when it belongs to one. */
  entry?: string;
  /** Dotted path of the field, e.g. "suggestions[0]". */
  field?: string;
  message: string;
}

export function formatProblem(p: SourceProblem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  const what = [p.entry ? `entry ${p.entry}` : '', p.field ? `field ${p.field}` : ''].filter(Boolean).join(' ');
  return what ? `${where}: ${what}: ${p.message}` : `${where}: ${p.message}`;
}

export class DictionaryError extends Error {
  constructor(readonly problems: SourceProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'DictionaryError';
  }
}

export function pathToField(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}
