/**
 * Org dashboard strings that the extension's dashboard does not have (the shared
 * `dash_*` ones come from public/_locales, through browser-shim.ts). French first.
 */
export const ORG_STRINGS: Record<'fr' | 'en', Record<string, string>> = {
  fr: {
    org_title: 'Comptages de conformité de l’organisation',
    org_intro: 'Des nombres seulement, envoyés par les navigateurs des équipes : jamais le texte des notes. Une case comptée par moins de $1 personnes s’affiche « < $1 ».',
    org_team: 'Équipe',
    org_team_all: 'Toutes',
    org_team_none: '(sans équipe)',
    org_reporters: 'Navigateurs',
    org_saved_anyway: 'Enregistrés malgré l’alerte',
    org_by_team: 'Par équipe',
    org_col_team: 'Équipe',
    org_col_blocked: 'Bloqués',
    org_col_saved_anyway: 'Malgré l’alerte',
    org_empty_title: 'Aucun comptage reçu',
    org_empty_body: 'Les extensions envoient leurs comptages quand la politique de l’organisation donne reporting.endpoint et reporting.token (docs/admin.md). Ils apparaissent ici dès le premier envoi.',
    org_below: 'moins de $1 personnes : masqué',
    org_sign_out: 'Se déconnecter',
    org_fields_title: 'Champs sensibles vus par site',
  },
  en: {
    org_title: 'Organisation compliance counts',
    org_intro: 'Counts only, sent by the teams’ browsers: never the text of notes. A cell counted by fewer than $1 people shows as “< $1”.',
    org_team: 'Team',
    org_team_all: 'All',
    org_team_none: '(no team)',
    org_reporters: 'Browsers',
    org_saved_anyway: 'Saved anyway',
    org_by_team: 'By team',
    org_col_team: 'Team',
    org_col_blocked: 'Blocked',
    org_col_saved_anyway: 'Saved anyway',
    org_empty_title: 'No counts received yet',
    org_empty_body: 'Extensions send their counts when the organisation’s policy sets reporting.endpoint and reporting.token (docs/admin.md). They appear here from the first report.',
    org_below: 'fewer than $1 people: hidden',
    org_sign_out: 'Sign out',
    org_fields_title: 'Sensitive fields seen per site',
  },
};
