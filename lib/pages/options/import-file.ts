/**
 * What the options page does with a file the user picks: a compiled pack
 * (JSON), a policy file (JSON, same schema as the managed policy), or YAML/JSON
 * dictionary sources compiled in the page. Every problem carries its line.
 * No `fs`, no browser API: unit-tested in Node.
 */
import { LineCounter, isNode, parseDocument } from 'yaml';
import type { ZodType } from 'zod';
import { pathToField, type SourceProblem } from '../../compiler/errors.ts';
import { compiledPackSchema, type CompiledPack } from '../../schema/dictionary.ts';
import { ENVELOPE_FORMAT, POLICY_KEYS, policySchema, type Policy } from '../../schema/policy.ts';

export type ImportResult =
  | { kind: 'pack'; pack: CompiledPack; compiled: boolean; warnings: SourceProblem[] }
  | { kind: 'policy'; policy: Policy; raw: unknown }
  | { kind: 'error'; problems: SourceProblem[] };

export const MAX_IMPORT_BYTES = 4 * 1024 * 1024;

/** Validates with line numbers: zod paths are mapped back to the YAML/JSON nodes. */
function validateLocated<T>(file: string, text: string, schema: ZodType<T>): { value?: T; problems: SourceProblem[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) return { problems: doc.errors.map((e) => ({ file, line: e.linePos?.[0]?.line, message: `invalid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${e.message.split('\n')[0]}` })) };
  const raw = doc.toJS();
  const r = schema.safeParse(raw);
  if (r.success) return { value: r.data, problems: [] };
  return {
    problems: r.error.issues.slice(0, 50).map((i) => {
      const path = i.path as PropertyKey[];
      let line: number | undefined;
      for (let n = path.length; n >= 0 && line === undefined; n--) {
        const node = doc.getIn(path.slice(0, n) as unknown[], true);
        if (isNode(node) && node.range) line = lc.linePos(node.range[0]).line;
      }
      return { file, line, field: pathToField(path) || undefined, message: i.message };
    }),
  };
}

function sniff(text: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

export async function importFile(file: string, text: string): Promise<ImportResult> {
  if (text.length > MAX_IMPORT_BYTES) return { kind: 'error', problems: [{ file, message: `file larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB` }] };
  const json = sniff(text);
  if (json?.format === ENVELOPE_FORMAT) {
    return { kind: 'error', problems: [{ file, message: 'this is a signed pack for packUrl: import the compiled pack it was made from, or set packUrl + packPublicKey in the policy' }] };
  }
  if (json && 'format' in json && 'rules' in json) {
    const r = validateLocated(file, text, compiledPackSchema);
    return r.value ? { kind: 'pack', pack: r.value, compiled: false, warnings: [] } : { kind: 'error', problems: r.problems };
  }
  if (json && !('entries' in json) && Object.keys(json).some((k) => (POLICY_KEYS as string[]).includes(k))) {
    const r = validateLocated(file, text, policySchema);
    return r.value ? { kind: 'policy', policy: r.value, raw: json } : { kind: 'error', problems: r.problems };
  }
  // Dictionary sources (a stand-alone pack file with `pack:`), compiled here. The compiler
  // (with its NLP libraries) is loaded only now.
  const { parseSourceText } = await import('../../compiler/load-sources.ts');
  const parsed = parseSourceText(file, text);
  if (!parsed.value) return { kind: 'error', problems: parsed.problems };
  if (!parsed.value.data.pack) {
    return { kind: 'error', problems: [{ file, line: 1, message: 'a dictionary file imported alone needs a `pack:` key (id, version, description) at the top' }] };
  }
  const [{ compilePack }, { loadNlpLibs }] = await Promise.all([import('../../compiler/compile.ts'), import('../../compiler/nlp-libs.ts')]);
  await loadNlpLibs();
  const result = compilePack(parsed.value.data.pack, [parsed.value]);
  if (!result.pack) return { kind: 'error', problems: result.problems };
  return { kind: 'pack', pack: result.pack, compiled: true, warnings: result.warnings };
}

