/**
 * Options page (Preact): Packs & policy / Test box / Sites / Dashboard.
 * Talks to the policy service through typed messages; the only direct storage
 * write is the rep's pause list (`pausedSites`, shared with the popup).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { CATEGORIES } from '../../categories.ts';
import { Linter } from '../../engine/lint.ts';
import type { Message } from '../../messages.ts';
import { send } from '../../send.ts';
import type { PolicyActionResult, PolicyState } from '../../background/policy/state.ts';
import type { PolicyErrorEntry } from '../../background/policy/error-log.ts';
import type { PolicyKey } from '../../schema/policy.ts';
import { Dashboard } from '../dashboard/Dashboard.tsx';
import { t, tn, uiLocale } from './i18n.ts';
import { importFile } from './import-file.ts';
import { problemLine, problemText } from './problem-text.ts';
import { ManagedPolicyStatus } from './ManagedPolicyStatus.tsx';
import { packLabel, ruleLabeler, type RuleLabelFn } from './labels.ts';
import { FileButton, PolicyEditor } from './policy-editor/PolicyEditor.tsx';
import type { OptionKey } from './strings.ts';

type Tab = 'packs' | 'editor' | 'test' | 'sites' | 'dashboard';

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

  const tabs: Array<[Tab, OptionKey]> = [['packs', 'tab_packs'], ['editor', 'tab_editor'], ['test', 'tab_test'], ['sites', 'tab_sites'], ['dashboard', 'tab_dashboard']];
  const labels = useMemo(() => (state ? ruleLabeler(state.config.packs) : undefined), [state?.config]);
  const select = (id: Tab) => { setTab(id); history.replaceState(null, '', `#${id}`); };
  // Arrow keys move between tabs (the WAI-ARIA tabs pattern).
  const onTabKey = (e: KeyboardEvent, i: number) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = tabs[(i + step + tabs.length) % tabs.length]![0];
    select(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  return (
    <main class="opt">
      <header class="opt-head">
        <img src="/logo.svg" alt="" width={32} height={32} />
        <h1>{t('title')}</h1>
      </header>
      <nav role="tablist" aria-label={t('title')}>
        {tabs.map(([id, label], i) => (
          <button type="button" role="tab" id={`tab-${id}`} aria-selected={tab === id} aria-controls="panel" tabIndex={tab === id ? 0 : -1} class={tab === id ? 'active' : ''}
            onClick={() => select(id)} onKeyDown={(e) => onTabKey(e, i)}>{t(label)}</button>
        ))}
      </nav>
      {loadError && <p class="error">{loadError}</p>}
      <section role="tabpanel" id="panel" aria-labelledby={`tab-${tab}`}>
        {!state ? <p>…</p>
          : tab === 'dashboard' ? <Dashboard ruleLabel={labels} mode={state.policy.mode ?? 'suggest'} />
          : tab === 'packs' ? <PacksTab state={state} reload={reload} />
          : tab === 'editor' ? <PolicyEditor key={JSON.stringify(state.exported)} state={state} reload={reload} />
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

/** A rule (or category) id shown as its label, the id in the tooltip. */
function RuleName({ id, labels }: { id: string; labels: RuleLabelFn }) {
  const l = labels(id);
  return <span class="rule-name" title={l.title} data-rule={id}>{l.label}</span>;
}

function joined(items: ComponentChildren[]): ComponentChildren {
  return items.flatMap((x, i) => (i ? [', ', x] : [x]));
}

function Settings({ state }: { state: PolicyState }) {
  const p = state.policy;
  const L = uiLocale();
  const labels = useMemo(() => ruleLabeler(state.config.packs), [state.config]);
  const yn = (b: boolean | undefined) => t(b ? 'yes' : 'no');
  const rows: Array<[PolicyKey, OptionKey, ComponentChildren]> = [
    ['mode', 'mode', t(`mode_${p.mode ?? 'suggest'}` as OptionKey)],
    ['locales', 'locales', p.locales?.map((l) => t(`locale_${l}` as OptionKey)).join(', ') ?? t('locales_auto')],
    ['disabledRules', 'disabled_rules', p.disabledRules?.length ? joined(p.disabledRules.map((r) => <RuleName id={r} labels={labels} />)) : t('none')],
    ['severityOverrides', 'severity_overrides', Object.keys(p.severityOverrides ?? {}).length
      ? joined(Object.entries(p.severityOverrides ?? {}).map(([k, v]) => <span><RuleName id={k} labels={labels} /> → {t(`sev_${v}` as OptionKey)}</span>)) : t('none')],
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
  // Files refused in this page before reaching the background: the log must not say "nothing refused" right after one.
  const [pageRefusals, setPageRefusals] = useState<PolicyErrorEntry[]>([]);

  const show = (r: PolicyActionResult, okText: string) => {
    setResult(r.ok ? { ok: true, lines: [okText] } : { ok: false, lines: [r.error, ...(r.details ?? [])].map((l) => problemLine(l, uiLocale())) });
    reload();
  };

  const onFile = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    try {
      const r = await importFile(file.name, await file.text());
      if (r.kind === 'error') {
        const lines = r.problems.map((p) => problemText(p, uiLocale()));
        setResult({ ok: false, lines });
        setPageRefusals((l) => [{ at: new Date().toISOString(), source: 'page' as never, message: file.name, details: lines.slice(0, 20) }, ...l].slice(0, 30));
      }
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

  const log = [...pageRefusals, ...state.errors].sort((a, b) => (a.at < b.at ? 1 : -1));
  return (
    <div>
      {state.managed && <p class="notice" id="managed-notice">{t('managed_notice')}</p>}
      <ManagedPolicyStatus state={state} />
      <Settings state={state} />

      <h2>{t('packs')}</h2>
      <table class="packs" id="packs">
        <thead><tr><th>{t('pack_name')}</th><th>{t('pack_version')}</th><th>{t('pack_source')}</th><th>{t('pack_rules')}</th><th>{t('pack_updated')}</th><th><span class="sr">{t('remove')}</span></th></tr></thead>
        <tbody>
          {state.packs.map((p) => (
            <tr data-pack={p.id} data-source={p.source}>
              <td title={p.id}>{packLabel(p)}</td><td>{p.version}</td>
              <td>{t(`source_${p.source}` as OptionKey)}{['managed', 'remote', 'org-terms'].includes(p.source) ? <span class="org"> 🔒 {t('by_org')}</span> : null}</td>
              <td>{p.rules}</td><td>{fmtDate(p.updatedAt)}</td>
              <td>{p.source === 'user' && <button type="button" onClick={async () => show(await send({ type: 'policy-remove-pack', id: p.id }), '')}>{t('remove')}</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {state.remote && (
        <p id="remote">
          {t('remote_line', state.remote.url)} — {state.remote.id ? `${state.remote.id} ${state.remote.version}` : t('none')} — {t('checked', fmtDate(state.remote.checkedAt))}{' '}
          <button type="button" onClick={async () => show(await send({ type: 'policy-refresh-remote' }), t('refresh'))}>{t('refresh')}</button>
        </p>
      )}

      <h2>{t('import')}</h2>
      <p class="help">{t('import_help')}</p>
      <FileButton id="import" label={t('import_choose')} accept=".json,.yaml,.yml,application/json" disabled={busy} onChange={onFile} />
      {result && (
        <div id="import-result" class={result.ok ? 'ok' : 'error'} role="status">
          {!result.ok && <p>{t('import_failed')}</p>}
          <ul>{result.lines.filter(Boolean).map((l) => <li>{l}</li>)}</ul>
        </div>
      )}
      {state.localPolicy && (
        <p id="local-policy">
          {t('local_policy_line', state.localPolicy.fileName ?? '—')} ({fmtDate(state.localPolicy.importedAt)})
          {state.localPolicy.ignored && <em> — {t('local_policy_ignored')}</em>}{' '}
          <button type="button" onClick={async () => show(await send({ type: 'policy-clear-local' }), '')}>{t('clear_local_policy')}</button>
        </p>
      )}
      <p><button type="button" id="export" onClick={exportPolicy}>{t('export')}</button></p>

      <h2>{t('errors')}</h2>
      <p class="help">{t('errors_help')}</p>
      {log.length ? (
        <>
          <ul id="errors" class="errors">
            {log.map((e) => (
              <li data-source={e.source}><time>{fmtDate(e.at)}</time> <span class="src">{t(`errsrc_${e.source}` as OptionKey)}</span> {problemLine(e.message, uiLocale())}{e.details?.length ? <ul>{e.details.map((d) => <li>{problemLine(d, uiLocale())}</li>)}</ul> : null}</li>
            ))}
          </ul>
          <button type="button" onClick={async () => { setPageRefusals([]); show(await send({ type: 'policy-clear-errors' }), ''); }}>{t('clear_errors')}</button>
        </>
      ) : <p id="errors-none">{t('errors_none')}</p>}
    </div>
  );
}

export function TestBox({ state }: { state: PolicyState }) {
  const [text, setText] = useState('');
  const linter = useMemo(() => new Linter(state.config.packs, state.config.linter), [state.config]);
  const findings = useMemo(() => (text ? linter.lint(text, { locale: state.config.locale }) : []), [linter, text, state.config.locale]);
  const L = uiLocale();
  const labels = useMemo(() => ruleLabeler(state.config.packs), [state.config]);
  return (
    <div>
      <label class="help" for="test-box">{t('test_help')}</label>
      <textarea id="test-box" rows={6} value={text} placeholder={t('test_placeholder')}
        onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)} />
      <p id="test-count">{findings.length ? tn('test_count', findings.length) : t('test_none')}</p>
      <ul id="test-findings" class="findings">
        {findings.map((f) => (
          <li data-rule={f.rule} data-severity={f.severity} class={`sev-${f.severity}`}>
            <strong>{t('quoted', f.text)}</strong> <span class="cat">{CATEGORIES[f.category].label[L]} · {t(`sev_${f.severity}` as OptionKey)}</span>
            <div data-dictionary>{f.message}</div>
            <div class="sugg" data-dictionary>{f.suggestions.map((s) => (s === '' ? t('remove_suggestion') : `→ ${s}`)).join('  ')}</div>
            <div class="rule" title={labels(f.rule).title}>{f.rule}</div>
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
        <caption>{t('tab_sites')}</caption>
        <tbody>
          <tr><th scope="row">{t('sites_allow')}</th><td>{sites?.allow?.length ? sites.allow.join(', ') : t('sites_all')}</td><td><OrgBadge state={state} k="sites" /></td></tr>
          <tr><th scope="row">{t('sites_deny')}</th><td>{sites?.deny?.join(', ') || t('none')}</td><td /></tr>
          <tr><th scope="row">{t('sites_selectors')}</th><td>{Object.entries(sites?.selectors ?? {}).map(([k, v]) => `${k}: ${v.join(', ')}`).join(' ; ') || t('none')}</td><td /></tr>
        </tbody>
      </table>
      <h2>{t('paused')}</h2>
      {!allowed ? <p id="paused-not-allowed">{t('paused_not_allowed')} <span class="org">🔒 {t('by_org')}</span></p> : (
        <>
          {state.pausedSites.length ? (
            <ul id="paused">
              {state.pausedSites.map((h) => <li>{h} <button type="button" onClick={() => setPaused(state.pausedSites.filter((x) => x !== h))}>{t('resume')}</button></li>)}
            </ul>
          ) : <p>{t('paused_none')}</p>}
          <form onSubmit={(e) => { e.preventDefault(); add(); }}>
            <label class="sr" for="pause-host">{t('paused_placeholder_label')}</label>
            <input id="pause-host" value={host} placeholder={t('paused_placeholder')} onInput={(e) => setHost((e.currentTarget as HTMLInputElement).value)} />
            <button type="submit">{t('paused_add')}</button>
            {err && <span class="error">{err}</span>}
          </form>
        </>
      )}
    </div>
  );
}
