/**
 * Count entries that did not parse were moved aside by the background
 * (lib/background/stats/quarantine.ts): the dashboard says how many, so a
 * figure that looks low has its explanation. Its own strings: mounted by one
 * line in Dashboard.
 */
import type { StatsSnapshot } from '../../background/stats/snapshot.ts';
import { dashLocale } from './i18n.ts';

const S = {
  fr: (n: number, keys: string) => `${n} enregistrement${n > 1 ? 's' : ''} de comptage illisible${n > 1 ? 's ont' : ' a'} été mis de côté (${keys}) : ${n > 1 ? 'leurs' : 'ses'} chiffres valides restent comptés.`,
  en: (n: number, keys: string) => `${n} unreadable count entr${n > 1 ? 'ies were' : 'y was'} moved aside (${keys}): ${n > 1 ? 'their' : 'its'} valid figures are still counted.`,
} as const;

export function QuarantineNotice({ snap }: { snap: StatsSnapshot }) {
  const q = snap.quarantined;
  if (!q || q.total === 0) return null;
  const keys = q.keys.map((k) => k.replace(/^stats\.[dm]\./, '')).join(', ');
  return <p class="cnl-notice" role="status" data-testid="cnl-quarantined" data-total={q.total}>{S[dashLocale().startsWith('fr') ? 'fr' : 'en'](q.total, keys)}</p>;
}
