/**
 * Human labels for rule ids, read from the built-in pack: the rule's explanation
 * (findings) or the field's first key words (`field-seen`). Rules of other packs
 * keep their id.
 */
import { loadBuiltinPack } from '../cli/pack-loader.ts';

export interface RuleLabel { message: string; source?: string; locale: string }

let cache: Map<string, RuleLabel> | undefined;

export function ruleLabels(): Map<string, RuleLabel> {
  if (cache) return cache;
  cache = new Map();
  try {
    const pack = loadBuiltinPack() as unknown as {
      rules?: { id: string; message?: string; source?: string; locale: string }[];
      fields?: { id: string; message?: string; keys?: string[]; locale: string }[];
    };
    for (const r of pack.rules ?? []) cache.set(r.id, { message: r.message ?? r.id, ...(r.source ? { source: r.source } : {}), locale: r.locale });
    for (const f of pack.fields ?? []) cache.set(f.id, { message: f.keys?.[0] ?? f.message ?? f.id, locale: f.locale });
  } catch {
    // no built-in pack (a stripped install): ids only
  }
  return cache;
}

export function labelsFor(ids: Iterable<string>): Record<string, RuleLabel> {
  const all = ruleLabels();
  const out: Record<string, RuleLabel> = {};
  for (const id of ids) {
    const l = all.get(id);
    if (l) out[id] = l;
  }
  return out;
}
