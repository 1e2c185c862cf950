/** The i18n getter falls back to English when the extension's runtime is gone (an orphaned content script). */
import { describe, expect, it } from 'vitest';
import { locale, setI18n, t } from '../lib/i18n.ts';

describe('t', () => {
  it('uses the extension catalogue, and the English text when the getter throws', () => {
    let dead = false;
    setI18n((k, subs) => {
      if (dead) throw new Error('Extension context invalidated.');
      return k === 'ui_locale' ? 'fr' : k === 'card_ignore' ? 'Ignorer' : `${k}:${(subs ?? []).join(',')}`;
    }, 'fr-FR');
    expect(locale()).toBe('fr');
    expect(t('card_ignore')).toBe('Ignorer');
    dead = true;
    expect(t('card_ignore')).toBe('Ignore');
    expect(t('card_replace', 'client')).toBe('Replace with “client”');
  });
});
