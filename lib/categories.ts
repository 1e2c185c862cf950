/**
 * The 16 category ids of shared/categories.md. They are stable API: findings,
 * counts, exports and policy packs all carry them, so never rename one.
 */
export const CATEGORY_IDS = [
  'health', 'disability', 'pregnancy', 'religion', 'diet', 'origin', 'politics', 'union',
  'sexuality', 'genetics', 'criminal', 'finance', 'appearance', 'age', 'insult', 'identifier',
] as const;

export type CategoryId = (typeof CATEGORY_IDS)[number];
export type Severity = 'suggestion' | 'warning' | 'error';
export const SEVERITIES: readonly Severity[] = ['suggestion', 'warning', 'error'];
export type Locale = 'fr' | 'en';
export const LOCALES: readonly Locale[] = ['fr', 'en'];

export interface CategoryInfo {
  id: CategoryId;
  label: Record<Locale, string>;
  /** Legal basis, per UI language (the card's fallback when a rule names none). */
  legalBasis: Record<Locale, string>;
  defaultSeverity: Severity;
}

const c = (id: CategoryId, fr: string, en: string, basisFr: string, basisEn: string, defaultSeverity: Severity): CategoryInfo =>
  ({ id, label: { fr, en }, legalBasis: { fr: basisFr, en: basisEn }, defaultSeverity });

export const CATEGORIES: Record<CategoryId, CategoryInfo> = {
  health: c('health', 'Santé', 'Health', 'RGPD art. 9(1) ; Code pénal 225-1 (état de santé)', 'GDPR art. 9(1); French Penal Code art. 225-1 (state of health)', 'error'),
  disability: c('disability', 'Handicap', 'Disability', 'RGPD art. 9(1) ; Code pénal 225-1 (handicap, perte d\'autonomie)', 'GDPR art. 9(1); French Penal Code art. 225-1 (disability, loss of autonomy)', 'error'),
  pregnancy: c('pregnancy', 'Grossesse', 'Pregnancy', 'RGPD art. 9(1) (santé) ; Code pénal 225-1 (grossesse)', 'GDPR art. 9(1) (health); French Penal Code art. 225-1 (pregnancy)', 'error'),
  religion: c('religion', 'Religion, convictions', 'Religion, beliefs', 'RGPD art. 9(1) ; Code pénal 225-1', 'GDPR art. 9(1); French Penal Code art. 225-1', 'error'),
  diet: c('diet', 'Régime alimentaire', 'Diet', 'Révèle indirectement religion ou santé (CJUE C-184/20, 2022)', 'Indirectly reveals religion or health (CJEU C-184/20, 2022)', 'warning'),
  origin: c('origin', 'Origine, nationalité', 'Ethnic origin, nationality', 'RGPD art. 9(1) ; Code pénal 225-1 (origine, ethnie, nation, prétendue race, langue)', 'GDPR art. 9(1); French Penal Code art. 225-1 (origin, ethnicity, nation, alleged race, language)', 'error'),
  politics: c('politics', 'Opinions politiques', 'Political opinions', 'RGPD art. 9(1) ; Code pénal 225-1', 'GDPR art. 9(1); French Penal Code art. 225-1', 'error'),
  union: c('union', 'Syndicat', 'Trade union', 'RGPD art. 9(1) ; Code pénal 225-1 (activités syndicales)', 'GDPR art. 9(1); French Penal Code art. 225-1 (trade union activities)', 'error'),
  sexuality: c('sexuality', 'Vie sexuelle, orientation, identité de genre', 'Sex life, orientation, gender identity', 'RGPD art. 9(1) ; Code pénal 225-1', 'GDPR art. 9(1); French Penal Code art. 225-1', 'error'),
  genetics: c('genetics', 'Génétique, biométrie', 'Genetic, biometric', 'RGPD art. 9(1)', 'GDPR art. 9(1)', 'error'),
  criminal: c('criminal', 'Infractions, condamnations', 'Criminal offences', 'RGPD art. 10', 'GDPR art. 10', 'error'),
  finance: c('finance', 'Vulnérabilité économique', 'Financial hardship', 'Code pénal 225-1 (vulnérabilité économique) ; exemples CNIL', 'French Penal Code art. 225-1 (economic vulnerability); CNIL examples', 'warning'),
  appearance: c('appearance', 'Apparence physique', 'Physical appearance', 'Code pénal 225-1', 'French Penal Code art. 225-1', 'warning'),
  age: c('age', 'Âge (péjoratif)', 'Age (pejorative)', 'Code pénal 225-1', 'French Penal Code art. 225-1', 'warning'),
  insult: c('insult', 'Jugement subjectif, injure', 'Insult, subjective judgment', 'RGPD art. 5(1)(c)/(d) ; CNIL : « objectif, jamais excessif ou insultant »', 'GDPR art. 5(1)(c)/(d); CNIL: "objective, never excessive or insulting"', 'error'),
  identifier: c('identifier', 'Identifiant, secret', 'Identifier, secret', 'RGPD art. 32 (sécurité) ; CCPA « sensitive personal information »', 'GDPR art. 32 (security); CCPA "sensitive personal information"', 'error'),
};

export function isCategoryId(x: string): x is CategoryId {
  return (CATEGORY_IDS as readonly string[]).includes(x);
}
