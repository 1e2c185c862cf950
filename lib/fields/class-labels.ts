/**
 * Display names of the sensitive-field classes (public/_locales keys
 * `field_class_*`), with French and English fallbacks for pages and tests
 * without the extension's i18n.
 */
import type { Locale } from '../categories.ts';
import type { FieldClass } from '../messages.ts';

export const FIELD_CLASSES_ORDER: readonly FieldClass[] = ['do-not-collect', 'protect', 'restricted'];

export const FIELD_CLASS_KEYS: Record<FieldClass, string> = {
  'do-not-collect': 'field_class_do_not_collect',
  protect: 'field_class_protect',
  restricted: 'field_class_restricted',
};

const FALLBACK: Record<Locale, Record<FieldClass, string>> = {
  fr: { 'do-not-collect': 'Ne pas collecter', protect: 'À protéger', restricted: 'Accès restreint' },
  en: { 'do-not-collect': 'Do not collect', protect: 'Must be protected', restricted: 'Restricted access' },
};

/** `t` is the UI's translator (lib/i18n.ts `t`); it returns the key itself when it has no string. */
export function fieldClassLabel(cls: FieldClass, t?: (key: string) => string, loc: Locale = 'en'): string {
  const key = FIELD_CLASS_KEYS[cls];
  const s = t?.(key);
  return s && s !== key ? s : FALLBACK[loc][cls];
}
