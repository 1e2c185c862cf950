/**
 * Compliance dashboard (a tab of the options page): counts only, read from the
 * background with the `stats-get` message (the background is the only writer;
 * this page never touches the stored counts). Refreshes when the counts change.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { CATEGORIES, type CategoryId } from '../../categories.ts';
import { send } from '../../send.ts';
import type { ActionCounts } from '../../background/stats/aggregate.ts';
import { addDays, dayOf, isValidDay, type DayRange } from '../../background/stats/model.ts';
import type { StatsSnapshot } from '../../background/stats/snapshot.ts';
import { dashLocale, tr } from './i18n.ts';
import { DASHBOARD_CSS } from './styles.ts';
import { WeeklyChart } from './WeeklyChart.tsx';
import { FieldsSeen } from './FieldsSeen.tsx';
import { QuarantineNotice } from './QuarantineNotice.tsx';
import { CountsTable, Kpi, RuleCell } from './parts.tsx';

/** Rule id → what people read (the options page passes the labels of the packs in force). */
export type RuleLabels = (rule: string, category?: CategoryId) => { label: string; title: string };

type Preset = '30' | '90' | '365' | 'all' | 'custom';


function rangeFor(preset: Preset, today: string, custom: DayRange): DayRange {
  if (preset === 'all') return {};
  if (preset === 'custom') return { ...(isValidDay(custom.from) ? { from: custom.from } : {}), ...(isValidDay(custom.to) ? { to: custom.to } : {}) };
  return { from: addDays(today, -(Number(preset) - 1)), to: today };
}

const leftAtSave = (c: ActionCounts) => c['saved-with'] + c['saved-anyway'];

/**
 * `mode`: the policy's mode in force. In suggest mode saves are not observed, so unless
 * the range holds saves counted in another mode, "left at save" and "fixed before save"
 * read "not measured" (never a false 100 %).
 */
export function Dashboard({ ruleLabel, mode }: { ruleLabel?: RuleLabels; mode?: 'suggest' | 'warn' | 'block' }) {
  const loc = dashLocale();
  const nf = useMemo(() => new Intl.NumberFormat(loc), [loc]);
  const pf = useMemo(() => new Intl.NumberFormat(loc, { style: 'percent', maximumFractionDigits: 0 }), [loc]);
  const df = useMemo(() => new Intl.DateTimeFormat(loc, { day: 'numeric', month: 'short', timeZone: 'UTC' }), [loc]);
  const dtf = useMemo(() => new Intl.DateTimeFormat(loc, { dateStyle: 'medium', timeStyle: 'short' }), [loc]);

  const [preset, setPreset] = useState<Preset>('90');
  const [custom, setCustom] = useState<DayRange>({});
  const [snap, setSnap] = useState<StatsSnapshot | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [granted, setGranted] = useState<boolean | null>(null);

  const today = snap?.today ?? dayOf(new Date());
  const range = useMemo(() => rangeFor(preset, today, custom), [preset, today, custom.from, custom.to]);
  const rangeRef = useRef(range);
  rangeRef.current = range;

  const load = useCallback(async () => {
    try {
      const s = await send({ type: 'stats-get', ...rangeRef.current });
      setSnap(s);
      setError(null);
    } catch (e) {
      setError((e as Error)?.message ?? String(e));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [range.from, range.to, load]);

  // Live refresh: the background writes counts to storage.local under "stats.".
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area !== 'local' || !Object.keys(changes).some((k) => k.startsWith('stats.'))) return;
      clearTimeout(timer);
      timer = setTimeout(() => void load(), 300);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      clearTimeout(timer);
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [load]);

  const origin = snap?.reporting.endpointOrigin;
  useEffect(() => {
    if (!origin) return;
    void browser.permissions?.contains({ origins: [`${origin}/*`] }).then(setGranted, () => setGranted(null));
  }, [origin]);

  const download = async (format: 'csv' | 'json') => {
    setBusy(true);
    try {
      const file = await send({ type: 'stats-export', format, ...range });
      const url = URL.createObjectURL(new Blob([format === 'csv' ? '\uFEFF' + file.content : file.content], { type: file.mime }));
      const a = document.createElement('a');
      a.href = url;
      a.download = file.filename;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError((e as Error)?.message ?? String(e));
    } finally {
      setBusy(false);
    }
  };

  const clear = async () => {
    setBusy(true);
    try {
      await send({ type: 'stats-clear' });
      setConfirming(false);
      setNotice(tr('dash_cleared'));
      await load();
    } finally {
      setBusy(false);
    }
  };

  const reportNow = async () => {
    setBusy(true);
    try {
      await send({ type: 'stats-report-now' });
      await load();
    } finally {
      setBusy(false);
    }
  };

  const grant = async () => {
    if (!origin) return;
    setGranted(await browser.permissions.request({ origins: [`${origin}/*`] }));
  };

  const s = snap?.summary;
  const catLabel = (id: keyof typeof CATEGORIES) => CATEGORIES[id]?.label[loc] ?? id;
  const maxCat = Math.max(1, ...(s?.byCategory.map((c) => c.counts.shown) ?? [0]));
  // Suggest mode observes no save: with no save counted in the range (none from an earlier
  // warn/block period either), "left at save" and "fixed before save" are unknown, not 0 and 100 %.
  const unobserved = mode === 'suggest' && !!s && leftAtSave(s.totals) === 0 && s.totals.blocked === 0;
  const hasBlocked = (s?.totals.blocked ?? 0) > 0;
  /** shown, applied, ignored, then "left at save" (categories) when saves are observed, then blocked when any. */
  const countCols = (withLeft: boolean) => [
    { label: tr('dash_col_shown'), num: true }, { label: tr('dash_col_applied'), num: true }, { label: tr('dash_col_ignored'), num: true },
    ...(withLeft && !unobserved ? [{ label: tr('dash_col_left'), num: true }] : []),
    ...(hasBlocked ? [{ label: tr('dash_col_blocked'), num: true }] : []),
  ];

  return (
    <section class="cnl-dash" data-testid="cnl-dashboard" lang={loc}>
      <style>{DASHBOARD_CSS}</style>
      <header class="cnl-head">
        <div>
          <h2>{tr('dash_title')}</h2>
          <p class="cnl-muted">{tr('dash_intro')}</p>
        </div>
      </header>

      <div class="cnl-toolbar" role="group" aria-label={tr('dash_range')}>
        <label>
          {tr('dash_range')}{' '}
          <select data-testid="cnl-range" value={preset} onChange={(e) => setPreset((e.currentTarget as HTMLSelectElement).value as Preset)}>
            <option value="30">{tr('dash_range_30')}</option>
            <option value="90">{tr('dash_range_90')}</option>
            <option value="365">{tr('dash_range_365')}</option>
            <option value="all">{tr('dash_range_all')}</option>
            <option value="custom">{tr('dash_range_custom')}</option>
          </select>
        </label>
        {preset === 'custom' && (
          <>
            <label>
              {tr('dash_from')}{' '}
              <input type="date" data-testid="cnl-from" value={custom.from ?? ''} max={custom.to || undefined}
                onChange={(e) => setCustom((c) => ({ ...c, from: (e.currentTarget as HTMLInputElement).value || undefined }))} />
            </label>
            <label>
              {tr('dash_to')}{' '}
              <input type="date" data-testid="cnl-to" value={custom.to ?? ''} min={custom.from || undefined}
                onChange={(e) => setCustom((c) => ({ ...c, to: (e.currentTarget as HTMLInputElement).value || undefined }))} />
            </label>
          </>
        )}
        <span class="cnl-spacer" />
        <button type="button" data-testid="cnl-export-csv" disabled={busy || !snap?.hasData} onClick={() => void download('csv')}>{tr('dash_export_csv')}</button>
        <button type="button" data-testid="cnl-export-json" disabled={busy || !snap?.hasData} onClick={() => void download('json')}>{tr('dash_export_json')}</button>
      </div>

      {error && <p class="cnl-error" role="alert">{tr('dash_error', error)}</p>}
      {notice && <p class="cnl-notice" role="status">{notice}</p>}
      {!snap && !error && <p class="cnl-muted">{tr('dash_loading')}</p>}
      {snap && <QuarantineNotice snap={snap} />}

      {snap && !snap.hasData && (
        <div class="cnl-empty" data-testid="cnl-empty">
          <h3>{tr('dash_empty_title')}</h3>
          <p>{tr('dash_empty_body')}</p>
        </div>
      )}

      {snap && snap.hasData && s && s.cells === 0 && (
        <div class="cnl-empty" data-testid="cnl-empty-range"><p>{tr('dash_empty_range')}</p></div>
      )}

      {snap && s && s.cells > 0 && (
        <>
          <div class="cnl-kpis">
            <Kpi testid="cnl-kpi-shown" label={tr('dash_kpi_shown')} value={nf.format(s.totals.shown)} />
            <Kpi testid="cnl-kpi-applied" label={tr('dash_kpi_applied')} value={nf.format(s.totals.applied)} />
            <Kpi testid="cnl-kpi-ignored" label={tr('dash_kpi_ignored')} value={nf.format(s.totals.ignored)} />
            {unobserved
              ? <Kpi testid="cnl-kpi-left" label={tr('dash_kpi_left')} value={tr('dash_not_measured')} help={tr('dash_not_measured_help')} muted />
              : <Kpi testid="cnl-kpi-left" label={tr('dash_kpi_left')} value={nf.format(leftAtSave(s.totals))} />}
            {s.totals.blocked > 0 && <Kpi testid="cnl-kpi-blocked" label={tr('dash_kpi_blocked')} value={nf.format(s.totals.blocked)} />}
            {unobserved
              ? <Kpi testid="cnl-kpi-fixed" label={tr('dash_kpi_fixed')} value={tr('dash_not_measured')} help={tr('dash_not_measured_help')} muted />
              : <Kpi testid="cnl-kpi-fixed" label={tr('dash_kpi_fixed')} help={tr('dash_kpi_fixed_help')} value={s.fixed.share === null ? '—' : pf.format(s.fixed.share)} />}
          </div>

          <div class="cnl-grid2">
            <section class="cnl-card cnl-wide" aria-labelledby="cnl-h-cat">
              <h3 id="cnl-h-cat">{tr('dash_by_category')}</h3>
              <CountsTable testid="cnl-categories" columns={[{ label: tr('dash_col_category') }, ...countCols(true)]}>
                  {s.byCategory.map((c) => (
                    <tr key={c.category} data-testid={`cnl-cat-${c.category}`} data-shown={c.counts.shown} data-applied={c.counts.applied} data-ignored={c.counts.ignored}>
                      <td>
                        <span class="cnl-cat">{catLabel(c.category)}</span>
                        <span class="cnl-bar" aria-hidden="true"><span style={{ width: `${(100 * c.counts.shown) / maxCat}%` }} /></span>
                      </td>
                      <td class="num">{nf.format(c.counts.shown)}</td>
                      <td class="num">{nf.format(c.counts.applied)}</td>
                      <td class="num">{nf.format(c.counts.ignored)}</td>
                      {!unobserved && <td class="num">{nf.format(leftAtSave(c.counts))}</td>}
                      {hasBlocked && <td class="num" data-blocked={c.counts.blocked}>{nf.format(c.counts.blocked)}</td>}
                    </tr>
                  ))}
              </CountsTable>
            </section>

            <section class="cnl-card cnl-wide" aria-labelledby="cnl-h-week">
              <h3 id="cnl-h-week">{tr('dash_weekly')}</h3>
              {s.weekly.length > 0 ? (
                <WeeklyChart
                  weeks={s.weekly}
                  ariaLabel={tr('dash_weekly_aria')}
                  weekLabel={(w) => df.format(new Date(`${w}T00:00:00Z`))}
                  formatTick={(n) => nf.format(n)}
                  barTitle={(w, shown, applied) => tr('dash_week_title', df.format(new Date(`${w}T00:00:00Z`)), nf.format(shown), nf.format(applied))}
                />
              ) : <p class="cnl-muted">{tr('dash_monthly_note')}</p>}
              <p class="cnl-legend"><span class="sw shown" /> {tr('dash_col_shown')} <span class="sw applied" /> {tr('dash_col_applied')}</p>
              {s.weekly.length > 0 && snap.storedSince?.length === 7 && <p class="cnl-muted">{tr('dash_monthly_note')}</p>}
            </section>

            <section class="cnl-card" aria-labelledby="cnl-h-rules">
              <h3 id="cnl-h-rules">{tr('dash_top_rules')}</h3>
              <CountsTable testid="cnl-top-rules" columns={[{ label: tr('dash_col_rule') }, ...countCols(false)]}>
                  {s.topRules.map((r) => {
                    const l = ruleLabel?.(r.rule, r.category);
                    return (
                      <tr key={r.rule + r.category} data-rule={r.rule} data-shown={r.counts.shown}>
                        <RuleCell id={r.rule} label={l?.label} title={l?.title} category={catLabel(r.category)} />
                        <td class="num">{nf.format(r.counts.shown)}</td>
                        <td class="num">{nf.format(r.counts.applied)}</td>
                        <td class="num">{nf.format(r.counts.ignored)}</td>
                        {hasBlocked && <td class="num" data-blocked={r.counts.blocked}>{nf.format(r.counts.blocked)}</td>}
                      </tr>
                    );
                  })}
              </CountsTable>
            </section>

            <section class="cnl-card" aria-labelledby="cnl-h-sites">
              <h3 id="cnl-h-sites">{tr('dash_top_sites')}</h3>
              <CountsTable testid="cnl-top-sites" columns={[{ label: tr('dash_col_site') }, { label: tr('dash_col_shown'), num: true }, { label: tr('dash_col_applied'), num: true }, ...(unobserved ? [] : [{ label: tr('dash_col_left'), num: true }])]}>
                  {s.topSites.map((x) => (
                    <tr key={x.host} data-host={x.host} data-shown={x.counts.shown}>
                      <td>{x.host}</td>
                      <td class="num">{nf.format(x.counts.shown)}</td>
                      <td class="num">{nf.format(x.counts.applied)}</td>
                      {!unobserved && <td class="num">{nf.format(leftAtSave(x.counts))}</td>}
                    </tr>
                  ))}
              </CountsTable>
            </section>
          </div>
        </>
      )}

      {s && s.fieldsSeen?.length > 0 && <FieldsSeen rows={s.fieldsSeen} total={s.totals['field-seen'] ?? 0} loc={loc} nf={nf} />}

      {snap && (
        <section class="cnl-card cnl-report" data-testid="cnl-reporting" aria-labelledby="cnl-h-rep">
          <h3 id="cnl-h-rep">{tr('dash_reporting')}</h3>
          {!snap.reporting.enabled ? <p class="cnl-muted">{tr('dash_reporting_off')}</p> : (
            <>
              <p>{tr('dash_reporting_on', snap.reporting.endpointOrigin ?? '', String(snap.reporting.intervalMinutes ?? ''))}{' '}
                {snap.reporting.teamLabel ? tr('dash_reporting_team', snap.reporting.teamLabel) : tr('dash_reporting_anonymous')}</p>
              <p>{tr('dash_reporting_pending', nf.format(snap.reporting.pendingBuckets), nf.format(snap.reporting.heldBackBuckets), nf.format(snap.reporting.minCount ?? 1))}</p>
              <p>{snap.reporting.lastSuccessAt ? tr('dash_reporting_last', dtf.format(new Date(snap.reporting.lastSuccessAt))) : tr('dash_reporting_never')}</p>
              {snap.reporting.outbox?.lastError && <p class="cnl-error">{tr('dash_reporting_error', snap.reporting.outbox.lastError)}</p>}
              <div class="cnl-row">
                <button type="button" data-testid="cnl-report-now" disabled={busy} onClick={() => void reportNow()}>{tr('dash_reporting_send')}</button>
                {granted === false && origin && <button type="button" onClick={() => void grant()}>{tr('dash_reporting_grant', origin)}</button>}
              </div>
            </>
          )}
        </section>
      )}

      {snap?.hasData && (
        <section class="cnl-danger">
          {!confirming ? (
            <button type="button" class="cnl-btn-danger" data-testid="cnl-clear" disabled={busy} onClick={() => { setConfirming(true); setNotice(null); }}>{tr('dash_clear')}</button>
          ) : (
            <div role="alertdialog" aria-labelledby="cnl-clear-q" class="cnl-confirm">
              <p id="cnl-clear-q">{tr('dash_clear_confirm')}</p>
              <button type="button" class="cnl-btn-danger" data-testid="cnl-clear-confirm" disabled={busy} onClick={() => void clear()}>{tr('dash_clear_yes')}</button>{' '}
              <button type="button" data-testid="cnl-clear-cancel" autoFocus onClick={() => setConfirming(false)}>{tr('dash_clear_no')}</button>
            </div>
          )}
        </section>
      )}
    </section>
  );
}
