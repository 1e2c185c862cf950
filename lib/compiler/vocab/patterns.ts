/**
 * The small pattern language of generated vocabularies: `(a|b|)` lists
 * alternatives (an empty one makes the group optional) and `{slot}` stands for
 * every word a data source gives for that slot. Expansion is a plain cross
 * product, bounded so a careless pattern cannot blow up the pack.
 */

/** Most phrases one pattern may produce: beyond this it is an authoring mistake. */
export const MAX_FORMS_PER_PATTERN = 20_000;

export type Slots = Readonly<Record<string, readonly string[]>>;

const TOKEN = /\(([^()]*)\)|\{([a-z.]+)\}/g;
const ELISION_SPACE = /(?<!\p{L})((?:[ldjnscmt]|qu|jusqu|lorsqu|puisqu|quoiqu)['’]) /giu;

export interface Expansion {
  forms: string[];
  problems: string[];
}

/** All phrases a pattern stands for, with `slots` filled in. */
export function expandPattern(pattern: string, slots: Slots): Expansion {
  const parts: Array<readonly string[]> = [];
  const problems: string[] = [];
  let last = 0;
  for (const m of pattern.matchAll(TOKEN)) {
    parts.push([pattern.slice(last, m.index)]);
    if (m[1] !== undefined) {
      // An alternative may hold a slot of its own: "({demonym.mp}|{demonym.fp})".
      parts.push(m[1].split('|').flatMap((a) => {
        if (!a.includes('{')) return [a.trim()];
        const inner = expandPattern(a, slots);
        problems.push(...inner.problems);
        return inner.forms;
      }));
    }
    else {
      const words = slots[m[2]!];
      if (!words) problems.push(`"${pattern}": unknown slot {${m[2]}} (known: ${Object.keys(slots).map((k) => `{${k}}`).join(', ')})`);
      parts.push(words ?? []);
    }
    last = m.index + m[0].length;
  }
  parts.push([pattern.slice(last)]);
  if (/[(){}]/.test(parts.filter((p) => p.length === 1).map((p) => p[0]).join(''))) {
    problems.push(`"${pattern}": unbalanced ( ) or { }`);
  }
  if (problems.length) return { forms: [], problems };
  let acc = [''];
  for (const options of parts) {
    const next: string[] = [];
    for (const a of acc) for (const o of options) next.push(a + o);
    if (next.length > MAX_FORMS_PER_PATTERN) {
      return { forms: [], problems: [`"${pattern}" stands for more than ${MAX_FORMS_PER_PATTERN} phrases: split it or list fewer alternatives`] };
    }
    acc = next;
  }
  // Optional groups leave double spaces; an elision needs none after it ("d' Algérie" → "d'Algérie"),
  // while an English plural possessive keeps its space ("the nurses' union").
  const forms = acc.map((f) => f.replace(/\s+/g, ' ').replace(ELISION_SPACE, '$1').trim()).filter(Boolean);
  return { forms: [...new Set(forms)], problems: [] };
}
