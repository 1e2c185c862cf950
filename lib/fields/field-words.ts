/**
 * Normalizes what names a form field (label, name, id, placeholder, aria-label)
 * into folded words: "dateNaissance", "date_naissance" and "Date de naissance :"
 * all give "date naissance" / "date de naissance" tokens the way the engine folds.
 */
import { tokenize } from '../engine/tokenize.ts';

export function fieldWords(descriptor: string): string[] {
  const spaced = descriptor
    .replace(/([\p{Ll}\d])(\p{Lu})/gu, '$1 $2') // camelCase → camel Case
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2') // IBANNumber → IBAN Number
    .replace(/[_.\-/:*()[\]#°]+/g, ' ');
  return tokenize(spaced).map((t) => t.norm);
}

export function fieldKey(name: string): string {
  return fieldWords(name).join(' ');
}
