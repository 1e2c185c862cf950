/** Issue 12: the shapes seen in the field come out as a rep would write them, each fix exact, with a preview. */
import { describe, expect, it } from 'vitest';
import { applyFix } from '../../lib/engine/apply.ts';
import { redactText } from '../../lib/audit/redact.ts';
import { builtinLinter } from '../helpers.ts';

const lint = builtinLinter();
const first = (text: string, locale: 'fr' | 'en') => redactText(lint, text, { mode: 'suggest', locale }).text;
const removed = (text: string, locale: 'fr' | 'en') => redactText(lint, text, { mode: 'remove', locale }).text;

describe('rewrites by grammatical unit', () => {
  it('removes a copula clause or keeps its subject as the practical need', () => {
    expect(first('La cliente est lesbienne, pas d’appel le samedi.', 'fr')).toBe('La cliente : pas d’appel le samedi.');
    expect(first('M. Durand est diabétique et devait passer des examens.', 'fr')).toBe('M. Durand devait passer des examens.');
    expect(first('Il est séropositif d’après son associé, ne surtout pas en parler.', 'fr')).toBe('Ne surtout pas en parler.');
    expect(first('Call with Anna: she is Muslim, no meetings on Friday.', 'en')).toBe('Call with Anna: no meetings on Friday.');
    expect(first('Wears a hijab, ask for a female rep.', 'en')).toBe('Ask for a female rep.');
    expect(first('Rendez-vous confirmé. Il est musulman. Envoyer le devis.', 'fr')).toBe('Rendez-vous confirmé. Envoyer le devis.');
  });

  it('removes an apposition with its commas, a list item with one, a parenthesis with its parentheses', () => {
    expect(first('Le fondateur, un vieux schnock, signe encore tous les bons.', 'fr')).toBe('Le fondateur signe encore tous les bons.');
    expect(first('Couple sympathique, musulman, parler lentement.', 'fr')).toBe('Couple sympathique, parler lentement.');
    expect(first('Le gérant (musulman) demande un menu adapté.', 'fr')).toBe('Le gérant demande un menu adapté.');
    expect(first('M. Martin rentre en mars (dépression), c’est son fils qui gère.', 'fr')).toBe('M. Martin rentre en mars, c’est son fils qui gère.');
  });

  it('removes an emptied label with its value, or points to the protected field', () => {
    const text = 'IBAN envoyé par mail : FR76 3000 6000 0112 3456 7890 189, prélèvement le 5.';
    expect(first(text, 'fr')).toBe('Prélèvement le 5.');
    const [iban] = lint.lint(text, { locale: 'fr' });
    expect(iban!.suggestions).toEqual(['', 'communiqué par le client — à saisir dans le champ protégé']);
    expect(applyFix(text, iban!.fixes[1]!)).toBe('IBAN envoyé par mail : communiqué par le client — à saisir dans le champ protégé, prélèvement le 5.');
    expect(first('N° sécu : 1 85 05 78 006 084 91, dossier mutuelle à compléter.', 'fr')).toBe('Dossier mutuelle à compléter.');
  });

  it('capitalises the first word after a removed sentence start', () => {
    expect(first('Diabétique, rappeler lundi.', 'fr')).toBe('Rappeler lundi.');
    expect(first('Diabetic, call back Monday.', 'en')).toBe('Call back Monday.');
  });

  it('agrees with the numeral and the determiner, and turns an adjective in noun position into a noun phrase', () => {
    expect(first('Séminaire : 4 casher, 10 standards.', 'fr')).toBe('Séminaire : 4 menus spéciaux, 10 standards.');
    expect(first('Une vraie casse-pieds, tout confirmer par écrit.', 'fr')).toBe('Une cliente exigeante, tout confirmer par écrit.');
    expect(first('Elle est incompétente, voir avec son chef.', 'fr')).toBe('Elle est peu réactive, voir avec son chef.');
    expect(first('Les deux associés sont des casse-pieds.', 'fr')).toBe('Les deux associés sont des clients exigeants.');
    expect(first('Team lunch: 3 halal, 12 classic.', 'en')).toBe('Team lunch: 3 special meals, 12 classic.');
    expect(first('The customer is in a wheelchair, plan step-free access.', 'en')).toBe('The customer has accessibility requirements, plan step-free access.');
  });

  it('remove mode takes the count with what it counts', () => {
    expect(removed('Séminaire : 4 casher, 2 végé, 10 standards.', 'fr')).toBe('Séminaire : 10 standards.');
  });

  it('a removal that capitalises the next word does not count its letter as removed', () => {
    const [f] = lint.lint('Il est musulman, pas de rendez-vous le vendredi.', { locale: 'fr' });
    expect(f!.fixes[0]).toMatchObject({ replacement: 'P', preview: { text: 'Pas de rendez-vous le vendredi.', start: 0, end: 1, removed: 'Il est musulman,' } });
  });

  it('each fix carries the sentence as it will read and what it removes', () => {
    const text = 'Appel du gérant. La cliente est juive, pas d’appel le samedi. Devis lundi.';
    const [f] = lint.lint(text, { locale: 'fr' });
    const fix = f!.fixes[0]!;
    expect(fix.preview).toEqual({ text: 'La cliente : pas d’appel le samedi.', start: 10, end: 13, removed: 'est juive,' });
    expect(fix.preview!.text.slice(fix.preview!.start, fix.preview!.end)).toBe(fix.replacement);
    expect(applyFix(text, fix)).toBe('Appel du gérant. La cliente : pas d’appel le samedi. Devis lundi.');
  });
});
