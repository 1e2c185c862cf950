/**
 * Masked spellings of a word: reps soften a note by starring letters out ("c*n",
 * "p*te", "enc*l*"), and the insult stays. Every way of starring some inner letters
 * (one star a letter, first and last letters kept, since the tokenizer keeps a star
 * only between two letters) is generated, so no hand list has to guess which ones.
 */

/** Longest word masked: 2^(n-2) spellings, so a careless entry cannot blow up the pack. */
export const MAX_MASKED_LENGTH = 12;

export function maskedForms(words: readonly string[], problems: string[]): string[] {
  const out = new Set<string>();
  for (const word of words) {
    const letters = [...word.trim()];
    if (letters.length < 3 || letters.length > MAX_MASKED_LENGTH || !letters.every((c) => /\p{L}/u.test(c))) {
      problems.push(`masked: "${word}" must be one word of 3 to ${MAX_MASKED_LENGTH} letters`);
      continue;
    }
    const inner = letters.length - 2;
    // Each non-empty subset of the inner letters, starred; a run of more than four stars splits
    // the word in the tokenizer ("m*****x" is "m" and "x"), so it is no masked spelling.
    for (let mask = 1; mask < 1 << inner; mask++) {
      const form = letters.map((c, i) => (i > 0 && i <= inner && mask & (1 << (i - 1)) ? '*' : c)).join('');
      if (!form.includes('*****')) out.add(form);
    }
  }
  return [...out];
}
