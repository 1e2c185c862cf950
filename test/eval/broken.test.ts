/** The "broken rewrite" checker of issue 12, on its own: each kind of defect, and only defects the rewrite created. */
import { describe, expect, it } from 'vitest';
import { createdDefects, findDefects, isBroken } from '../../lib/eval/broken.ts';

const kinds = (original: string, rewritten: string) => createdDefects(original, rewritten).map((d) => d.kind);

describe('broken rewrite checker', () => {
  it('flags the shapes seen in the field', () => {
    expect(kinds('La cliente est enceinte, pas d’appel le samedi', 'La cliente est, pas d’appel le samedi')).toEqual(['dangling-word']);
    expect(kinds('IBAN envoyé par mail : FR76 3000 6000 0112 3456 7890 189, prélèvement le 5', 'IBAN envoyé par mail :, prélèvement le 5')).toContain('empty-colon');
    expect(kinds('M. Martin sort de dépression en mars (burn-out)', 'M. Martin sort de en mars ()')).toEqual(['empty-parens']);
    expect(kinds('Couple italien, musulman, parler lentement', 'Couple italien,, parler lentement')).toEqual(['double-comma']);
    expect(kinds('Call with Anna: she is pregnant, no sweets at lunch', 'Call with Anna: she is, no sweets at lunch')).toEqual(['dangling-word']);
    expect(kinds('Wears a hijab, ask for a female rep', 'Wears a, ask for a female rep')).toEqual(['dangling-word']);
    expect(kinds('4 casher, 2 végé', '4 spécial, 2')).toEqual(expect.arrayContaining(['numeral']));
    expect(kinds('Client diabétique, rappeler', 'Client  rappeler')).toEqual(['double-space']);
    expect(kinds('Diabétique, rappeler lundi', 'rappeler lundi')).toEqual(['lowercase-start']);
    expect(kinds('Musulman. Rappeler lundi', '. Rappeler lundi')).toEqual(['leading-punct']);
    expect(kinds('Client sympa. Diabétique, rappeler', 'Client sympa. , rappeler')).toEqual(['leading-punct']);
    expect(kinds('Régime : halal', 'Régime :')).toEqual(['empty-colon']);
    expect(kinds('Issue with the loan from the bank', 'Issue with the loan from')).toEqual(['dangling-word']);
    expect(kinds('Mange de la viande hallal', 'Mange de la.')).toEqual(['dangling-word']);
    expect(kinds('prévoir 2 menus hallal', 'prévoir 2 menu spécial')).toEqual(['numeral']);
    expect(kinds('2 kosher meals', '2 special')).toEqual(['numeral']);
  });

  it('accepts clean rewrites', () => {
    const ok: Array<[string, string]> = [
      ['La cliente est enceinte, pas d’appel le samedi', 'La cliente : pas d’appel le samedi'],
      ['La cliente est enceinte, pas d’appel le samedi', 'Pas d’appel le samedi'],
      ['4 casher, 2 végé', '4 menus spéciaux, 2 menus spéciaux'],
      ['2 kosher meals', '2 special meals'],
      ['Une vraie casse-pieds', 'Une cliente exigeante'],
      ['RDV le 5 juin à 10:30, voir https://exemple.fr', 'RDV le 5 juin à 10:30, voir https://exemple.fr'],
      ['Client diabétique, rappeler lundi', 'Client, rappeler lundi'],
      ['Le fondateur, un vieux schnock, signe encore', 'Le fondateur signe encore'],
      ['RDV avec M. martin. etc. voir', 'RDV avec M. martin. etc. voir'],
    ];
    for (const [a, b] of ok) expect(createdDefects(a, b), b).toEqual([]);
  });

  it('counts only what the rewrite created', () => {
    // The rep's own double space and lowercase start were there before: not the rewrite's fault.
    expect(isBroken('rappel  demain, client diabétique', 'rappel  demain, client')).toBe(false);
    expect(isBroken('Note :', 'Note :')).toBe(false);
    // …but a second one is.
    expect(isBroken('rappel  demain, client diabétique', 'rappel  demain,  client')).toBe(true);
  });

  it('is not fooled by abbreviations, ellipses, times, units and dates', () => {
    const text = 'RDV avec M. durand... vu 2 h, le 12 mars à 14:00, 3 kg, etc. voir lundi.';
    expect(findDefects(text).map((d) => d.kind)).toEqual([]);
  });
});
