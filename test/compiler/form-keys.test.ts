import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formKeys } from '../../lib/compiler/form-keys.ts';
import { phraseKeys } from '../../lib/engine/tokenize.ts';

// Letters the fast path takes, and characters that must send a form to the tokenizer.
const PLAIN = [...'abcdeélèvœßñçÿ09'];
const TRICKY = [' ', '  ', "'", '’', '-', '.', '/', '*', 'A', 'É', 'e\u0301', '\u00ad', '÷', 'ı', 'İ', 'ω'];

describe('formKeys (the compiler’s phraseKeys)', () => {
  it('gives the keys of phraseKeys on dictionary-like forms', () => {
    for (const form of ['malade', 'pompe à insuline', 'œdème', 'casiers judiciaires', 'w o', 'covid19', 'b o', 'straße', "d'origine", 'Alzheimer', "'s turkish", 'chauve-souris', 'B.O.']) {
      expect(formKeys(form)).toEqual(phraseKeys(form));
    }
  });

  it('gives the keys of phraseKeys on any string of plain and tricky characters', () => {
    const char = fc.constantFrom(...PLAIN, ...PLAIN, ...TRICKY);
    fc.assert(fc.property(fc.array(char, { maxLength: 14 }).map((cs) => cs.join('')), (form) => {
      expect(formKeys(form)).toEqual(phraseKeys(form));
    }), { numRuns: 5000 });
  });
});
