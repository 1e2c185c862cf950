/**
 * The pack's shared business nouns (`modifies:` in pack.yaml) are stored once at pack
 * level (format 2) instead of in every rule (format 1): both forms lint the same, the
 * nouns of one pack never silence another pack's rules, and an unknown format is refused
 * with a message that says what to do.
 */
import { describe, expect, it } from 'vitest';
import { Linter } from '../../lib/engine/lint.ts';
import { compilePack } from '../../lib/compiler/compile.ts';
import { parseSourceText } from '../../lib/compiler/load-sources.ts';
import { compiledPackSchema, type CompiledPack } from '../../lib/schema/dictionary.ts';

const SOURCE = `
locale: en
category: health
entries:
  - id: en.health.diabetic
    terms: [diabetic]
    suggestions: [{ remove: true }]
    message: A health condition is sensitive data.
    source: GDPR art. 9
    examples: { flag: [diabetic customer] }
  - id: en.health.hearing-aid
    terms: [hearing aid]
    suggestions: [{ remove: true }]
    message: A health condition is sensitive data.
    source: GDPR art. 9
    context: { exclude: [battery], modifies: [clinic], window: 3 }
    examples: { flag: [needs a hearing aid] }
`;

function compile(id: string, modifies?: { en: string[] }): CompiledPack {
  const src = parseSourceText(`${id}.yaml`, SOURCE.replaceAll('en.health.', `en.health.${id}-`));
  expect(src.problems).toEqual([]);
  const result = compilePack({ id, version: '1.0.0', description: 'test', ...(modifies ? { modifies } : {}) }, [src.value!]);
  expect(result.problems).toEqual([]);
  return result.pack!;
}

/** The same pack as format 1 wrote it: the shared nouns merged into every rule of their locale. */
function asFormat1(pack: CompiledPack): CompiledPack {
  const { modifies, ...rest } = pack;
  const shared = modifies?.en ?? [];
  return {
    ...rest,
    format: 1,
    rules: pack.rules.map((r) => ({ ...r, context: { ...(r.context ?? { window: 5 }), modifies: [...new Set([...(r.context?.modifies ?? []), ...shared])].sort() } })),
  };
}

const NOTES = [
  'Diabetic retailer in Leeds, call back Tuesday.',
  'Diabetic customer, call back Tuesday.',
  'Hearing aid retailers want the new catalogue.',
  'Hearing aid clinic software demo.',
  'She needs a hearing aid, speak clearly.',
  'Hearing aid battery supplier.',
  'The diabetic, retailer of choice: ask him.',
];

describe('pack-level shared nouns', () => {
  const pack = compile('a', { en: ['retailer', 'supplier'] });

  it('are stored once, inflected, and no rule repeats them', () => {
    expect(pack.format).toBe(3);
    expect(pack.modifies?.en).toEqual(['retailer', 'retailers', 'supplier', 'suppliers']);
    expect(pack.rules.map((r) => r.context?.modifies)).toEqual([undefined, ['clinic', 'clinics']]);
    expect(compiledPackSchema.safeParse(pack).success).toBe(true);
  });

  it('lint exactly like a format-1 pack that copied them into every rule', () => {
    const old = asFormat1(pack);
    expect(compiledPackSchema.safeParse(old).success).toBe(true);
    const now = new Linter([pack]);
    const before = new Linter([old]);
    for (const note of NOTES) expect(now.lint(note, { locale: 'en' }), note).toEqual(before.lint(note, { locale: 'en' }));
    expect(now.lint(NOTES[0]!, { locale: 'en' })).toEqual([]);
    expect(now.lint(NOTES[1]!, { locale: 'en' }).map((f) => f.text)).toEqual(['Diabetic']);
    expect(now.lint(NOTES[3]!, { locale: 'en' })).toEqual([]);
  });

  it("silence only their own pack's rules", () => {
    const other = compile('b');
    const linter = new Linter([pack, other]);
    expect(linter.lint('Diabetic retailer in Leeds.', { locale: 'en' }).map((f) => f.rule)).toEqual(['en.health.b-diabetic']);
  });

  it('a format-1 pack may not carry them, and an unknown format says what to do', () => {
    expect(compiledPackSchema.safeParse({ ...pack, format: 1 }).success).toBe(false);
    const r = compiledPackSchema.safeParse({ ...pack, format: 4 });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toMatch(/unknown compiled pack format: this version of crm-note-lint reads formats 1, 2 and 3 \(recompile the pack/);
  });
});
