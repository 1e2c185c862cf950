import { describe, expect, it } from 'vitest';
import { IncrementalLinter, splitChunks } from '../../../lib/content/lint/field-linter.ts';
import { builtinLinter } from '../../helpers.ts';

describe('splitChunks', () => {
  it('cuts at newlines and long paragraphs at sentence ends', () => {
    const text = 'a b\ncd\n\nef';
    expect(splitChunks(text).map(([s, e]) => text.slice(s, e))).toEqual(['a b', 'cd', 'ef']);
    const long = 'Une phrase assez longue. '.repeat(200);
    const chunks = splitChunks(long, 500);
    expect(chunks.every(([s, e]) => e - s <= 500)).toBe(true);
    expect(chunks.map(([s, e]) => long.slice(s, e)).join('')).toBe(long);
    expect(long.slice(chunks[0]![0], chunks[0]![1]).endsWith('. ')).toBe(true);
  });
});

describe('IncrementalLinter', () => {
  const linter = builtinLinter();
  const note = 'Prévoir 6 menus hallal pour le séminaire.\nRAS.\nRIB : FR76 3000 6000 0112 3456 7890 189.';

  it('finds the same findings as a whole-text lint, with exact offsets', async () => {
    const inc = new IncrementalLinter((t) => linter.lint(t));
    const got = await inc.run(note);
    expect(got!.map((f) => [f.rule, f.text, note.slice(f.start, f.end)])).toEqual(linter.lint(note).map((f) => [f.rule, f.text, f.text]));
    // Fixes (which may be wider than the wording: a label, a clause) are shifted with their paragraph.
    expect(got!.map((f) => f.fixes)).toEqual(linter.lint(note).map((f) => f.fixes));
  });

  it('re-lints only the paragraph that changed', async () => {
    let calls = 0;
    const inc = new IncrementalLinter((t) => (calls++, linter.lint(t)));
    await inc.run(note);
    calls = 0;
    await inc.run(note.replace('RAS.', 'RAS, rien.'));
    expect(calls).toBe(1);
    expect(inc.lastLinted).toBe(1);
  });

  it('yields to the page on long texts and drops stale runs', async () => {
    const big = Array.from({ length: 400 }, (_, i) => `Ligne ${i} sans rien de sensible pour remplir le texte.`.repeat(10)).join('\n');
    let yields = 0;
    let t = 0;
    const inc = new IncrementalLinter((x) => linter.lint(x));
    const out = await inc.run(big, { sliceMs: 8, now: () => (t += 5), yieldToPage: async () => void yields++ });
    expect(out).toEqual([]);
    expect(yields).toBeGreaterThan(10);
    const stale = await new IncrementalLinter((x) => linter.lint(x)).run(big, { now: () => (t += 5), yieldToPage: async () => undefined, stale: () => true });
    expect(stale).toBeNull();
  });

  it('drops a time-sliced run overtaken by a newer run or by runSync (a save)', async () => {
    const big = Array.from({ length: 50 }, (_, i) => `Ligne ${i} avec des menus hallal.`).join('\n');
    let t = 0;
    let release!: () => void;
    const inc = new IncrementalLinter((x) => linter.lint(x));
    const slow = inc.run(big, { sliceMs: 8, now: () => (t += 5), yieldToPage: () => new Promise<void>((r) => (release = r)) });
    expect(inc.busy).toBe(true);
    const now = inc.runSync('Menus hallal.');
    expect(now.map((f) => f.rule)).toEqual(['fr.diet.menu-hallal']);
    expect(inc.busy).toBe(false);
    release();
    expect(await slow).toBeNull();
    // A newer time-sliced run wins the same way.
    const older = inc.run(big, { sliceMs: 8, now: () => (t += 5), yieldToPage: () => new Promise<void>((r) => (release = r)) });
    const first = release;
    const newer = inc.run('RAS.', { now: () => t });
    first();
    expect(await older).toBeNull();
    expect(await newer).toEqual([]);
  });
});
