/**
 * The managed policy's status on the options page: in force, or refused and
 * why — including the keys the browser dropped before the extension saw them
 * (their value did not fit managed_schema.json, see docs/admin.md). Its own
 * strings: one small component, mounted by one line in OptionsApp.
 */
import type { PolicyState } from '../../background/policy/state.ts';
import { uiLocale } from './i18n.ts';

const S = {
  applied: { fr: 'Politique de l’organisation : appliquée.', en: 'Organisation policy: applied.' },
  refused: { fr: 'Politique de l’organisation refusée : la précédente reste en vigueur (ou aucune).', en: 'Organisation policy refused: the previous one stays in force (or none).' },
  dropped: {
    fr: (keys: string[]) => keys.length > 1
      ? `Le navigateur a écarté les clés ${keys.join(', ')} : vérifiez leur type (managed_schema.json).`
      : `Le navigateur a écarté la clé ${keys[0]} : vérifiez son type (managed_schema.json).`,
    en: (keys: string[]) => `The browser dropped key${keys.length > 1 ? 's' : ''} ${keys.join(', ')}: check ${keys.length > 1 ? 'their types' : 'its type'} (managed_schema.json).`,
  },
  reason: { fr: 'Motif :', en: 'Reason:' },
} as const;

export function ManagedPolicyStatus({ state }: { state: PolicyState }) {
  const s = state.managedStatus;
  if (!s || s.state === 'none') return null;
  const L = uiLocale();
  return (
    <div id="managed-status" class={s.state === 'refused' ? 'error' : 'notice'} role="status" data-state={s.state}>
      <p>{s.state === 'applied' ? S.applied[L] : S.refused[L]}</p>
      {s.dropped.length > 0 && <p id="managed-dropped" data-keys={s.dropped.join(',')}>{S.dropped[L](s.dropped)}</p>}
      {s.reason && <p id="managed-reason">{S.reason[L]} {s.reason}</p>}
    </div>
  );
}
