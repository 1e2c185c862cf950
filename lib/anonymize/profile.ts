/** Loads an anonymization profile (YAML or JSON), with errors naming file, line and key. */
import { readFileSync } from 'node:fs';
import { LineCounter, isNode, parseDocument } from 'yaml';
import { profileSchema, type Profile } from '../schema/anonymize.ts';
import { pathToField } from '../compiler/errors.ts';

export class ProfileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ProfileError';
  }
}

export function parseProfile(file: string, text: string): Profile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    throw new ProfileError(doc.errors.map((e) => `${file}:${e.linePos?.[0]?.line ?? '?'}: invalid YAML: ${e.message.split('\n')[0]}`));
  }
  const parsed = profileSchema.safeParse(doc.toJS());
  if (parsed.success) return parsed.data;
  const lineOf = (path: PropertyKey[]): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as unknown[], true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  throw new ProfileError(parsed.error.issues.map((i) => {
    const path = i.path as PropertyKey[];
    const line = lineOf(path);
    return `${file}${line ? `:${line}` : ''}: ${pathToField(path) || '(top level)'}: ${i.message}`;
  }));
}

export function loadProfile(path: string): Profile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ProfileError([`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`]);
  }
  return parseProfile(path, text);
}
