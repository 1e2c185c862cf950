import { describe, expect, it } from 'vitest';
import { placeNameWords } from '../../lib/compiler/place-names.ts';

describe('place names in the real-word guard of typo matching', () => {
  it('lists states, provinces, countries and capitals, in lower case like the word lists', () => {
    const words = placeNameWords();
    expect(words).toEqual(expect.arrayContaining(['indiana', 'ontario', 'nigeria', 'oranjestad']));
    expect(words.every((w) => w === w.toLowerCase())).toBe(true);
  });
});
