/**
 * What compromise and fr-compromise answered, remembered across builds when a store is
 * installed (Node: nlp-cache.ts keeps it on disk); without one (the options page) every
 * question is asked. The answers are most of a build's time and never change for the same
 * question, the same code asking it and the same package versions.
 */
export interface NlpStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

let store: NlpStore | undefined;

export function setNlpStore(s: NlpStore | undefined): void {
  store = s;
}

/** A short, stable name for the code that asks: edited code asks again. */
function codeId(compute: () => unknown): string {
  const src = String(compute);
  let h = 0x811c9dc5;
  for (let i = 0; i < src.length; i++) h = Math.imul(h ^ src.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36) + src.length.toString(36);
}

/**
 * `compute()`'s answer for `input`, from the store when it has it. Both ways the answer
 * is a plain JSON copy, so a remembered answer reads exactly like a fresh one.
 * A question that throws is not remembered.
 */
export function remembered<T>(kind: string, input: string, compute: () => T): T {
  if (!store) return JSON.parse(JSON.stringify(compute() ?? null)) as T;
  const key = `${kind}\u0000${codeId(compute)}\u0000${input}`;
  const hit = store.get(key);
  if (hit !== undefined) return hit as T;
  const value = JSON.parse(JSON.stringify(compute() ?? null)) as T;
  store.set(key, value);
  return value;
}
