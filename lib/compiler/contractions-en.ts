/**
 * English reps drop apostrophes when they type fast ("cant make ends meet", "shes expecting",
 * "wifes pregnant", "theyre broke"). A dictionary form written with a contraction also gets
 * its apostrophe-less spelling, so authors write each phrase once. Only the contractions
 * whose bare spelling is not another common word are dropped: "n't" (cant, doesnt, wont),
 * "'s" (shes, hes, wifes), "'re" after they/you (not "we're" → "were"), "'ve" and "'m".
 * "'ll" and "'d" stay as written: "he'll" → "hell", "she'd" → "shed", "we'd" → "wed".
 */
const APOSTROPHE = /['’]/;
const CONTRACTION = /(\w)['’](t|s|re|ve|m)\b/gi;
const RE_KEEP = /\bwe['’]re\b/i;

export function apostropheFreeVariants(form: string): string[] {
  if (!APOSTROPHE.test(form)) return [];
  if (RE_KEEP.test(form)) return [];
  let changed = false;
  const bare = form.replace(CONTRACTION, (all, before: string, tail: string, offset: number, whole: string) => {
    // "n't" only: "can't", "don't", "won't" (a lone "t" after another letter is no contraction).
    if (tail.toLowerCase() === 't' && before.toLowerCase() !== 'n') return all;
    // "'re" only after they/you ("they're", "you're"); "'ve" after I/we/they/you/could/should/would.
    const word = /(\w+)$/.exec(whole.slice(0, offset + 1))?.[1]?.toLowerCase() ?? '';
    if (tail.toLowerCase() === 're' && word !== 'they' && word !== 'you') return all;
    if (tail.toLowerCase() === 'm' && word !== 'i') return all;
    changed = true;
    return before + tail;
  });
  return changed && bare !== form ? [bare] : [];
}
