/**
 * The compact encoding of compiled packs (format 3, lib/schema/pack-encoding.ts): a
 * parse gives back exactly the expanded pack, packs of formats 1 and 2 still load, and a
 * damaged compact member is refused with its place.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePack } from '../../lib/compiler/compile.ts';
import { parseSourceText } from '../../lib/compiler/load-sources.ts';
import { Linter } from '../../lib/engine/lint.ts';
import { compiledPackSchema, type CompiledPack } from '../../lib/schema/dictionary.ts';
import { encodePack, frontCode, frontDecode } from '../../lib/schema/pack-encoding.ts';
import { ROOT } from '../../lib/cli/builtin.ts';

const SOURCE = `
locale: fr
category: health
entries:
  - id: fr.health.diabete
    terms: [diabétique, malade chronique]
    suggestions: [client]
    message: Une maladie est une donnée de santé.
    source: RGPD art. 9
    unless: [enceinte bluetooth, malade chronique du volant]
    examples: { flag: [client diabétique] }
  - id: fr.health.meme
    accents: strict
    inflect: false
    terms: [mémé, mèmé]
    suggestions: [{ remove: true }]
    message: Un surnom moqueur sur l'âge de quelqu'un.
    source: Code pénal 225-1
    examples: { flag: [la mémé] }
`;

function pack(): CompiledPack {
  const src = parseSourceText('health.yaml', SOURCE);
  expect(src.problems).toEqual([]);
  const r = compilePack({ id: 'test', version: '1.0.0', description: 'test' }, [src.value!]);
  expect(r.problems).toEqual([]);
  return { ...r.pack!, typos: { fr: { words: 'diabétique chronique', known: 'diabetiques chroniques' } } };
}

const roundTrip = (p: CompiledPack) => compiledPackSchema.parse(JSON.parse(JSON.stringify(encodePack(p))));

describe('front coding', () => {
  it('gives back any list, sorted or not, with repeats and long shared prefixes', () => {
    const long = 'x'.repeat(80);
    const lists = [[], ['a'], ['abc', 'abc', 'ab', 'abd e', "l'a*b", '0 1'], [`${long}a`, `${long}b`, long, 'y']];
    for (const list of lists) expect(frontDecode(frontCode(list))).toEqual(list);
    expect(frontCode(['malade', 'malades', 'maladie'])).toBe('0malade,6s,5ie');
  });
  it('refuses what it cannot write, and text it did not write', () => {
    expect(() => frontCode(['a,b'])).toThrow(/hold no ","/);
    expect(frontDecode('0ab,5c')).toBeUndefined();
    expect(frontDecode('!ab')).toBeUndefined();
  });
});

describe('compact packs (format 3)', () => {
  it('parse back to the very pack the compiler made', () => {
    const p = pack();
    expect(p.phrases.some((x) => x[3] !== undefined)).toBe(true);
    expect(p.unless.length).toBeGreaterThan(0);
    const encoded = encodePack(p);
    expect(encoded.format).toBe(3);
    expect(Array.isArray(encoded.phrases)).toBe(false);
    expect(JSON.stringify(encoded).length).toBeLessThan(JSON.stringify(p).length);
    expect(roundTrip(p)).toEqual(p);
  });

  it('lint the same as the expanded pack', () => {
    const p = pack();
    const notes = ['Client diabétique, malade chronique', 'La mémé du client', 'La meme du client', 'Une enceinte bluetooth diabetiqe'];
    const before = new Linter([p]);
    const after = new Linter([roundTrip(p)]);
    for (const n of notes) expect(after.lint(n), n).toEqual(before.lint(n));
  });

  it('the built-in pack ships compact and parses to the expanded shape', () => {
    const raw = JSON.parse(readFileSync(join(ROOT, 'lib', 'generated', 'builtin-pack.json'), 'utf8')) as { format: number; phrases: unknown };
    expect(raw.format).toBe(3);
    const parsed = compiledPackSchema.parse(raw);
    expect(parsed.phrases.length).toBeGreaterThan(1000);
    expect(parsed.phrases.every((x) => Array.isArray(x) && typeof x[0] === 'string')).toBe(true);
  });

  it('packs of formats 1 and 2 in the expanded shape still load', () => {
    const { modifies: _m, ...p } = pack();
    expect(compiledPackSchema.safeParse({ ...p, format: 2 }).success).toBe(true);
    expect(compiledPackSchema.safeParse({ ...p, format: 1 }).success).toBe(true);
  });

  it('a damaged member is refused with its place', () => {
    const e = encodePack(pack());
    const issues = (raw: unknown) => compiledPackSchema.safeParse(raw).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues({ ...e, phrases: { ...e.phrases, codes: e.phrases.codes.slice(1) } })).toEqual([expect.stringMatching(/^phrases\.codes: must hold \d+ codes/)]);
    expect(issues({ ...e, phrases: { ...e.phrases, keys: '9x' } })).toEqual(['phrases.keys: is not a front-coded list of phrases']);
    expect(issues({ ...e, format: 2 })).toEqual(['format: compact phrases came with format 3: this pack says format 2']);
    expect(issues({ ...e, phrases: { ...e.phrases, codes: e.phrases.codes.replace(/^./, 'z') } })?.[0]).toMatch(/^phrases\.\d+\.1: rule index \d+ does not exist/);
  });
});
