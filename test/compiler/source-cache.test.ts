/**
 * Parsed YAML read back from the build cache (lib/compiler/source-cache.ts) gives the
 * very source a fresh parse gives, and a file that fails validation still names the
 * line of its problem.
 */
import { describe, expect, it } from 'vitest';
import { parseSourceText, type ParsedYaml, type YamlCache } from '../../lib/compiler/load-sources.ts';

const TEXT = `
locale: fr
category: health
entries:
  - id: fr.health.diabete
    terms: [diabétique, 115]
    suggestions: [client]
    message: Une maladie est une donnée de santé.
    source: RGPD art. 9
    examples: { flag: [client diabétique] }

  - id: fr.health.malade
    terms: [malade]
    suggestions: [client]
    message: Une maladie est une donnée de santé.
    source: RGPD art. 9
    examples: { flag: [client malade] }
`;

/** An in-memory cache that keeps what it is given as JSON, as the disk cache does. */
function memoryCache(): YamlCache & { size: () => number } {
  const m = new Map<string, string>();
  return {
    get: (text) => (m.has(text) ? (JSON.parse(m.get(text)!) as ParsedYaml) : undefined),
    set: (text, parsed) => void m.set(text, JSON.stringify(parsed)),
    size: () => m.size,
  };
}

describe('parsed sources from the cache', () => {
  it('validate to the same source as a fresh parse', () => {
    const cache = memoryCache();
    const fresh = parseSourceText('health.yaml', TEXT);
    const first = parseSourceText('health.yaml', TEXT, undefined, cache);
    expect(cache.size()).toBe(1);
    const again = parseSourceText('health.yaml', TEXT, undefined, cache);
    expect(first).toEqual(fresh);
    expect(again).toEqual(fresh);
    expect(again.value!.entryLines).toEqual([5, 12]);
    expect(again.value!.data.entries[0]!.terms).toEqual(['diabétique', '115']);
  });

  it('a cached value that no longer validates is parsed again for its lines', () => {
    const cache = memoryCache();
    const bad = TEXT.replace('source: RGPD art. 9\n    examples: { flag: [client malade] }', 'examples: { flag: [client malade] }');
    cache.set(bad, { raw: { locale: 'fr', entries: [{ id: 'fr.health.malade' }] }, entryLines: [1] });
    const r = parseSourceText('health.yaml', bad, undefined, cache);
    expect(r.value).toBeUndefined();
    expect(r.problems[0]).toMatchObject({ file: 'health.yaml', entry: 'fr.health.malade', line: 12 });
  });
});
