import { describe, expect, it } from 'vitest';
import { insideQuotedName, mayBeAName } from '../../lib/engine/quoted-name.ts';
import { builtinLinter } from '../helpers.ts';

const at = (text: string, word: string) => {
  const start = text.indexOf(word);
  return insideQuotedName(text, start, start + word.length);
};

describe('a name in quotes', () => {
  it('is a product or a place, not a trait', () => {
    expect(at('Le vin "Cuvée du Vieux Garçon" est en promo', 'Vieux Garçon')).toBe(true);
    expect(at('Soirée « La Grosse Fête » au bar', 'Grosse')).toBe(true);
    expect(at('They stock the “Old Bastard” ale now', 'Old Bastard')).toBe(true);
    const findings = builtinLinter().lint('Le vin "Cuvée du Vieux Garçon" est en promo, 2 cartons achetés par le cli.', { locale: 'fr' });
    expect(findings.filter((f) => f.category === 'age')).toEqual([]);
  });

  it('is not quoted speech, nor a quotation already closed', () => {
    expect(at('Il m\'a dit : "Je suis enceinte"', 'enceinte')).toBe(false);
    expect(at('« il est complètement taré »', 'taré')).toBe(false);
    expect(at('Le bar "Chez Paul", Vieux Garçon au comptoir', 'Vieux Garçon')).toBe(false);
    expect(at('Cuvée du Vieux Garçon', 'Vieux Garçon')).toBe(false);
    expect(at('l\'"Ancien" dit "Vieux Garçon', 'Vieux Garçon')).toBe(false);
  });

  it('leaves the names of parties, unions and faiths flagged', () => {
    expect(mayBeAName(['politics'])).toBe(false);
    expect(mayBeAName(['age', 'insult'])).toBe(true);
    const findings = builtinLinter().lint('Il milite au "Rassemblement National" depuis 2015', { locale: 'fr' });
    expect(findings.some((f) => f.category === 'politics')).toBe(true);
  });
});
