/**
 * Labels people read instead of internal ids: a pack's name, a rule's wording
 * and category. The id stays available for a tooltip (admins need it for policies).
 */
import { CATEGORIES, type CategoryId } from '../../categories.ts';
import type { PackInfo } from '../../background/policy/merge.ts';
import type { CompiledPack } from '../../schema/dictionary.ts';
import { t, uiLocale } from './i18n.ts';
import { OPTION_STRINGS, type OptionKey } from './strings.ts';

export interface RuleLabel {
  /** "« menu halal » (Régime alimentaire)". */
  label: string;
  /** The rule id and its explanation, for a tooltip. */
  title: string;
}

export type RuleLabelFn = (ruleId: string, category?: CategoryId) => RuleLabel;

/** Built-in packs get a translated name; others show their description, else their id. */
export function packLabel(p: Pick<PackInfo, 'id' | 'description'>): string {
  const key = `pack_${p.id}`;
  if (key in OPTION_STRINGS) return t(key as OptionKey);
  return p.description.trim() || p.id;
}

/** Rule ids → a label from the packs in force: the rule's first wording (accents kept) and its category. */
export function ruleLabeler(packs: readonly CompiledPack[]): RuleLabelFn {
  const L = uiLocale();
  const byId = new Map<string, { wording?: string; category: CategoryId; message: string }>();
  for (const pack of packs) {
    const wording = new Map<number, string>();
    for (const ph of pack.phrases) {
      if (ph[2] === 0 && !wording.has(ph[1])) wording.set(ph[1], ph[3] ?? ph[0]);
    }
    pack.rules.forEach((r, i) => byId.set(r.id, { wording: wording.get(i), category: r.category, message: r.message }));
  }
  return (ruleId, category) => {
    const r = byId.get(ruleId);
    const cat = r?.category ?? category;
    const catLabel = cat ? CATEGORIES[cat]?.label[L] ?? cat : '';
    // A category id, or a rule of a pack not loaded here: the category alone, or the id.
    if (!r?.wording) return { label: CATEGORIES[ruleId as CategoryId]?.label[L] ?? (catLabel ? `${catLabel} (${ruleId})` : ruleId), title: ruleId };
    return { label: t('rule_label', r.wording, catLabel), title: `${ruleId} — ${r.message}` };
  };
}
