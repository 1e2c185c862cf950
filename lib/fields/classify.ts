/**
 * Classifies a form field from the words that name it — never from its value.
 * Pure: the content script gathers the descriptors, this decides.
 */
import type { CompiledField, CompiledPack } from '../schema/dictionary.ts';
import { fieldWords } from './field-words.ts';

export interface FieldDescriptors {
  label?: string | null;
  ariaLabel?: string | null;
  name?: string | null;
  id?: string | null;
  placeholder?: string | null;
}

export interface FieldClassification {
  field: CompiledField;
  /** Which descriptor matched, for the popup's "why". */
  matchedOn: keyof FieldDescriptors;
}

/** Descriptors in the order people read them: the visible label first. */
const ORDER: Array<keyof FieldDescriptors> = ['label', 'ariaLabel', 'placeholder', 'name', 'id'];

function contains(words: readonly string[], key: readonly string[]): boolean {
  outer: for (let i = 0; i + key.length <= words.length; i++) {
    for (let k = 0; k < key.length; k++) if (words[i + k] !== key[k]) continue outer;
    return true;
  }
  return false;
}

export class FieldClassifier {
  private readonly rules: Array<{ field: CompiledField; keys: string[][] }>;

  constructor(packs: readonly Pick<CompiledPack, 'fields'>[]) {
    const byId = new Map<string, { field: CompiledField; keys: string[][] }>();
    for (const p of packs) for (const f of p.fields ?? []) byId.set(f.id, { field: f, keys: f.keys.map((k) => k.split(' ')) });
    this.rules = [...byId.values()];
  }

  get size(): number {
    return this.rules.length;
  }

  /** `prefer`: the page's language, which wins a tie between equally long names. */
  classify(d: FieldDescriptors, prefer?: string): FieldClassification | undefined {
    for (const on of ORDER) {
      const text = d[on];
      if (!text) continue;
      const words = fieldWords(text);
      if (!words.length) continue;
      let best: { field: CompiledField; len: number } | undefined;
      for (const r of this.rules) {
        for (const key of r.keys) {
          const better = !best || key.length > best.len || (key.length === best.len && r.field.locale === prefer && best.field.locale !== prefer);
          if (better && contains(words, key)) best = { field: r.field, len: key.length };
        }
      }
      if (best) return { field: best.field, matchedOn: on };
    }
    return undefined;
  }
}
