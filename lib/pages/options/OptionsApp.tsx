/**
 * Options page (Preact): Packs & policy / Test box / Sites / Dashboard.
 * Talks to the policy service through typed messages; the only direct storage
 * write is the rep's pause list (`pausedSites`, shared with the popup).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { CATEGORIES } from '../../categories.ts';
import { Linter } from '../../engine/lint.ts';
import type { Message } from '../../messages.ts';
import { send } from '../../send.ts';
import type { PolicyActionResult, PolicyState } from '../../background/policy/state.ts';
import type { PolicyKey } from '../../schema/policy.ts';
import { Dashboard } from '../dashboard/Dashboard.tsx';
import { t, uiLocale } from './i18n.ts';
import { formatProblem, importFile } from './import-file.ts';
import { ManagedPolicyStatus } from './ManagedPolicyStatus.tsx';
import type { OptionKey } from './strings.ts';


type Tab = 'packs' | 'test' | 'sites' | 'dashboard';

export function OptionsApp({ initialTab }: { initialTab?: Tab }) {
  const [tab, setTab] = useState<Tab>(initialTab ?? ((location.hash.slice(1) as Tab) || 'packs'));
  const [state, setState] = useState<PolicyState | null>(null);
  const [loadError, setLoadError] = useState('');

  const reload = () => send({ type: 'policy-get-state' }).then(setState, (e: Error) => setLoadError(e.message));
  useEffect(() => {
    void reload();
    const onMsg = (m: unknown) => {
      if ((m as Message)?.type === 'config-changed') void reload();
      return undefined;
    };
    const onStorage = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && Object.keys(changes).some((k) => k.startsWith('policy.') || k === 'pausedSites')) void reload();
    };
    browser.runtime.onMessage.addListener(onMsg);
    browser.storage.onChanged.addListener(onStorage);
    return () => {
      browser.runtime.onMessage.removeListener(onMsg);
      browser.storage.onChanged.removeListener(onStorage);
    };
  }, []);

  const tabs: Array<[Tab, OptionKey]> = [['packs', 'tab_packs'], ['test', 'tab_test'], ['sites', 'tab_sites'], ['dashboard', 'tab_dashboard']];
  return (
    <main class="opt">
      <h1>{t('title')}</h1>
      <nav role="tablist">
        {tabs.map(([id, label]) => (
          <button role="tab" id={`tab-${id}`} aria-selected={tab === id} class={tab === id ? 'active' : ''}
            onClick={() => { setTab(id); history.replaceState(null, '', `#${id}`); }}>{t(label)}</button>
        ))}
      </nav>
      {loadError && <p class="error">{loadError}</p>}
      <section role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {tab === 'dashboard' ? <Dashboard /> : !state ? <p>…</p>
          : tab === 'packs' ? <PacksTab state={state} reload={reload} />
          : tab === 'test' ? <TestBox state={state} />
          : <SitesTab state={state} />}
      </section>
    </main>
  );
}

function OrgBadge({ state, k }: { state: PolicyState; k: PolicyKey }) {
  return state.orgKeys.includes(k) ? <span class="org" title={t('by_org')}>🔒 {t('by_org')}</span> : null;
}

const fmtDate = (iso?: string) => (iso ? new Date(iso).toLocaleString(uiLocale()) : '—');

function Settings({ state }: { state: PolicyState }) {
  const p = state.policy;
  const L = uiLocale();
  const yn = (b: boolean | undefined) => t(b ? 'yes' : 'no');
  const rows: Array<[PolicyKey, OptionKey, string]> = [
    ['mode', 'mode', t(`mode_${p.mode ?? 'suggest'}` as OptionKey)],
    ['locales', 'locales', p.locales?.join(', ') ?? t('locales_auto')],
    ['disabledRules', 'disabled_rules', p.disabledRules?.join(', ') || t('none')],
    ['severityOverrides', 'severity_overrides', Object.entries(p.severityOverrides ?? {}).map(([k, v]) => `${k} → ${v}`).join(', ') || t('none')],
    ['extraTerms', 'extra_terms', p.extraTerms?.map((e) => `${e.term} (${CATEGORIES[e.category].label[L]})`).join(', ') || t('none')],
    ['allowUserOverrides', 'allow_overrides', yn(p.allowUserOverrides)],
    ['allowJustification', 'allow_justification', yn(p.allowJustification)],
    ['markSensitiveFields', 'mark_fields', yn(p.markSensitiveFields)],
    ['packUrl', 'remote', p.packUrl ?? t('none')],
    ['reporting', 'reporting', p.reporting?.endpoint ? `${p.reporting.endpoint}${p.reporting.teamLabel ? ` (${p.reporting.teamLabel})` : ''}` : t('none')],
  ];
  return (
    <table class="settings" id="settings">
      <caption>{t('settings')}</caption>
      <tbody>
        {rows.map(([k, label, value]) => (
          <tr data-key={k} class={state.orgKeys.includes(k) ? 'readonly' : ''}>
            <th scope="row">{t(label)}</th><td>{value}</td><td><OrgBadge state={state} k={k} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PacksTab({ state, reload }: { state: PolicyState; reload: () => void }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; lines: string[] } | null>(null);

  const show = (r: PolicyActionResult, okText: string) => {
    setResult(r.ok ? { ok: true, lines: [okText] } : { ok: false, lines: [r.error, ...(r.details ?? [])] });
    reload();
  };

  const onFile = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    try {
      const r = await importFile(file.name, await file.text());
      if (r.kind === 'error') setResult({ ok: false, lines: r.problems.map(formatProblem) });
      else if (r.kind === 'pack') show(await send({ type: 'policy-import-pack', pack: r.pack, fileName: file.name }), t('import_ok', `${r.pack.id} ${r.pack.version}`));
      else show(await send({ type: 'policy-import-policy', policy: r.raw, fileName: file.name }), t('import_ok', file.name));
    } finally {
      setBusy(false);
      input.value = '';
    }
  };

  const exportPolicy = () => {
    const blob = new Blob([JSON.stringify(state.exported, null, 2) + '\n'], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'crm-note-lint-policy.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };

  return (
    <div>
      {state.managed && <p class="notice" id="managed-notice">{t('managed_notice')}</p>}
      <ManagedPolicyStatus state={state} />
      <Settings state={state} />

      <h2>{t('packs')}</h2>
      <table class="packs" id="packs">
        <thead><tr><th>{t('pack_id')}</th><th>{t('pack_version')}</th><th>{t('pack_source')}</th><th>{t('pack_rules')}</th><th>{t('pack_updated')}</th><th /></tr></thead>
        <tbody>
          {state.packs.map((p) => (
            <tr data-pack={p.id} data-source={p.source}>
              <td title={p.description}>{p.id}</td><td>{p.version}</td>
              <td>{t(`source_${p.source}` as OptionKey)}{['managed', 'remote', 'org-terms'].includes(p.source) ? <span class="org"> 🔒 {t('by_org')}</span> : null}</td>
              <td>{p.rules}</td><td>{fmtDate(p.updatedAt)}</td>
              <td>{p.source === 'user' && <button onClick={async () => show(await send({ type: 'policy-remove-pack', id: p.id }), '')}>{t('remove')}</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {state.remote && (
        <p id="remote">
          {t('remote')} : {state.remote.url} — {state.remote.id ? `${state.remote.id} ${state.remote.version}` : t('none')} — {t('checked', fmtDate(state.remote.checkedAt))}{' '}
          <button onClick={async () => show(await send({ type: 'policy-refresh-remote' }), t('refresh'))}>{t('refresh')}</button>
        </p>
      )}

      <h2>{t('import')}</h2>
      <p class="help">{t('import_help')}</p>
      <input type="file" id="import" accept=".json,.yaml,.yml,application/json" disabled={busy} onChange={onFile} />
      {result && (
        <div id="import-result" class={result.ok ? 'ok' : 'error'} role="status">
          {!result.ok && <p>{t('import_failed')}</p>}
          <ul>{result.lines.filter(Boolean).map((l) => <li>{l}</li>)}</ul>
        </div>
      )}
      {state.localPolicy && (
        <p id="local-policy">
          {t('local_policy')} : {state.localPolicy.fileName ?? '—'} ({fmtDate(state.localPolicy.importedAt)})
          {state.localPolicy.ignored && <em> — {t('local_policy_ignored')}</em>}{' '}
          <button onClick={async () => show(await send({ type: 'policy-clear-local' }), '')}>{t('clear_local_policy')}</button>
        </p>
      )}
      <p><button id="export" onClick={exportPolicy}>{t('export')}</button></p>

      <h2>{t('errors')}</h2>
      {state.errors.length ? (
        <>
          <ul id="errors" class="errors">
            {state.errors.map((e) => (
              <li><time>{fmtDate(e.at)}</time> [{e.source}] {e.message}{e.details?.length ? <ul>{e.details.map((d) => <li>{d}</li>)}</ul> : null}</li>
            ))}
          </ul>
          <button onClick={async () => show(await send({ type: 'policy-clear-errors' }), '')}>{t('clear_errors')}</button>
        </>
      ) : <p>{t('errors_none')}</p>}
    </div>
  );
}

export function TestBox({ state }: { state: PolicyState }) {
  const [text, setText] = useState('');
  const linter = useMemo(() => new Linter(state.config.packs, state.config.linter), [state.config]);
  const findings = useMemo(() => (text ? linter.lint(text, { locale: state.config.locale }) : []), [linter, text, state.config.locale]);
  const L = uiLocale();
  return (
    <div>
      <p class="help">{t('test_help')}</p>
      <textarea id="test-box" rows={6} value={text} placeholder={t('test_placeholder')}
        onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)} />
      <p id="test-count">{findings.length ? t('test_count', findings.length) : t('test_none')}</p>
      <ul id="test-findings" class="findings">
        {findings.map((f) => (
          <li data-rule={f.rule} data-severity={f.severity} class={`sev-${f.severity}`}>
            <strong>« {f.text} »</strong> <span class="cat">{CATEGORIES[f.category].label[L]} · {f.severity}</span>
            <div>{f.message}</div>
            <div class="sugg">{f.suggestions.map((s) => (s === '' ? t('remove_suggestion') : `→ ${s}`)).join('  ')}</div>
            <div class="rule">{f.rule}</div>
          </li>
        ))}
      </ul>
    </div>
  );
}

const HOST_RE = /^(?=.{1,253}$)([a-z0-9-]+\.)*[a-z0-9-]+(:\d+)?$/;

function SitesTab({ state }: { state: PolicyState }) {
  const sites = state.policy.sites;
  const [host, setHost] = useState('');
  const [err, setErr] = useState('');
  const allowed = state.policy.allowUserOverrides !== false;
  const setPaused = (list: string[]) => browser.storage.local.set({ pausedSites: list });
  const add = () => {
    let h = host.trim().toLowerCase();
    try {
      if (/^[a-z]+:\/\//.test(h)) h = new URL(h).host;
    } catch { /* keep */ }
    if (!HOST_RE.test(h)) return setErr(t('paused_invalid'));
    setErr('');
    setHost('');
    if (!state.pausedSites.includes(h)) void setPaused([...state.pausedSites, h]);
  };
  return (
    <div>
      <table class="settings" id="sites">
        <tbody>
          <tr><th>{t('sites_allow')}</th><td>{sites?.allow?.length ? sites.allow.join(', ') : t('sites_all')}</td><td><OrgBadge state={state} k="sites" /></td></tr>
          <tr><th>{t('sites_deny')}</th><td>{sites?.deny?.join(', ') || t('none')}</td><td /></tr>
          <tr><th>{t('sites_selectors')}</th><td>{Object.entries(sites?.selectors ?? {}).map(([k, v]) => `${k}: ${v.join(', ')}`).join(' ; ') || t('none')}</td><td /></tr>
        </tbody>
      </table>
      <h2>{t('paused')}</h2>
      {!allowed ? <p id="paused-not-allowed">{t('paused_not_allowed')} <span class="org">🔒 {t('by_org')}</span></p> : (
        <>
          {state.pausedSites.length ? (
            <ul id="paused">
              {state.pausedSites.map((h) => <li>{h} <button onClick={() => setPaused(state.pausedSites.filter((x) => x !== h))}>{t('resume')}</button></li>)}
            </ul>
          ) : <p>{t('paused_none')}</p>}
          <form onSubmit={(e) => { e.preventDefault(); add(); }}>
            <input id="pause-host" value={host} placeholder={t('paused_placeholder')} onInput={(e) => setHost((e.currentTarget as HTMLInputElement).value)} />
            <button type="submit">{t('paused_add')}</button>
            {err && <span class="error">{err}</span>}
          </form>
        </>
      )}
    </div>
  );
}
