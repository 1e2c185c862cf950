/** French tables for the rewrite engine (see grammar.ts), and adjective agreement. */
import type { Gender, Grammar } from './grammar.ts';

const set = (words: string) => new Set(words.split(/\s+/).filter(Boolean));

const ADVERBS = set('peu très trop plutôt assez temporairement');
/** Nouns of suggestions that change for the feminine. */
const FEMININE_NOUNS: Record<string, string> = { client: 'cliente', interlocuteur: 'interlocutrice' };

/** Feminine of a French adjective or noun, by its ending. */
export function feminineWord(w: string): string {
  if (FEMININE_NOUNS[w]) return FEMININE_NOUNS[w];
  if (/e$/.test(w)) return w;
  if (/eux$/.test(w)) return w.slice(0, -1) + 'se';
  if (/teur$/.test(w) && !/^(?:ex|in|supé|inté|anté|posté)/.test(w)) return w.slice(0, -4) + 'trice';
  if (/eur$/.test(w)) return w.slice(0, -1) + 'se';
  if (/if$/.test(w)) return w.slice(0, -1) + 've';
  if (/(?:el|eil|en|on|et)$/.test(w)) return w + w.slice(-1) + 'e';
  if (/er$/.test(w)) return w.slice(0, -2) + 'ère';
  return w + 'e';
}

/** Plural of a French adjective or noun, by its ending. */
export function pluralWord(w: string): string {
  if (/[sxz]$/.test(w)) return w;
  if (/al$/.test(w)) return w.slice(0, -2) + 'aux';
  if (/(?:eau|eu)$/.test(w)) return w + 'x';
  return w + 's';
}

/** Inflects the head of a suggestion: its first word, or the one after an adverb ("peu réactif"). */
function inflect(suggestion: string, gender: Gender, plural: boolean): string {
  const words = suggestion.split(' ');
  const i = words.length > 1 && ADVERBS.has(words[0]!) ? 1 : 0;
  let w = words[i]!;
  // "spécial" has the plural "spéciaux" but the feminine plural "spéciales".
  if (gender === 'f') w = feminineWord(w);
  if (plural) w = pluralWord(w);
  words[i] = w;
  return words.join(' ');
}

export const FR: Grammar = {
  copulas: set(`est sont était étaient sera seront serait a ont avait avaient aura été être n' ne
    sort sortent sortait souffre souffrent souffrait fait font faisait porte portent portait vote votent votait
    reste restent semble semblent devient deviennent suit suivent vit vivent atteint atteinte atteints atteintes`),
  fillers: set(`le la les l' un une des du de d' au aux à en ce cet cette ces son sa ses leur leurs mon ma mes ton ta tes
    notre votre nos vos très trop vraiment plutôt assez peu pas plus jamais toujours encore souvent complètement totalement
    vrai vraie vrais vraies gros grosse grosses sacré sacrée véritable total totale complet complète parfait parfaite ancien ancienne anciens anciennes ex
    avec sous pour par sur dans chez entre vers contre envers hors sauf pendant durant depuis avant après lors selon`),
  determiners: set(`un une le la les l' des ce cet cette ces son sa ses leur leurs mon ma mes ton ta tes notre votre nos vos quelques
    deux trois quatre cinq six sept huit neuf dix douze quinze vingt cent`),
  intensifiers: set('ancien ancienne anciens anciennes vrai vraie vrais vraies sacré sacrée sacrés sacrées véritable véritables parfait parfaite total totale complet complète gros grosse grosses petit petite'),
  conjunctions: set('et ou mais ni'),
  relatives: set("qui que qu' dont où"),
  pronouns: set("il elle ils elles on c' ce cela ça"),
  numbers: set('deux trois quatre cinq six sept huit neuf dix onze douze quinze vingt trente cent'),
  feminine: set(`une la cette ma ta sa elle elles vraie vraies sacrée grosse grosses petite véritable parfaite totale complète
    cliente clientes acheteuse acheteuses gérante gérantes directrice directrices présidente présidentes commerciale commerciales
    vendeuse vendeuses femme femmes dame dames mme madame mlle mademoiselle fille filles mère épouse`),
  masculine: set('un le ce cet mon ton son il ils vrai vrais sacré gros petit client clients acheteur gérant directeur président commercial vendeur homme hommes monsieur m mr fils père mari'),
  plural: set('les des ces ses leurs mes tes nos vos quelques ils elles sont ont clients clientes'),
  adjectives: set('spécial exigeant mécontent insistant critique peu difficile sensible attentif ferme indisponible accompagné'),
  headNoun: (category, gender, plural) => {
    if (category === 'diet') return plural ? 'menus' : 'menu';
    const w = gender === 'f' ? 'cliente' : 'client';
    return plural ? w + 's' : w;
  },
  nounPhrase: (adjectival, noun) => `${noun} ${adjectival}`,
  inflect,
  withPreposition: /^avec /,
  haveFor: { est: 'a', sont: 'ont', était: 'avait', étaient: 'avaient' },
  protectedValue: 'communiqué par le client — à saisir dans le champ protégé',
  colon: ' :',
};
