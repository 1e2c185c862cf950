/**
 * Compile-time half of typo tolerance (the engine half is lib/engine/typos.ts):
 * which dictionary words a typo may stand for, and which real words lie one edit
 * away from them. The second list is what lets the content script tell a typo from
 * a word without shipping any word list.
 */
import type { Locale } from '../categories.ts';
import { forEachDeleteHash, MIN_TYPO_WORD, oneEditApart, type TypoSection } from '../engine/typos.ts';

/** Real words of the languages notes are written in, lower case, accents as spelt. */
export interface Lexicon {
  /** Package names, for the record. */
  sources: readonly string[];
  forEach(visit: (word: string) => void): void;
}

const PLAIN = /^[a-z]+$/;
const ASCII = /^[\x00-\x7f]*$/;

/** Lexicon words are already lower case: strip the accents only, without touching the engine's fold cache. */
function foldWord(w: string): string {
  return ASCII.test(w) ? w : w.normalize('NFD').replace(/\p{M}+/gu, '').replace(/œ/g, 'oe').replace(/æ/g, 'ae');
}

/** Collects, per locale, the dictionary words eligible for typo matching (folded → as written). */
export class TypoWords {
  private readonly byLocale = new Map<Locale, Map<string, string>>();

  /** `folded` and `shown` are the same phrase tokenized twice (phraseKey, accentPhraseKey). */
  add(locale: Locale, folded: string, shown: string): void {
    const f = folded.split(' ');
    const s = shown.split(' ');
    if (f.length !== s.length) return;
    let words = this.byLocale.get(locale);
    if (!words) this.byLocale.set(locale, (words = new Map()));
    f.forEach((w, i) => {
      if (w.length < MIN_TYPO_WORD || !PLAIN.test(w)) return;
      // Show the accented spelling when one form has it ("hospitalisé", not "hospitalise").
      const prev = words.get(w);
      if (prev === undefined || (prev === w && s[i] !== w)) words.set(w, s[i]!);
    });
  }

  get locales(): Locale[] {
    return [...this.byLocale.keys()].sort();
  }

  words(locale: Locale): Map<string, string> {
    return this.byLocale.get(locale) ?? new Map();
  }
}

/**
 * For each locale: its eligible words, and every lexicon word (folded) one edit away
 * from one of them. One pass over the lexicon with the same symmetric-delete hashes
 * as the engine; each hash hit is confirmed by an exact one-edit check.
 */
export function typoSections(words: TypoWords, lexicon: Lexicon): Partial<Record<Locale, TypoSection>> {
  const locales = words.locales;
  const eligible = locales.map((l) => [...words.words(l).keys()].sort());
  const index = new Map<number, number[]>(); // hash → eligible word ids, id = locale * 1e7 + i
  eligible.forEach((list, li) => list.forEach((w, i) => {
    const id = li * 1e7 + i;
    forEachDeleteHash(w, (h) => {
      const ids = index.get(h);
      if (!ids) index.set(h, [id]);
      else if (ids[ids.length - 1] !== id) ids.push(id);
    });
  }));
  const known = locales.map(() => new Set<string>());
  const maxLen = Math.max(0, ...eligible.flat().map((w) => w.length)) + 1;
  lexicon.forEach((raw) => {
    if (raw.length < MIN_TYPO_WORD - 1 || raw.length > maxLen + 2) return;
    const r = foldWord(raw);
    if (r.length < MIN_TYPO_WORD - 1 || r.length > maxLen) return;
    forEachDeleteHash(r, (h) => {
      const ids = index.get(h);
      if (!ids) return;
      for (const id of ids) {
        const li = Math.floor(id / 1e7);
        if (oneEditApart(r, eligible[li]![id % 1e7]!)) known[li]!.add(r);
      }
    });
  });
  const out: Partial<Record<Locale, TypoSection>> = {};
  locales.forEach((l, li) => {
    const shown = words.words(l);
    // A real word that is itself eligible is matched exactly anyway; keep the list short.
    const k = [...known[li]!].filter((w) => !shown.has(w)).sort();
    out[l] = { words: eligible[li]!.map((w) => shown.get(w)!).join(' '), known: k.join(' ') };
  });
  return out;
}
