import { describe, expect, it } from 'vitest';
import { isTraitOnly, saidOfNonPerson } from '../../lib/engine/animal-subject.ts';
import { tokenize } from '../../lib/engine/tokenize.ts';
import { builtinLinter } from '../helpers.ts';

const linter = builtinLinter();
const flagged = (text: string) => linter.lint(text, { locale: 'auto' }).map((f) => `${f.text}:${f.category}`);

describe('a trait said of an animal or a plant', () => {
  it.each([
    "Le chien du gardien est aveugle d'un oeil, attention au portail.",
    'Son chien est diabétique, croquettes spéciales',
    'Le chien de la voisine est aveugle',
    'diabète du chat, prévoir croquettes',
    'Chatte enceinte, prévoir un panier',
    'Her dog is diabetic, needs the special food',
    'the mare is pregnant, foaling kit next month',
    'DNA test for the dog, results in 2 weeks',
    'Le chien de garde du dépôt est vieux et aveugle, il faut le remplacer',
    'Labrador Max is blind and deaf now, owner wants a home visit',
  ])('is no one\'s personal data: %s', (text) => {
    expect(flagged(text).filter((f) => /:(health|disability|pregnancy|genetics|age|appearance)$/.test(f))).toEqual([]);
  });

  it.each([
    ['Client aveugle avec son chien guide', 'aveugle:disability'],
    ['Il a un chien et il est diabétique', 'diabétique:health'],
    // The blind one is the client: no verb makes the dog the subject.
    ['le chien de la cliente aveugle', 'aveugle:disability'],
    // The animal is the complement of its owner.
    ['Le propriétaire du cheval est paralysé depuis sa chute', 'paralysé'],
    ['Mme Roy, diabétique, vient avec son chien', 'diabétique:health'],
  ])('still counts when a person is the subject: %s', (text, finding) => {
    expect(flagged(text).some((f) => f.startsWith(finding))).toBe(true);
  });

  it('reads the subject of the trait, not an animal further on', () => {
    const text = 'She is pregnant and her dog is old';
    const tokens = tokenize(text);
    const at = tokens.findIndex((t) => t.norm === 'pregnant');
    expect(saidOfNonPerson(text, tokens, at, at + 1, 'en')).toBe(false);
    const old = tokens.findIndex((t) => t.norm === 'old');
    expect(saidOfNonPerson(text, tokens, old, old + 1, 'en')).toBe(true);
  });

  it('leaves insults and other categories alone', () => {
    expect(isTraitOnly(['appearance', 'insult'])).toBe(false);
    expect(isTraitOnly(['health'])).toBe(true);
    expect(flagged('Gros porc, sent la sueur et la bière').some((f) => f.endsWith(':appearance'))).toBe(true);
  });

  it('stops at a comma: the animal of the previous segment is not the subject', () => {
    const text = 'Il promène le chien, diabétique depuis 2 ans';
    const tokens = tokenize(text);
    const at = tokens.findIndex((t) => t.norm === 'diabetique');
    expect(saidOfNonPerson(text, tokens, at, at + 1, 'fr')).toBe(false);
  });
});
