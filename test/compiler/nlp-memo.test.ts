import { afterEach, describe, expect, it } from 'vitest';
import { remembered, setNlpStore, type NlpStore } from '../../lib/compiler/nlp-memo.ts';

function memoryStore(): NlpStore & { size: () => number } {
  const m = new Map<string, unknown>();
  return { get: (k) => m.get(k), set: (k, v) => void m.set(k, v), size: () => m.size };
}

afterEach(() => setNlpStore(undefined));

describe('remembered NLP answers (build cache)', () => {
  it('asks once per question, and a remembered answer reads like a fresh one', () => {
    const store = memoryStore();
    setNlpStore(store);
    let asked = 0;
    const ask = () => remembered('test.plural', 'pain in the neck', () => { asked++; return { text: 'pains in the neck', missing: undefined, list: [1, undefined] }; });
    const fresh = ask();
    const again = ask();
    expect(asked).toBe(1);
    expect(again).toEqual(fresh);
    expect(fresh).toEqual({ text: 'pains in the neck', list: [1, null] }); // a JSON copy, both times
    setNlpStore(undefined);
    expect(ask()).toEqual(fresh); // without a store: asked, same shape
    expect(asked).toBe(2);
  });

  it('asks again when the question, or the code asking it, differs', () => {
    const store = memoryStore();
    setNlpStore(store);
    remembered('test.plural', 'a', () => 'x');
    remembered('test.plural', 'b', () => 'x');
    remembered('test.plural', 'a', () => 'x '.trim());
    expect(store.size()).toBe(3);
  });

  it('does not remember a question that throws', () => {
    const store = memoryStore();
    setNlpStore(store);
    expect(() => remembered('test.fail', 'a', () => { throw new Error('declined'); })).toThrow('declined');
    expect(store.size()).toBe(0);
  });
});
