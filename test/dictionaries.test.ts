/**
 * The built-in dictionaries: schema, coverage, and every entry's examples run
 * as tests of their own (flag → a finding of that entry; pass → no finding at all).
 */
import { describe, expect, it } from 'vitest';
import { CATEGORY_IDS } from '../lib/categories.ts';
import { compilePack } from '../lib/compiler/compile.ts';
import { readPackSources } from '../lib/compiler/read-pack-dir.ts';
import { formatProblem } from '../lib/compiler/errors.ts';
import { BUILTIN_SOURCES } from '../lib/cli/builtin.ts';
import { Linter } from '../lib/engine/lint.ts';
import { FieldClassifier } from '../lib/fields/classify.ts';

const src = readPackSources(BUILTIN_SOURCES);
const compiled = src.problems.length ? undefined : compilePack(src.meta, src.sources);
const linter = compiled?.pack ? new Linter([compiled.pack]) : undefined;

describe('built-in dictionaries', () => {
  it('are valid and compile', () => {
    expect(src.problems.map(formatProblem)).toEqual([]);
    expect(compiled?.problems.map(formatProblem)).toEqual([]);
  });

  it('cover all 16 categories in French and English', () => {
    for (const locale of ['fr', 'en'] as const) {
      const cats = new Set(src.sources.filter((s) => s.data.locale === locale).flatMap((s) => s.data.entries.map((e) => e.category ?? s.data.category)));
      expect([...CATEGORY_IDS].filter((c) => !cats.has(c))).toEqual([]);
    }
  });

  it('hold at least 600 French and 300 English terms before inflection', () => {
    const count = (locale: string) => src.sources.filter((s) => s.data.locale === locale).reduce((n, s) => n + s.data.entries.reduce((m, e) => m + e.terms.length, 0), 0);
    expect(count('fr')).toBeGreaterThanOrEqual(600);
    expect(count('en')).toBeGreaterThanOrEqual(300);
  });

  it('give every entry a message, a legal basis, a flag example and a pass example', () => {
    for (const s of src.sources) {
      for (const e of s.data.entries) {
        expect.soft(e.message.length, e.id).toBeGreaterThan(0);
        expect.soft(e.source.length, e.id).toBeGreaterThan(0);
        expect.soft(e.examples.flag.length, `${e.id} flag examples`).toBeGreaterThan(0);
        expect.soft(e.examples.pass.length, `${e.id} pass examples`).toBeGreaterThan(0);
      }
    }
  });
});

const entries = compiled ? [...compiled.origins.entries()] : [];
describe.each(entries)('%s', (id, origin) => {
  it.each(origin.entry.examples.flag)('flags: %s', (example) => {
    const found = linter!.lint(example, { locale: origin.locale });
    expect(found.map((f) => f.rule)).toContain(id);
    for (const f of found) expect(example.slice(f.start, f.end)).toBe(f.text);
  });
  if (origin.entry.examples.pass.length) {
    it.each(origin.entry.examples.pass)('stays quiet: %s', (example) => {
      expect(linter!.lint(example, { locale: origin.locale }).map((f) => `${f.text} (${f.rule})`)).toEqual([]);
    });
  }
});

const fields = compiled ? [...compiled.fieldOrigins.entries()] : [];
const classifier = compiled?.pack ? new FieldClassifier([compiled.pack]) : undefined;
describe.each(fields)('%s', (id, origin) => {
  it.each(origin.field.examples.match)('classifies: %s', (label) => {
    expect(classifier!.classify({ label }, origin.locale)?.field.id).toBe(id);
  });
  if (origin.field.examples.pass.length) {
    it.each(origin.field.examples.pass)('leaves alone: %s', (label) => {
      expect(classifier!.classify({ label }, origin.locale)).toBeUndefined();
    });
  }
});
