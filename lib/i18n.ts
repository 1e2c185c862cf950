/**
 * UI strings from public/_locales (the browser's language), with the English
 * text as a fallback when no extension runtime is there (unit tests).
 */
import type { Locale } from './categories.ts';

const EN: Record<string, string> = {
  severity_error: 'Error',
  severity_warning: 'Warning',
  severity_suggestion: 'Suggestion',
  card_replace: 'Replace with “$1”',
  card_remove: 'Remove the wording',
  card_removes: 'Removes “$1”',
  card_ignore: 'Ignore',
  card_close: 'Close',
  card_legal: 'Legal basis:',
  card_typo: 'Probable typo of “$1”',
  card_hint: 'Alt+Shift+N next · Alt+Shift+1 apply · Esc close',
  card_label: 'CRM Note Lint: $1',
  popup_title: 'CRM Note Lint',
  popup_none: 'No sensitive wording on this page.',
  popup_total_one: '$1 finding on this page',
  popup_total_other: '$1 findings on this page',
  popup_findings: 'Findings, most serious first',
  popup_by_category: 'Findings by category',
  popup_open: 'Open “$1” ($2) in the page',
  popup_quoted: '“$1”',
  popup_pause: 'Pause on $1',
  popup_paused: 'Paused on this site: notes are not checked.',
  popup_no_site: 'This page cannot be checked.',
  popup_not_web: 'This page cannot be checked: CRM Note Lint works on web pages (http and https).',
  popup_options: 'Options',
  popup_locked: 'Your organisation does not allow pausing.',
};

type Getter = (key: string, subs?: string[]) => string;
let getter: Getter | null = null;
let uiLocale: Locale = 'en';

/** Wires the extension's i18n (browser.i18n.getMessage) in. */
export function setI18n(get: Getter, uiLanguage: string): void {
  getter = get;
  // The catalogue the browser picked decides, so labels and messages agree.
  const catalogue = lookup('ui_locale');
  uiLocale = (catalogue || uiLanguage).toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** The extension's string, or '' — also when its runtime is gone (an update left this script orphaned). */
function lookup(key: string, subs?: string[]): string {
  try {
    return getter?.(key, subs) ?? '';
  } catch {
    return '';
  }
}

export function t(key: string, ...subs: string[]): string {
  const s = lookup(key, subs);
  if (s) return s;
  const fallback = EN[key] ?? key;
  return subs.reduce((acc, v, i) => acc.replace(`$${i + 1}`, v), fallback);
}

export function locale(): Locale {
  return uiLocale;
}
