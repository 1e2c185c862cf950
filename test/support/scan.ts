/**
 * "Does this storage dump / request carry what the rep typed?" — for the privacy
 * tests (unit and end-to-end). Rule ids are dictionary identifiers that may spell
 * a lemma (`fr.diet.menu-hallal`): they are removed first, then every typed word
 * or phrase is looked for, case-insensitively, as is, URL-encoded and JSON-escaped.
 */
export function typedTextLeaks(haystack: string, typed: readonly string[], ruleIds: readonly string[] = []): string[] {
  let h = haystack;
  // longest first, so "fr.diet.menu-hallal" goes before "fr.diet.hallal"
  for (const id of [...ruleIds].sort((a, b) => b.length - a.length)) h = h.split(id).join('<rule>');
  h = h.toLowerCase();
  return typed.filter((w) => {
    const forms = new Set([w, encodeURIComponent(w), w.replace(/ /g, '+'), JSON.stringify(w).slice(1, -1)].map((f) => f.toLowerCase()));
    return [...forms].some((f) => h.includes(f));
  });
}

/** Every rule id mentioned as `"rule":"…"` or as a `host|category|rule|action` key. */
export function ruleIdsIn(haystack: string): string[] {
  const ids = new Set<string>();
  for (const m of haystack.matchAll(/"rule"\s*:\s*"([^"]+)"/g)) ids.add(m[1]!);
  for (const m of haystack.matchAll(/\|[a-z]+\|([a-z0-9][a-z0-9._:-]*)\|(?:shown|applied|ignored|saved-with|saved-anyway|blocked)/gi)) ids.add(m[1]!);
  return [...ids];
}
