/** The save guard dialog's words, French and English, with plurals by Intl.PluralRules. */
import type { Locale } from '../../categories.ts';

interface Words {
  /** Title while error findings remain: n of them. */
  title: Record<'warn' | 'block', { one: string; other: string }>;
  introWarn: string;
  introBlock: string;
  allFixedTitle: string;
  allFixed: string;
  /** Said (live region) after each fix: n left. */
  left: { one: string; other: string };
  remove: string;
  removes: string;
  replace: string;
  review: string;
  saveAnyway: string;
  save: string;
  saveJustified: string;
  justify: string;
  choose: string;
  cancel: string;
  'customer-request': string;
  'legal-obligation': string;
  'service-need': string;
  'false-positive': string;
}

const WORDS: Record<Locale, Words> = {
  fr: {
    title: {
      warn: { one: '$1 mention sensible avant l’enregistrement', other: '$1 mentions sensibles avant l’enregistrement' },
      block: { one: 'Enregistrement bloqué : $1 mention à corriger', other: 'Enregistrement bloqué : $1 mentions à corriger' },
    },
    introWarn: 'Ces mentions ne devraient pas figurer dans la note. Corrigez-les d’un clic, ou revenez à la note.',
    introBlock: 'Votre organisation bloque l’enregistrement tant que ces mentions restent dans la note.',
    allFixedTitle: 'Tout est corrigé',
    allFixed: 'La note ne contient plus de mention sensible : vous pouvez l’enregistrer.',
    left: { one: 'Corrigé. Il reste $1 mention.', other: 'Corrigé. Il reste $1 mentions.' },
    remove: 'Supprimer',
    removes: 'Supprime « $1 »',
    replace: 'Remplacer « $1 » par « $2 »',
    review: 'Revenir à la note',
    saveAnyway: 'Enregistrer quand même',
    save: 'Enregistrer',
    saveJustified: 'Enregistrer avec ce motif',
    justify: 'Motif (seule la catégorie est comptée, jamais le texte)',
    choose: 'Choisir un motif…',
    cancel: 'Annuler',
    'customer-request': 'Demande explicite du client',
    'legal-obligation': 'Obligation légale',
    'service-need': 'Nécessaire au service demandé',
    'false-positive': 'Faux positif',
  },
  en: {
    title: {
      warn: { one: '$1 sensitive wording before saving', other: '$1 sensitive wordings before saving' },
      block: { one: 'Saving is blocked: $1 wording to fix', other: 'Saving is blocked: $1 wordings to fix' },
    },
    introWarn: 'This wording should not be in the note. Fix it in one click, or go back to the note.',
    introBlock: 'Your organisation blocks saving while this wording remains in the note.',
    allFixedTitle: 'Everything is fixed',
    allFixed: 'The note has no sensitive wording left: you can save it.',
    left: { one: 'Fixed. $1 wording left.', other: 'Fixed. $1 wordings left.' },
    remove: 'Remove',
    removes: 'Removes “$1”',
    replace: 'Replace “$1” with “$2”',
    review: 'Back to the note',
    saveAnyway: 'Save anyway',
    save: 'Save',
    saveJustified: 'Save with this reason',
    justify: 'Reason (only its category is counted, never any text)',
    choose: 'Choose a reason…',
    cancel: 'Cancel',
    'customer-request': 'Explicit request from the customer',
    'legal-obligation': 'Legal obligation',
    'service-need': 'Needed for the requested service',
    'false-positive': 'False positive',
  },
};

type WordKey = Exclude<keyof Words, 'title' | 'left'>;

/** The dialog's words in one language. */
export function dialogWords(locale: Locale) {
  const w = WORDS[locale];
  const rules = new Intl.PluralRules(locale);
  const pick = (forms: { one: string; other: string }, n: number) =>
    (rules.select(n) === 'one' ? forms.one : forms.other).replace('$1', String(n));
  return {
    text: (key: WordKey, ...subs: string[]) => subs.reduce((s, v, i) => s.replace(`$${i + 1}`, v), w[key]),
    title: (mode: 'warn' | 'block', n: number) => pick(w.title[mode], n),
    left: (n: number) => pick(w.left, n),
    allFixedTitle: w.allFixedTitle,
  };
}
