import { describe, expect, it } from 'vitest';
import { apostropheFreeVariants } from '../../lib/compiler/contractions-en.ts';

describe('apostropheFreeVariants (English forms typed without apostrophes)', () => {
  it('drops the apostrophe of n\'t, \'s, they/you \'re, \'ve and I\'m', () => {
    expect(apostropheFreeVariants("can't make ends meet")).toEqual(['cant make ends meet']);
    expect(apostropheFreeVariants("she's expecting")).toEqual(['shes expecting']);
    expect(apostropheFreeVariants('wife’s expecting')).toEqual(['wifes expecting']);
    expect(apostropheFreeVariants("they're broke")).toEqual(['theyre broke']);
    expect(apostropheFreeVariants("doesn't drink, he's teetotal")).toEqual(['doesnt drink, hes teetotal']);
    expect(apostropheFreeVariants("I'm told she's")).toEqual(['Im told shes']);
  });

  it('leaves forms whose bare spelling is another word, and forms without apostrophes', () => {
    expect(apostropheFreeVariants("we're broke")).toEqual([]);
    expect(apostropheFreeVariants("he'll")).toEqual([]);
    expect(apostropheFreeVariants("she'd")).toEqual([]);
    expect(apostropheFreeVariants("rock 'n' roll")).toEqual([]);
    expect(apostropheFreeVariants('no apostrophe here')).toEqual([]);
  });
});
