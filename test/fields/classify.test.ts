import { describe, expect, it } from 'vitest';
import { FieldClassifier } from '../../lib/fields/classify.ts';
import { fieldWords } from '../../lib/fields/field-words.ts';
import { loadBuiltinPack } from '../../lib/cli/builtin.ts';

describe('field names', () => {
  it('normalizes camelCase, snake_case, punctuation and accents', () => {
    expect(fieldWords('dateNaissance')).toEqual(['date', 'naissance']);
    expect(fieldWords('groupe_sanguin')).toEqual(['groupe', 'sanguin']);
    expect(fieldWords('N° de Sécurité sociale :')).toEqual(['n', 'de', 'securite', 'sociale']);
    expect(fieldWords('IBANNumber')).toEqual(['iban', 'number']);
  });
});

describe('sensitive form fields (seed table)', () => {
  const classifier = new FieldClassifier([loadBuiltinPack()]);
  const cls = (d: Parameters<FieldClassifier['classify']>[0], lang = 'fr') => {
    const r = classifier.classify(d, lang);
    return r && `${r.field.class}${r.field.category ? '/' + r.field.category : ''}`;
  };

  it('classifies every field of the seed table by its column name', () => {
    expect(cls({ name: 'groupe_sanguin' })).toBe('do-not-collect/health');
    expect(cls({ name: 'num_ss' })).toBe('protect/identifier');
    expect(cls({ name: 'email' })).toBe('protect');
    expect(cls({ name: 'date_naissance' })).toBe('protect');
    expect(cls({ name: 'revenus' })).toBe('restricted/finance');
    expect(cls({ name: 'valeur_residuelle_prin' })).toBe('restricted/finance');
    expect(cls({ name: 'tarif_devis' })).toBe('restricted/finance');
    expect(cls({ name: 'adresse' })).toBe('restricted');
  });

  it('reads French and English labels, aria-labels and placeholders', () => {
    expect(cls({ label: 'Groupe sanguin', name: 'f12' })).toBe('do-not-collect/health');
    expect(cls({ label: 'Blood type', name: 'x' }, 'en')).toBe('do-not-collect/health');
    expect(cls({ ariaLabel: 'Numéro de sécurité sociale' })).toBe('protect/identifier');
    expect(cls({ placeholder: 'Religion' })).toBe('do-not-collect/religion');
    expect(cls({ label: 'Adresse e-mail', name: 'contact_mail' })).toBe('protect');
  });

  it('leaves ordinary fields unclassified', () => {
    for (const label of ['Société', 'Company', 'Téléphone', 'Phone', 'Prochain rendez-vous', 'Next meeting', 'Nom', 'Notes', 'Statut']) {
      expect(cls({ label, name: label.toLowerCase() }), label).toBeUndefined();
    }
  });
});
