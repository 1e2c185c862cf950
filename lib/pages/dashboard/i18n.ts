/** Dashboard strings: browser.i18n (public/_locales/{fr,en}/messages.json, keys `dash_*`). */
import { browser } from 'wxt/browser';
import type { Locale } from '../../categories.ts';

export function tr(key: string, ...subs: (string | number)[]): string {
  let s = '';
  try {
    s = (browser.i18n.getMessage as (k: string, s?: string[]) => string)(key, subs.map(String));
  } catch {
    // no extension runtime
  }
  if (s) return s;
  return subs.reduce<string>((acc, v, i) => acc.replace(`$${i + 1}`, String(v)), key);
}

/** The locale the strings resolved to ("dash_locale" is "fr" or "en"), for category labels and numbers. */
export function dashLocale(): Locale {
  return tr('dash_locale') === 'en' ? 'en' : 'fr';
}
