/**
 * A person's traits said of an animal or a plant are no one's personal data: the vet's
 * "le chien du gardien est aveugle", the groomer's "her dog is diabetic", the stable's
 * "grossesse de la jument", the garden centre's "buis malade". A finding whose every
 * category is such a trait is dropped when an animal or plant noun is the subject of
 * its clause (before it, with only a verb, determiners, adverbs or a "de …" complement
 * in between) or its complement right after ("diabète du chat", "DNA test for the dog").
 * Anything else in between — a pronoun, a person, another verb — keeps the finding:
 * "il a un chien et il est diabétique" still counts. Words are folded (Token.norm), elisions with their apostrophe ("l'", "'s").
 */
import type { CategoryId, Locale } from '../categories.ts';
import { Gap, type Token } from './tokenize.ts';
import { DETERMINERS, isCapitalLetter, wordSet as set } from './word-classes.ts';

/** Categories that describe a body or a life, which an animal or a plant also has. */
const TRAITS: ReadonlySet<CategoryId> = new Set<CategoryId>(['health', 'disability', 'pregnancy', 'age', 'appearance', 'genetics', 'diet']);

// Domestic, farm and stable animals, pets' generic names, and plants a garden centre or a farm speaks of.
const NON_PERSONS: Record<Locale, ReadonlySet<string>> = {
  fr: set(`chien chiens chienne chiennes chiot chiots chat chats chatte chattes chaton chatons matou toutou minou
    cheval chevaux jument juments poulain poulains pouliche poney poneys ane anes mule vache vaches veau veaux taureau
    brebis mouton moutons agneau agneaux chevre chevres truie poule poules coq lapin lapins
    lapine cobaye hamster perroquet perruche oiseau oiseaux poisson furet tortue animal animaux bete betes
    labrador caniche teckel chihuahua bouledogue yorkshire husky beagle epagneul rottweiler
    arbre arbres buis haie haies vigne vignes plante plantes plant plants olivier oliviers rosier rosiers pelouse gazon
    palmier palmiers pommier pommiers cerisier cerisiers thuya thuyas laurier cheptel troupeau`),
  en: set(`dog dogs puppy puppies pup pups cat cats kitten kittens kitty horse horses mare mares foal foals pony ponies
    stallion gelding donkey cow cows heifer bull sheep ewe ewes lamb lambs goat goats pig pigs sow hen hens
    rabbit rabbits bunny hamster parrot budgie bird birds fish ferret tortoise pet pets animal animals
    labrador poodle spaniel terrier retriever collie beagle husky dachshund chihuahua bulldog greyhound whippet
    tree trees hedge hedges vine vines plants lawn shrub shrubs rosebush herd flock livestock`),
};

/** Words that may stand between the animal and the trait: verbs of being and having, determiners, adverbs, negation. */
const BETWEEN: Record<Locale, ReadonlySet<string>> = {
  fr: set(`est sont etait etaient sera a ont avait avaient aura semble semblent parait devient devenu devenue reste
    souffre souffrent souffrait porte fait faire ete etre avoir deja encore toujours aussi tres trop un peu plutot assez
    completement totalement vraiment bien ne n' pas plus jamais le la les l' un une des du de d' son sa ses leur leurs
    notre nos votre vos ce cet cette ces mon ma mes qui s' se`),
  en: set(`is are was were be been being 's has have had having seems seem looks look became becomes become getting got
    gets remains stays suffers suffering suffered went gone going already still also very too quite rather really
    completely totally a bit now not no never the a an his her their its my our your this that these those who which`),
};

/** Verbs of being and having: after a "de …" complement one must come before the trait ("le chien de la voisine est aveugle"; "le chien de la cliente aveugle" is the client's). */
const VERB: Record<Locale, ReadonlySet<string>> = {
  fr: set('est sont etait etaient sera a ont avait avaient aura semble semblent parait devient reste souffre souffrent souffrait porte fait'),
  en: set('is are was were has have had seems looks became becomes remains stays suffers suffered got gets \'s'),
};

/** Prepositions that bring the animal's complement after the trait ("diabète du chat", "test for the dog"). */
const OF: Record<Locale, ReadonlySet<string>> = {
  fr: set("de du des d'"),
  en: set('of for'),
};

/** How far back the subject may be, in words. */
const REACH = 8;
const AND = set('et ou and or');
const isCapitalised = (text: string, t: Token) => isCapitalLetter(text[t.start]);

/** Every category of the finding is a trait an animal or plant may have. */
export function isTraitOnly(categories: readonly CategoryId[]): boolean {
  return categories.every((c) => TRAITS.has(c));
}

/** The match at tokens [first, last) is said of an animal or a plant (see the file comment). */
export function saidOfNonPerson(text: string, tokens: readonly Token[], first: number, last: number, locale: Locale): boolean {
  return subjectBefore(text, tokens, first, locale) || complementAfter(tokens, last, locale);
}

function subjectBefore(text: string, tokens: readonly Token[], first: number, locale: Locale): boolean {
  const nonPersons = NON_PERSONS[locale];
  const between = BETWEEN[locale];
  const of = OF[locale];
  // The nearest non-person before the match, in the same segment (a comma or a sentence end stops it).
  let at = -1;
  for (let i = first - 1; i >= 0 && first - i <= REACH; i--) {
    if (tokens[i + 1]!.gap >= Gap.Hard) return false;
    if (nonPersons.has(tokens[i]!.norm)) { at = i; break; }
  }
  if (at < 0) return false;
  // "le propriétaire du cheval est paralysé": the animal is a complement, its owner the subject.
  let before = at - 1;
  if (before >= 0 && tokens[before + 1]!.gap < Gap.Hard && DETERMINERS[locale].has(tokens[before]!.norm)) before--;
  if (before >= 0 && tokens[before + 1]!.gap < Gap.Hard && of.has(tokens[before]!.norm)) return false;
  // After it, a "de …" complement of up to four words until a verb ("le chien de garde du dépôt", "the dog of
  // my neighbour"), then only words of being and having, one of them a verb when there was a complement.
  let i = at + 1;
  let needsVerb = false;
  if (i < first && of.has(tokens[i]!.norm)) {
    i++;
    if (i < first && DETERMINERS[locale].has(tokens[i]!.norm)) i++;
    for (let k = 0; k < 4 && i < first && !VERB[locale].has(tokens[i]!.norm); k++) i++;
    needsVerb = true;
  }
  // Its name right after it ("Labrador Max is blind"): one capitalised word.
  else if (i < first && tokens[i]!.gap < Gap.Hard && isCapitalised(text, tokens[i]!)) i++;
  for (; i < first; i++) {
    const w = tokens[i]!.norm;
    // Another trait coordinated with this one ("est vieux et aveugle", "blind and deaf").
    if (AND.has(w)) continue;
    if (!between.has(w) && !(i + 1 < first && AND.has(tokens[i + 1]!.norm))) return false;
    if (VERB[locale].has(w)) needsVerb = false;
  }
  return !needsVerb;
}

function complementAfter(tokens: readonly Token[], last: number, locale: Locale): boolean {
  let i = last;
  if (i >= tokens.length || tokens[i]!.gap >= Gap.Hard || !OF[locale].has(tokens[i]!.norm)) return false;
  i++;
  if (i < tokens.length && tokens[i]!.gap < Gap.Hard && DETERMINERS[locale].has(tokens[i]!.norm)) i++;
  return i < tokens.length && tokens[i]!.gap < Gap.Hard && NON_PERSONS[locale].has(tokens[i]!.norm);
}
