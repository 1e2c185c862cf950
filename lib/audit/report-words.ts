/** The audit report's words (HTML report and terminal summary), French and English. */
import type { Locale, Severity } from '../categories.ts';
import { formatInt } from '../csv/progress.ts';

const WORDS = {
  en: {
    title: 'CRM notes audit', generated: 'generated $1 UTC by crm-note-lint',
    rows: 'rows read', notes: 'notes scanned', withFindings: 'notes with findings', findings: 'findings', problems: 'input problems',
    columns: 'columns: $1', ofNotes: '$1 of notes', byCategory: 'Findings by category', chartLabel: 'Findings by category',
    topRules: 'Top rules', byColumn: 'By column', count: 'Count', rule: 'Rule', category: 'Category', severity: 'Severity', why: 'Why',
    column: 'Column', notesH: 'Notes', withFindingsH: 'With findings', findingsH: 'Findings', none: 'No findings.',
    line: 'Line', problem: 'Problem', moreProblems: '… and $1 more (see the command\'s stderr).',
    flagged: 'Flagged wording', personal: 'This section contains note text: handle this file as personal data.',
    id: 'Id', columnH: 'Column', context: 'Context', suggestion: 'Suggestion', remove: '(remove)',
    moreSamples: '$1 more findings not listed (use --out for the full list).',
    withText: 'Generated with --include-text.', noText: 'This report contains no note text (counts, rule ids and messages only).',
    footer: 'Sensitive data with no purpose must be deleted (GDPR art. 5(1)(c), art. 9); use $1 to produce a cleaned export.',
    auditOf: 'Audit of $1 ($2)', seeStderr: 'see stderr', inOf: 'in $1 of $2 notes',
    withBom: ' with BOM', separator: 'separator $1', tab: 'tab', allQuoted: ', all cells quoted',
    moreRules: { one: '… and $1 more rule (all of them in --out and --html)', other: '… and $1 more rules (all of them in --out and --html)' },
    severities: { error: 'error', warning: 'warning', suggestion: 'suggestion' } as Record<Severity, string>,
  },
  fr: {
    title: 'Audit des notes CRM', generated: 'généré le $1 UTC par crm-note-lint',
    rows: 'lignes lues', notes: 'notes analysées', withFindings: 'notes avec constats', findings: 'constats', problems: 'problèmes d’entrée',
    columns: 'colonnes : $1', ofNotes: '$1 des notes', byCategory: 'Constats par catégorie', chartLabel: 'Constats par catégorie',
    topRules: 'Règles les plus fréquentes', byColumn: 'Par colonne', count: 'Nombre', rule: 'Règle', category: 'Catégorie', severity: 'Gravité', why: 'Pourquoi',
    column: 'Colonne', notesH: 'Notes', withFindingsH: 'Avec constats', findingsH: 'Constats', none: 'Aucun constat.',
    line: 'Ligne', problem: 'Problème', moreProblems: '… et $1 de plus (voir la sortie d’erreur de la commande).',
    flagged: 'Formulations signalées', personal: 'Cette section contient du texte de notes : traitez ce fichier comme une donnée personnelle.',
    id: 'Id', columnH: 'Colonne', context: 'Contexte', suggestion: 'Suggestion', remove: '(supprimer)',
    moreSamples: '$1 autres constats non listés (utilisez --out pour la liste complète).',
    withText: 'Généré avec --include-text.', noText: 'Ce rapport ne contient aucun texte de note (des comptes, des identifiants de règle et des messages seulement).',
    footer: 'Une donnée sensible sans finalité doit être supprimée (RGPD art. 5(1)(c), art. 9) ; $1 produit un export nettoyé.',
    auditOf: 'Audit de $1 ($2)', seeStderr: 'voir la sortie d’erreur', inOf: 'dans $1 notes sur $2',
    withBom: ' avec BOM', separator: 'séparateur $1', tab: 'tabulation', allQuoted: ', toutes les cellules entre guillemets',
    moreRules: { one: '… et $1 autre règle (toutes dans --out et --html)', other: '… et $1 autres règles (toutes dans --out et --html)' },
    severities: { error: 'erreur', warning: 'avertissement', suggestion: 'suggestion' } as Record<Severity, string>,
  },
} as const;

type Key = Exclude<keyof (typeof WORDS)['en'], 'moreRules' | 'severities'>;

export function reportWords(lang: Locale) {
  const w = WORDS[lang];
  // English keeps the space-grouped figures the report always had; French groups the French way.
  const fr = new Intl.NumberFormat('fr-FR');
  const int = (n: number) => (lang === 'fr' ? fr.format(n) : formatInt(n));
  const plural = new Intl.PluralRules(lang);
  return {
    lang,
    text: (key: Key, ...subs: string[]) => subs.reduce<string>((s, v, i) => s.replace(`$${i + 1}`, v), w[key]),
    severity: (s: Severity) => w.severities[s],
    moreRules: (n: number) => (plural.select(n) === 'one' ? w.moreRules.one : w.moreRules.other).replace('$1', int(n)),
    int,
    percent: (part: number, whole: number) => {
      const v = (100 * part) / whole;
      return lang === 'fr' ? `${v.toLocaleString('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %` : `${v.toFixed(1)} %`;
    },
  };
}
export type ReportWords = ReturnType<typeof reportWords>;
