import { describe, expect, it } from 'vitest';
import { Gap, phraseKey, tokenize } from '../../lib/engine/tokenize.ts';
import { fold } from '../../lib/engine/fold.ts';

describe('fold', () => {
  it('lower-cases, strips accents and unifies apostrophes and ligatures', () => {
    expect(fold('Végétarien')).toBe('vegetarien');
    expect(fold('L’ŒUVRE')).toBe("l'oeuvre");
    expect(fold('ÂGÉ')).toBe('age');
  });
});

describe('tokenize', () => {
  const words = (t: string) => tokenize(t).map((x) => t.slice(x.start, x.end));

  it('splits French elisions with both apostrophes and keeps exact offsets', () => {
    const text = "D’origine marocaine, l'hôpital qu'il évite";
    expect(words(text)).toEqual(['D’', 'origine', 'marocaine', "l'", 'hôpital', "qu'", 'il', 'évite']);
    expect(tokenize(text).map((t) => t.norm)).toEqual(["d'", 'origine', 'marocaine', "l'", 'hopital', "qu'", 'il', 'evite']);
  });

  it('keeps inner apostrophes of ordinary words and splits the English possessive', () => {
    expect(words("aujourd'hui the customer's file, don't")).toEqual(["aujourd'hui", 'the', 'customer', "'s", 'file', "don't"]);
  });

  it('treats hyphens as soft separators and punctuation as hard ones', () => {
    const t = tokenize('casse-pieds. Menu, prix');
    expect(t.map((x) => x.norm)).toEqual(['casse', 'pieds', 'menu', 'prix']);
    expect(t[0]!.gap).toBe(Gap.Sentence);
    expect(t[1]!.gap).toBe(Gap.Soft);
    expect(t[2]!.gap).toBe(Gap.Sentence);
    expect(t[3]!.gap).toBe(Gap.Hard);
  });

  it('ends sentences at . ! ? ; and line breaks, not at a dot inside a number or a name', () => {
    const gaps = (s: string) => tokenize(s).slice(1).map((x) => x.gap);
    expect(gaps('a ; b\nc! d? e… f')).toEqual([Gap.Sentence, Gap.Sentence, Gap.Sentence, Gap.Sentence, Gap.Sentence]);
    expect(gaps('3.5 kg, site.fr')).toEqual([Gap.Hard, Gap.Soft, Gap.Hard, Gap.Hard]);
  });

  it('reads the dot of a civility title as part of the name, not as a sentence end', () => {
    const gaps = (s: string) => tokenize(s).slice(1).map((x) => x.gap);
    expect(gaps('M. Wang, chinois')).toEqual([Gap.Soft, Gap.Hard]);
    expect(gaps('Vu Mme. Diallo hier')).toEqual([Gap.Soft, Gap.Soft, Gap.Soft]);
    // A lower-case "m." (a metre) or a word ending in "m" still ends its sentence.
    expect(gaps('long de 3 m. Puis livrer')).toEqual([Gap.Soft, Gap.Soft, Gap.Soft, Gap.Sentence, Gap.Soft]);
    expect(gaps('Voir Adam. Puis')).toEqual([Gap.Soft, Gap.Sentence]);
  });

  it('handles letters outside the BMP and combining marks without shifting offsets', () => {
    const text = '😀 cafe\u0301 𝐀bc';
    for (const tok of tokenize(text)) expect(fold(text.slice(tok.start, tok.end))).toBe(tok.norm);
    expect(words(text)).toEqual(['cafe\u0301', '𝐀bc']);
  });

  it('builds phrase keys the way the matcher reads text', () => {
    expect(phraseKey("D'origine  Marocaine")).toBe("d' origine marocaine");
    expect(phraseKey('casse-pieds')).toBe('casse pieds');
  });

  it("keeps the English 's that opens a phrase, as the matcher reads it after a noun", () => {
    expect(phraseKey("'s Turkish")).toBe("'s turkish");
    expect(phraseKey("'s")).toBe("'s");
    expect(tokenize("Client's Turkish").map((t) => t.norm)).toEqual(['client', "'s", 'turkish']);
    expect(phraseKey('s Turkish')).toBe('s turkish');
  });
});

describe('invisible characters', () => {
  it('keeps soft hyphens and zero-width characters inside the word they split', () => {
    const text = 'con\u00adseil du cons\u200bignes';
    expect(tokenize(text).map((t) => t.norm)).toEqual(['conseil', 'du', 'consignes']);
    expect(tokenize(text)[0]!.end).toBe(8);
  });
});

describe('trailing elisions', () => {
  it('keeps the apostrophe of an elision at the end of a phrase or before a space', () => {
    expect(phraseKey("handicape l'")).toBe("handicape l'");
    expect(tokenize("l’ entreprise").map((t) => t.norm)).toEqual(["l'", 'entreprise']);
  });
});

describe('masked profanity', () => {
  const words = (t: string) => tokenize(t).map((x) => t.slice(x.start, x.end));
  it('keeps asterisks between letters inside one word', () => {
    expect(words('He is an a**hole, a real b*tch')).toEqual(['He', 'is', 'an', 'a**hole', 'a', 'real', 'b*tch']);
    expect(tokenize('f***ing sh*t')[0]!.norm).toBe('f***ing');
  });
  it('still splits at asterisks that do not sit between two letters', () => {
    expect(words('**Urgent** call 5*3 units')).toEqual(['Urgent', 'call', '5', '3', 'units']);
    expect(words('card **** 4242')).toEqual(['card', '4242']);
  });
});


describe('hurried shorthand', () => {
  const read = (t: string) => tokenize(t).map((x) => [t.slice(x.start, x.end), x.norm]);
  it('reads single letters joined by dots as the acronym without its dots', () => {
    expect(read('reeks of B.O., book a room')).toEqual([['reeks', 'reeks'], ['of', 'of'], ['B.O', 'bo'], ['book', 'book'], ['a', 'a'], ['room', 'room']]);
    expect(phraseKey('reeks of B.O.')).toBe(phraseKey('reeks of BO'));
    expect(read('D.U.I last year')[0]).toEqual(['D.U.I', 'dui']);
  });
  it('keeps the last dot of the acronym where it can end the sentence', () => {
    const tokens = tokenize('Has B.O. Book the big room');
    expect(tokens[2]!.gap).toBe(Gap.Sentence);
  });
  it('leaves names and addresses with a dot alone', () => {
    expect(read('M.Dupont on site.fr')).toEqual([['M', 'm'], ['Dupont', 'dupont'], ['on', 'on'], ['site', 'site'], ['fr', 'fr']]);
  });
  it('reads w/ and w/o as with and without, not before a number', () => {
    expect(read('walks w/ a cane')).toEqual([['walks', 'walks'], ['w/', 'with'], ['a', 'a'], ['cane', 'cane']]);
    expect(read('w/cane, w/o sugar')).toEqual([['w/', 'with'], ['cane', 'cane'], ['w/o', 'without'], ['sugar', 'sugar']]);
    expect(read('w/2 units')).toEqual([['w', 'w'], ['2', '2'], ['units', 'units']]);
  });
});

describe('plural possessive', () => {
  it("lets a phrase run across the apostrophe of a plural possessive, not across other quotes", () => {
    expect(tokenize("with the nurses' union").map((t) => t.gap)).toEqual([Gap.Sentence, Gap.Soft, Gap.Soft, Gap.Soft]);
    expect(phraseKey("the nurses' union")).toBe('the nurses union');
    expect(tokenize("said 'union' twice")[1]!.gap).toBe(Gap.Hard);
  });
});
