/** Options page strings through browser.i18n (keys `opt_*`), with the built-in table as fallback. */
import { browser } from 'wxt/browser';
import { OPTION_STRINGS, type OptionKey } from './strings.ts';

export type UiLocale = 'fr' | 'en';

export function uiLocale(): UiLocale {
  try {
    const l = browser.i18n.getUILanguage();
    return /^fr/i.test(l) ? 'fr' : /^en/i.test(l) ? 'en' : 'fr';
  } catch {
    return typeof navigator !== 'undefined' && /^en/i.test(navigator.language) ? 'en' : 'fr';
  }
}

export function t(key: OptionKey, ...subs: (string | number)[]): string {
  let s = '';
  try {
    s = (browser.i18n.getMessage as (k: string, subs?: string[]) => string)(`opt_${key.replace(/-/g, '_')}`, subs.map(String));
  } catch {
    /* outside the extension */
  }
  if (!s) s = subs.reduce<string>((acc, v, i) => acc.replace(`$${i + 1}`, String(v)), OPTION_STRINGS[key][uiLocale()]);
  return s;
}

/** A count in words: `<key>_one` / `<key>_other`… picked by Intl.PluralRules for the UI language. */
export function tn(key: 'test_count' | 'editor_invalid', n: number): string {
  const L = uiLocale();
  const cat = new Intl.PluralRules(L).select(n);
  const k = (`${key}_${cat}` in OPTION_STRINGS ? `${key}_${cat}` : `${key}_other`) as OptionKey;
  return t(k, new Intl.NumberFormat(L).format(n));
}
