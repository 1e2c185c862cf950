/**
 * The JSONL path writes findings with a template (lib/cli/jsonl.ts findingJson) instead
 * of building objects for JSON.stringify: the bytes must be the same, on real findings of
 * every shape (typos, several categories, identifiers, quotes and control characters).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findingJson, publicFinding } from '../../lib/cli/jsonl.ts';
import type { Finding } from '../../lib/engine/types.ts';
import { builtinLinter } from '../helpers.ts';

const CORPUS = join(import.meta.dirname, '../corpus');

describe('findingJson', () => {
  it('writes exactly JSON.stringify(publicFinding(f)) for the findings of the corpus', () => {
    const linter = builtinLinter();
    const notes = ['dev-fr.jsonl', 'dev-en.jsonl'].flatMap((f) => readFileSync(join(CORPUS, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text as string));
    notes.push('Le client est diabetiqe, "vrai" casse-pieds\u0001\u2028 IBAN FR76 3000 6000 0112 3456 7890 189', 'Old geezer, senile, retailer of hearing aids');
    const shapes = new Set<string>();
    let count = 0;
    for (const note of notes) {
      for (const f of linter.lint(note)) {
        expect(findingJson(f)).toBe(JSON.stringify(publicFinding(f)));
        shapes.add(Object.keys(publicFinding(f)).join(','));
        count++;
      }
    }
    expect(count).toBeGreaterThan(500);
    expect([...shapes].some((s) => s.endsWith('typoOf'))).toBe(true);
  });

  it('a rule whose severity or message changes between linters is not served a stale fragment', () => {
    const base: Finding = { start: 0, end: 3, text: 'abc', category: 'health', rule: 'x.health.r', severity: 'error', message: 'one', suggestions: [''], source: 's', locale: 'en', fixes: [], categories: ['health'] };
    for (const f of [base, { ...base, severity: 'warning' as const }, { ...base, message: 'two "quoted"' }, { ...base, confidence: 0.67, typoOf: 'abd' }]) {
      expect(findingJson(f)).toBe(JSON.stringify(publicFinding(f)));
    }
  });
});
