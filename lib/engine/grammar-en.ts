/** English tables for the rewrite engine (see grammar.ts). */
import type { Grammar } from './grammar.ts';

const set = (words: string) => new Set(words.split(/\s+/).filter(Boolean));

export const EN: Grammar = {
  copulas: set(`is are was were be been being am has have had having wears wear wore wearing suffers suffer suffered suffering
    votes vote voted went goes going got gets took take takes taken did does seems seem looks became becomes remains stays lives`),
  fillers: set(`a an the this that these those his her their its my our your of from with for to in on at by through about
    very really real total complete such quite rather so not no always still also former ex
    during since before after outside except around according`),
  determiners: set('a an the this that these those his her their its my our your some two three four five six seven eight nine ten twelve twenty'),
  intensifiers: set('former ex real total complete absolute proper right royal utter true'),
  conjunctions: set('and or but nor'),
  relatives: set('who whom whose which that where'),
  pronouns: set('he she they it i we you'),
  numbers: set('two three four five six seven eight nine ten eleven twelve fifteen twenty thirty hundred'),
  feminine: set('she her woman lady mrs ms miss'),
  masculine: set('he his him man gentleman mr'),
  plural: set('these those they their some are were two three four five six seven eight nine ten'),
  adjectives: set('special dissatisfied critical upset unavailable slow price-sensitive budget-conscious temporarily'),
  headNoun: (category, _gender, plural) => {
    if (category === 'diet') return plural ? 'meals' : 'meal';
    return plural ? 'customers' : 'customer';
  },
  nounPhrase: (adjectival, noun) => `${adjectival} ${noun}`,
  // English adjectives agree with nothing.
  inflect: (suggestion) => suggestion,
  withPreposition: /^with /,
  haveFor: { is: 'has', are: 'have', was: 'had', were: 'had' },
  protectedValue: 'provided by the customer — to be entered in the protected field',
  colon: ':',
};
