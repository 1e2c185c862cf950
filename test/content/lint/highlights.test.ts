// @vitest-environment happy-dom
/**
 * The highlights keep one Highlight per severity across paints (only changed ranges
 * are added or removed) and, when cleared, unregister only their own: a newer copy of
 * the content script in the same page may have registered its own under the same name.
 * happy-dom has no Highlight API: a Set-like stand-in and a registry Map play it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Highlights } from '../../../lib/content/lint/highlights.ts';
import { HIGHLIGHT_NAMES } from '../../../lib/content/lint/styles.ts';

let registry: Map<string, Set<Range>>;

beforeEach(() => {
  registry = new Map();
  Object.defineProperty(window, 'Highlight', { value: class extends Set<Range> {}, configurable: true });
  Object.defineProperty(window, 'CSS', { value: { highlights: registry }, configurable: true });
});
afterEach(() => {
  delete (window as { Highlight?: unknown }).Highlight;
  delete (window as { CSS?: unknown }).CSS;
});

const range = () => document.createRange();

describe('Highlights', () => {
  it('keeps the same Highlight object and changes only the ranges that differ', () => {
    const h = new Highlights(document);
    expect(h.supported).toBe(true);
    const [a, b, c] = [range(), range(), range()];
    h.set({ error: [a, b], warning: [], suggestion: [] });
    const error = registry.get(HIGHLIGHT_NAMES.error)!;
    expect([...error]).toEqual([a, b]);
    expect(registry.has(HIGHLIGHT_NAMES.warning)).toBe(false);
    h.set({ error: [b, c], warning: [a], suggestion: [] });
    expect(registry.get(HIGHLIGHT_NAMES.error)).toBe(error);
    expect(new Set(error)).toEqual(new Set([b, c]));
    expect([...registry.get(HIGHLIGHT_NAMES.warning)!]).toEqual([a]);
  });

  it('clears only the highlights it registered itself', () => {
    const old = new Highlights(document);
    old.set({ error: [range()], warning: [range()], suggestion: [] });
    // A newer copy takes the error name over.
    const newer = new Highlights(document);
    const mine = range();
    newer.set({ error: [mine], warning: [], suggestion: [] });
    old.clear();
    expect([...registry.get(HIGHLIGHT_NAMES.error)!]).toEqual([mine]);
    expect(registry.has(HIGHLIGHT_NAMES.warning)).toBe(false);
  });
});
