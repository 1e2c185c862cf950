/**
 * Stands in for `wxt/browser` in the org dashboard bundle (esbuild alias), so the
 * extension dashboard's modules (lib/ui/dashboard/i18n.ts and what uses it) run
 * unchanged in a plain web page: `browser.i18n.getMessage` reads the extension's
 * own messages.json (dash_* strings) plus the org dashboard's strings.
 */
import fr from '../../../public/_locales/fr/messages.json';
import en from '../../../public/_locales/en/messages.json';
import { ORG_STRINGS } from './strings.ts';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

export function pageLocale(): 'fr' | 'en' {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'fr' || asked === 'en') return asked;
  return (navigator.language || 'fr').toLowerCase().startsWith('en') ? 'en' : 'fr';
}

const loc = pageLocale();
const messages = (loc === 'en' ? en : fr) as Messages;

function getMessage(key: string, subs: string[] = []): string {
  const own = ORG_STRINGS[loc][key];
  if (own !== undefined) return subs.reduce((s, v, i) => s.replaceAll(`$${i + 1}`, v), own);
  const m = messages[key];
  if (!m) return '';
  // Chrome's format: $NAME$ → placeholders[name].content ("$1") → the substitution
  return m.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) => {
    const content = m.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (__, d: string) => subs[Number(d) - 1] ?? '');
  });
}

export const browser = { i18n: { getMessage } };
