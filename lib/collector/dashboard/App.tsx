/**
 * The org dashboard (a plain web page served by `crm-note-lint serve`). Reads
 * /v1/summary with the session cookie; every number arrives already masked by the
 * server (null = fewer than minGroup reporters) and is shown as "< N".
 * Reuses the extension dashboard's chart, styles and strings (lib/ui/dashboard).
 */
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { CATEGORIES, type CategoryId } from '../../categories.ts';
import { addDays, type CountAction } from '../../background/stats/model.ts';
import { dashLocale, tr } from '../../pages/dashboard/i18n.ts';
import { DASHBOARD_CSS } from '../../pages/dashboard/styles.ts';
import { WeeklyChart } from '../../pages/dashboard/WeeklyChart.tsx';
import { CountsTable, Kpi, RuleCell } from '../../pages/dashboard/parts.tsx';
import type { OrgSummary, Cell, ActionCells } from '../summary.ts';
import type { RuleLabel } from '../labels.ts';
import { ORG_CSS } from './org-styles.ts';

type Summary = OrgSummary & { today: string; labels: Record<string, RuleLabel> };
type Preset = '30' | '90' | '365' | 'all' | 'custom';

function rangeOf(preset: Preset, today: string, from: string, to: string): { from?: string; to?: string } {
  if (preset === 'all') return {};
  if (preset === 'custom') return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  return { from: addDays(today, -(Number(preset) - 1)), to: today };
}

function query(range: { from?: string; to?: string }, team: string, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams({ ...range, ...(team !== '*' ? { team } : {}), ...extra });
  return p.toString();
}

export function OrgDashboard({ signOut }: { signOut: boolean }) {
  const loc = dashLocale();
  const nf = useMemo(() => new Intl.NumberFormat(loc), [loc]);
  const pf = useMemo(() => new Intl.NumberFormat(loc, { style: 'percent', maximumFractionDigits: 0 }), [loc]);
  const df = useMemo(() => new Intl.DateTimeFormat(loc, { day: 'numeric', month: 'short', timeZone: 'UTC' }), [loc]);
  const [preset, setPreset] = useState<Preset>('90');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [team, setTeam] = useState('*');
  const [data, setData] = useState<Summary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const today = data?.today ?? new Date().toISOString().slice(0, 10);
  const range = rangeOf(preset, today, from, to);
  const qs = query(range, team);

  useEffect(() => {
    let live = true;
    fetch(`/v1/summary?${qs}`, { credentials: 'same-origin' })
      .then(async (r) => {
        if (r.status === 401) { location.href = '/login'; return; }
        const body = await r.json() as Summary & { error?: string };
        if (!r.ok) throw new Error(body.error ?? `HTTP ${r.status}`);
        if (live) { setData(body); setError(null); }
      })
      .catch((e: Error) => live && setError(e.message));
    return () => { live = false; };
  }, [qs]);

  const N = data?.minGroup ?? 5;
  const fmt = (c: Cell) => (c === null ? `< ${N}` : nf.format(c));
  const num = (c: Cell, testid?: string) => (
    <td class={c === null ? 'num cnl-masked' : 'num'} data-testid={testid} data-count={c ?? ''} data-masked={c === null ? 'true' : undefined}
      title={c === null ? tr('org_below', String(N)) : undefined}>{fmt(c)}</td>
  );
  const leftAtSave = (c: ActionCells): Cell => (c['saved-with'] === null || c['saved-anyway'] === null ? null : c['saved-with'] + c['saved-anyway']);
  const catLabel = (id: CategoryId) => CATEGORIES[id]?.label[loc] ?? id;
  const teamLabel = (t: string) => (t === '' ? tr('org_team_none') : t);
  const s = data;
  // No save counted at all (suggest-mode browsers do not observe saves): "fixed before save" would read a false 100 %.
  const noSave = !!s && s.totals['saved-with'] === 0 && s.totals['saved-anyway'] === 0 && s.totals.blocked === 0;
  const cols = (...keys: string[]) => keys.map((k) => ({ label: tr(k), num: true }));
  const chartWeeks = (s?.weekly ?? []).map((w) => ({ week: w.week, counts: Object.fromEntries(Object.entries(w.counts).map(([k, v]) => [k, v ?? 0])) as Record<CountAction, number> }));

  return (
    <section class="cnl-dash cnl-org" data-testid="org-dashboard" lang={loc}>
      <style>{DASHBOARD_CSS + ORG_CSS}</style>
      <header class="cnl-head">
        <div>
          <h1>{tr('org_title')}</h1>
          <p class="cnl-muted">{tr('org_intro', String(N))}</p>
        </div>
        {signOut && <form method="post" action="/logout"><button type="submit">{tr('org_sign_out')}</button></form>}
      </header>

      <div class="cnl-toolbar" role="group" aria-label={tr('dash_range')}>
        <label>{tr('dash_range')}{' '}
          <select data-testid="org-range" value={preset} onChange={(e) => setPreset((e.currentTarget as HTMLSelectElement).value as Preset)}>
            <option value="30">{tr('dash_range_30')}</option>
            <option value="90">{tr('dash_range_90')}</option>
            <option value="365">{tr('dash_range_365')}</option>
            <option value="all">{tr('dash_range_all')}</option>
            <option value="custom">{tr('dash_range_custom')}</option>
          </select>
        </label>
        {preset === 'custom' && (
          <>
            <label>{tr('dash_from')} <input type="date" data-testid="org-from" value={from} onChange={(e) => setFrom((e.currentTarget as HTMLInputElement).value)} /></label>
            <label>{tr('dash_to')} <input type="date" data-testid="org-to" value={to} onChange={(e) => setTo((e.currentTarget as HTMLInputElement).value)} /></label>
          </>
        )}
        <label>{tr('org_team')}{' '}
          <select data-testid="org-team" value={team} onChange={(e) => setTeam((e.currentTarget as HTMLSelectElement).value)}>
            <option value="*">{tr('org_team_all')}</option>
            {(s?.teams ?? []).map((t) => <option key={t} value={t}>{teamLabel(t)}</option>)}
          </select>
        </label>
        <span class="cnl-spacer" />
        <a class="cnl-button" data-testid="org-export-csv" href={`/v1/export?${query(range, team, { format: 'csv' })}`} download>{tr('dash_export_csv')}</a>
        <a class="cnl-button" data-testid="org-export-json" href={`/v1/export?${query(range, team, { format: 'json' })}`} download>{tr('dash_export_json')}</a>
      </div>

      {error && <p class="cnl-error" role="alert">{tr('dash_error', error)}</p>}
      {!s && !error && <p class="cnl-muted">{tr('dash_loading')}</p>}
      {s && !s.hasData && (
        <div class="cnl-empty" data-testid="org-empty">
          <h3>{team === '*' && preset === 'all' ? tr('org_empty_title') : tr('dash_empty_range')}</h3>
          {team === '*' && preset === 'all' && <p>{tr('org_empty_body')}</p>}
          {!(team === '*' && preset === 'all') && <p>{tr('dash_empty_range')}</p>}
        </div>
      )}

      {s?.hasData && (
        <>
          <div class="cnl-kpis">
            <Kpi testid="org-kpi-reporters" label={tr('org_reporters')} value={fmt(s.reporters)} />
            <Kpi testid="org-kpi-shown" label={tr('dash_kpi_shown')} value={fmt(s.totals.shown)} />
            <Kpi testid="org-kpi-applied" label={tr('dash_kpi_applied')} value={fmt(s.totals.applied)} />
            <Kpi testid="org-kpi-ignored" label={tr('dash_kpi_ignored')} value={fmt(s.totals.ignored)} />
            {noSave
              ? <Kpi testid="org-kpi-left" label={tr('dash_kpi_left')} value={tr('org_no_save')} help={tr('org_no_save_help')} muted />
              : <Kpi testid="org-kpi-left" label={tr('dash_kpi_left')} value={fmt(leftAtSave(s.totals))} />}
            <Kpi testid="org-kpi-blocked" label={tr('dash_kpi_blocked')} value={fmt(s.totals.blocked)} />
            <Kpi testid="org-kpi-saved-anyway" label={tr('org_saved_anyway')} value={fmt(s.totals['saved-anyway'])} />
            {noSave
              ? <Kpi testid="org-kpi-fixed" label={tr('dash_kpi_fixed')} value={tr('org_no_save')} help={tr('org_no_save_help')} muted />
              : <Kpi testid="org-kpi-fixed" label={tr('dash_kpi_fixed')} help={tr('dash_kpi_fixed_help')} value={s.fixedShare === null ? '—' : pf.format(s.fixedShare)} />}
          </div>

          <div class="cnl-grid2">
            <section class="cnl-card" aria-labelledby="org-h-cat">
              <h2 id="org-h-cat">{tr('dash_by_category')}</h2>
              <CountsTable testid="org-categories" columns={[{ label: tr('dash_col_category') }, ...cols('dash_col_shown', 'dash_col_applied', 'dash_col_ignored', 'dash_col_left')]}>
                  {s.byCategory.map((c) => (
                    <tr key={c.category} data-category={c.category}>
                      <td>{catLabel(c.category)}</td>
                      {num(c.counts.shown, 'shown')}{num(c.counts.applied, 'applied')}{num(c.counts.ignored, 'ignored')}{num(leftAtSave(c.counts), 'left')}
                    </tr>
                  ))}
              </CountsTable>
            </section>

            <section class="cnl-card cnl-wide" aria-labelledby="org-h-week">
              <h2 id="org-h-week">{tr('dash_weekly')}</h2>
              {chartWeeks.length > 0 && (
                <WeeklyChart weeks={chartWeeks} ariaLabel={tr('dash_weekly_aria')}
                  weekLabel={(w) => df.format(new Date(`${w}T00:00:00Z`))}
                  formatTick={(n) => nf.format(n)}
                  barTitle={(w) => {
                    const c = s.weekly.find((x) => x.week === w)!.counts;
                    return tr('dash_week_title', df.format(new Date(`${w}T00:00:00Z`)), fmt(c.shown), fmt(c.applied));
                  }} />
              )}
              <p class="cnl-legend"><span class="sw shown" /> {tr('dash_col_shown')} <span class="sw applied" /> {tr('dash_col_applied')}</p>
            </section>

            <section class="cnl-card" aria-labelledby="org-h-rules">
              <h2 id="org-h-rules">{tr('dash_top_rules')}</h2>
              <CountsTable testid="org-top-rules" columns={[{ label: tr('dash_col_rule') }, ...cols('dash_col_shown', 'dash_col_applied', 'dash_col_ignored')]}>
                  {s.topRules.map((r) => (
                    <tr key={r.rule + r.category} data-rule={r.rule}>
                      <RuleCell id={r.rule} label={s.labels[r.rule]?.message} category={catLabel(r.category)} />
                      {num(r.counts.shown, 'shown')}{num(r.counts.applied, 'applied')}{num(r.counts.ignored, 'ignored')}
                    </tr>
                  ))}
              </CountsTable>
            </section>

            <section class="cnl-card" aria-labelledby="org-h-sites">
              <h2 id="org-h-sites">{tr('dash_top_sites')}</h2>
              <CountsTable testid="org-top-sites" columns={[{ label: tr('dash_col_site') }, ...cols('dash_col_shown', 'dash_col_applied', 'dash_col_left')]}>
                  {s.topSites.map((x) => (
                    <tr key={x.host} data-host={x.host}>
                      <td>{x.host}</td>{num(x.counts.shown, 'shown')}{num(x.counts.applied, 'applied')}{num(leftAtSave(x.counts), 'left')}
                    </tr>
                  ))}
              </CountsTable>
            </section>

            <section class="cnl-card" aria-labelledby="org-h-team">
              <h2 id="org-h-team">{tr('org_by_team')}</h2>
              <CountsTable testid="org-by-team" columns={[{ label: tr('org_col_team') }, ...cols('dash_col_shown', 'dash_col_applied', 'org_col_blocked', 'org_col_saved_anyway')]}>
                  {s.byTeam.map((x) => (
                    <tr key={x.team} data-team={x.team}>
                      <td>{teamLabel(x.team)}</td>{num(x.counts.shown, 'shown')}{num(x.counts.applied, 'applied')}{num(x.counts.blocked, 'blocked')}{num(x.counts['saved-anyway'], 'saved-anyway')}
                    </tr>
                  ))}
              </CountsTable>
            </section>

            {s.fieldsSeen.length > 0 && (
              <section class="cnl-card" aria-labelledby="org-h-fields">
                <h2 id="org-h-fields">{tr('org_fields_title')}</h2>
                <p class="cnl-muted">{tr('dash_fields_intro')}</p>
                <CountsTable testid="org-fields" columns={[{ label: tr('dash_fields_col_field') }, { label: tr('dash_fields_col_site') }, ...cols('dash_fields_col_seen')]}>
                    {s.fieldsSeen.map((r) => (
                      <tr key={`${r.rule}|${r.host}`} data-rule={r.rule} data-host={r.host}>
                        <td><span class="cnl-label">{s.labels[r.rule]?.message ?? r.rule}</span> <code>{r.rule}</code></td><td>{r.host}</td>{num(r.count, 'seen')}
                      </tr>
                    ))}
                </CountsTable>
              </section>
            )}
          </div>
        </>
      )}
    </section>
  );
}

const root = document.getElementById('app');
if (root) render(<OrgDashboard signOut={root.dataset.signOut === 'true'} />, root);
