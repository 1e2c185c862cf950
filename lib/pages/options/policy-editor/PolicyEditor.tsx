/**
 * The policy editor (options tab): every key of lib/schema/policy.ts as a form
 * field, validated on each change with the same schema, applied to this browser
 * as a local policy file, exported as the files an administrator deploys, with a
 * diff against the policy in force. Keys the organisation sets are locked.
 */
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { CATEGORIES, CATEGORY_IDS, LOCALES, SEVERITIES } from '../../../categories.ts';
import type { PolicyState } from '../../../background/policy/state.ts';
import { MODES, type PolicyKey } from '../../../schema/policy.ts';
import { send } from '../../../send.ts';
import { t, tn, uiLocale } from '../i18n.ts';
import { importFile } from '../import-file.ts';
import type { OptionKey } from '../strings.ts';
import { EXPORT_FORMATS, exportFile, type ExportFormat, type ExportIds } from './export-formats.ts';
import { issueText } from './issue-text.ts';
import { diffPolicies, issuesAt, linesOf, numberOf, validateDraft, type Draft, type DraftIssue } from './policy-draft.ts';

/** The ids of an unpacked/test build (docs/admin.md): the defaults when the page runs elsewhere. */
const PINNED_CHROME_ID = 'pbgighifpnfcgfdchcojkhpnhpgfmloj';
const FIREFOX_ID = 'crm-note-lint@crm-note-lint.invalid';

type Row = Record<string, string>;

function defaultIds(): ExportIds {
  const own = browser.runtime?.id ?? '';
  const chrome = /^[a-p]{32}$/.test(own) ? own : PINNED_CHROME_ID;
  return { chrome, edge: chrome, firefox: own.includes('@') ? own : FIREFOX_ID };
}

export function PolicyEditor({ state, reload }: { state: PolicyState; reload: () => void }) {
  const [draft, setDraft] = useState<Draft>(() => structuredClone(state.exported) as Draft);
  const [ids, setIds] = useState<ExportIds>(defaultIds);
  const [format, setFormat] = useState<ExportFormat>('chrome-linux');
  const [applied, setApplied] = useState<{ ok: boolean; text: string } | null>(null);
  const result = useMemo(() => validateDraft(draft), [draft]);
  const issues = result.issues;
  const diff = useMemo(() => (result.ok ? diffPolicies(state.exported, result.policy) : []), [result, state.exported]);
  const preview = useMemo(() => (result.ok ? exportFile(format, result.policy, ids) : null), [result, format, ids]);
  const locked = (k: PolicyKey) => state.orgKeys.includes(k);
  const set = (k: PolicyKey, v: unknown) => {
    setApplied(null);
    setDraft((d) => ({ ...d, [k]: v }));
  };
  const sub = (k: PolicyKey) => (draft[k] ?? {}) as Record<string, unknown>;
  const setSub = (k: PolicyKey, field: string, v: unknown) => set(k, { ...sub(k), [field]: v });
  const L = uiLocale();

  const apply = async () => {
    if (!result.ok) return;
    const r = await send({ type: 'policy-import-policy', policy: result.policy, fileName: t('editor_source') });
    setApplied(r.ok ? { ok: true, text: t('editor_applied') } : { ok: false, text: [r.error, ...(r.details ?? [])].join(' — ') });
    reload();
  };

  const download = () => {
    if (!preview) return;
    const blob = new Blob([preview.bytes ?? preview.text], { type: preview.mime });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = preview.filename;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };

  const addPack = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const r = await importFile(file.name, await file.text());
    if (r.kind === 'pack') set('packs', [...((draft.packs as unknown[]) ?? []), r.pack]);
    else setApplied({ ok: false, text: t('issue_pack') });
  };

  const yesNo = (k: PolicyKey, label: OptionKey, byDefault: boolean) => (
    <Field id={`pe-${k}`} label={t(label)} issues={issuesAt(issues, k)} locked={locked(k)}>
      <select id={`pe-${k}`} data-key={k} disabled={locked(k)} value={draft[k] === undefined ? '' : String(draft[k])}
        onChange={(e) => { const v = (e.currentTarget as HTMLSelectElement).value; set(k, v === '' ? undefined : v === 'true'); }}>
        <option value="">{t('editor_default', t(byDefault ? 'yes' : 'no'))}</option>
        <option value="true">{t('yes')}</option>
        <option value="false">{t('no')}</option>
      </select>
    </Field>
  );

  const lines = (k: PolicyKey, label: OptionKey, value: unknown, onSet: (v: string[] | undefined) => void, path: string = k) => (
    <Field id={`pe-${path}`} label={t(label)} hint={t('editor_lines_help')} issues={issuesAt(issues, path)} locked={locked(k)}>
      <LinesInput id={`pe-${path}`} value={(value as string[] | undefined) ?? []} disabled={locked(k)} onSet={onSet} />
    </Field>
  );

  const text = (k: PolicyKey, field: string | null, label: OptionKey, type = 'text') => {
    const path = field ? `${k}.${field}` : k;
    const value = field ? sub(k)[field] : draft[k];
    const onInput = (v: string) => {
      const parsed = type === 'number' ? numberOf(v) : v;
      if (field) setSub(k, field, parsed);
      else set(k, parsed);
    };
    return (
      <Field id={`pe-${path}`} label={t(label)} issues={issuesAt(issues, path)} locked={locked(k)}>
        <input id={`pe-${path}`} data-key={path} type={type === 'number' ? 'text' : type} inputMode={type === 'number' ? 'numeric' : undefined}
          value={value === undefined ? '' : String(value)} disabled={locked(k)} spellcheck={false}
          onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)} />
      </Field>
    );
  };

  const locales = (draft.locales as string[] | undefined) ?? [];
  const overrides = Object.entries((draft.severityOverrides ?? {}) as Record<string, string>).map(([key, severity]) => ({ key, severity }));
  const terms = ((draft.extraTerms ?? []) as Row[]);
  const selectors = Object.entries(((sub('sites').selectors ?? {}) as Record<string, string[]>)).map(([pattern, list]) => ({ pattern, list: list.join('\n') }));
  const packs = ((draft.packs ?? []) as unknown[]);

  return (
    <div class="editor" id="policy-editor">
      <p class="help">{t('editor_intro')}</p>

      <fieldset>
        <legend>{t('editor_general')}</legend>
        <Field id="pe-mode" label={t('mode')} issues={issuesAt(issues, 'mode')} locked={locked('mode')}>
          <select id="pe-mode" data-key="mode" disabled={locked('mode')} value={(draft.mode as string) ?? ''}
            onChange={(e) => set('mode', (e.currentTarget as HTMLSelectElement).value || undefined)}>
            <option value="">{t('editor_default', t('mode_suggest'))}</option>
            {MODES.map((m) => <option value={m}>{t(`mode_${m}` as OptionKey)}</option>)}
          </select>
        </Field>
        <Field id="pe-locales" label={t('locales')} issues={issuesAt(issues, 'locales')} locked={locked('locales')} group>
          {LOCALES.map((l) => (
            <label class="check">
              <input type="checkbox" data-key={`locales.${l}`} disabled={locked('locales')} checked={locales.includes(l)}
                onChange={(e) => set('locales', (e.currentTarget as HTMLInputElement).checked ? [...locales, l] : locales.filter((x) => x !== l))} />
              {t(`locale_${l}` as OptionKey)}
            </label>
          ))}
        </Field>
        {yesNo('allowUserOverrides', 'allow_overrides', true)}
        {yesNo('allowJustification', 'allow_justification', false)}
        {yesNo('markSensitiveFields', 'mark_fields', false)}
      </fieldset>

      <fieldset>
        <legend>{t('editor_rules')}</legend>
        {lines('disabledRules', 'disabled_rules', draft.disabledRules, (v) => set('disabledRules', v))}
        <Rows id="pe-severityOverrides" label={t('severity_overrides')} locked={locked('severityOverrides')} issues={issuesAt(issues, 'severityOverrides')}
          rows={overrides} blank={{ key: '', severity: 'warning' }}
          onSet={(rows) => set('severityOverrides', Object.fromEntries(rows.map((r) => [r.key, r.severity])))}
          cols={[
            { name: 'key', label: t('editor_rule_key') },
            { name: 'severity', label: t('editor_severity'), options: SEVERITIES.map((s) => [s, t(`sev_${s}` as OptionKey)]) },
          ]} />
        <Rows id="pe-extraTerms" label={t('extra_terms')} locked={locked('extraTerms')} issues={issuesAt(issues, 'extraTerms')}
          rows={terms} blank={{ term: '', category: 'health', locale: L, severity: '', suggestion: '', message: '' }}
          onSet={(rows) => set('extraTerms', rows.map((r) => ({ ...r })))}
          cols={[
            { name: 'term', label: t('editor_term') },
            { name: 'category', label: t('editor_category'), options: CATEGORY_IDS.map((c) => [c, CATEGORIES[c].label[L]]) },
            { name: 'locale', label: t('editor_locale'), options: LOCALES.map((l) => [l, t(`locale_${l}` as OptionKey)]) },
            { name: 'severity', label: t('editor_severity'), options: [['', t('editor_default', '—')], ...SEVERITIES.map((s) => [s, t(`sev_${s}` as OptionKey)] as [string, string])] },
            { name: 'suggestion', label: t('editor_suggestion') },
            { name: 'message', label: t('editor_message') },
          ]} />
      </fieldset>

      <fieldset>
        <legend>{t('editor_sites')}</legend>
        {lines('sites', 'sites_allow', sub('sites').allow, (v) => setSub('sites', 'allow', v), 'sites.allow')}
        {lines('sites', 'sites_deny', sub('sites').deny, (v) => setSub('sites', 'deny', v), 'sites.deny')}
        <Rows id="pe-sites.selectors" label={t('sites_selectors')} locked={locked('sites')} issues={issuesAt(issues, 'sites.selectors')}
          rows={selectors} blank={{ pattern: '', list: '' }}
          onSet={(rows) => setSub('sites', 'selectors', Object.fromEntries(rows.map((r) => [r.pattern, linesOf(r.list ?? '')])))}
          cols={[{ name: 'pattern', label: t('editor_pattern') }, { name: 'list', label: t('editor_selectors'), multiline: true }]} />
      </fieldset>

      <fieldset>
        <legend>{t('editor_packs')}</legend>
        {text('packUrl', null, 'editor_pack_url', 'url')}
        <Field id="pe-packPublicKey" label={t('editor_pack_key')} issues={issuesAt(issues, 'packPublicKey')} locked={locked('packPublicKey')}>
          <textarea id="pe-packPublicKey" data-key="packPublicKey" rows={2} spellcheck={false} disabled={locked('packPublicKey')}
            value={(draft.packPublicKey as string) ?? ''} onInput={(e) => set('packPublicKey', (e.currentTarget as HTMLTextAreaElement).value)} />
        </Field>
        <Field id="pe-packs" label={t('editor_inline_packs')} issues={issuesAt(issues, 'packs')} locked={locked('packs')} group>
          <ul class="inline-packs">
            {packs.map((p, i) => {
              const pack = (typeof p === 'string' ? safeJson(p) : p) as { id?: string; version?: string; rules?: unknown[] } | null;
              const name = `${pack?.id ?? '?'} ${pack?.version ?? ''}`.trim();
              return (
                <li>
                  {t('editor_pack_rules', name, String(pack?.rules?.length ?? 0))}{' '}
                  {!locked('packs') && <button type="button" class="link" aria-label={t('editor_remove_row', name)}
                    onClick={() => set('packs', packs.filter((_, j) => j !== i))}>{t('remove')}</button>}
                </li>
              );
            })}
          </ul>
          {!locked('packs') && <FileButton id="pe-packs-add" label={t('editor_inline_add')} accept=".json,.yaml,.yml" onChange={addPack} />}
        </Field>
      </fieldset>

      <fieldset>
        <legend>{t('editor_reporting')}</legend>
        {text('reporting', 'endpoint', 'editor_endpoint', 'url')}
        {text('reporting', 'intervalMinutes', 'editor_interval', 'number')}
        {text('reporting', 'minCount', 'editor_min_count', 'number')}
        {text('reporting', 'teamLabel', 'editor_team')}
        {text('reporting', 'token', 'editor_token')}
      </fieldset>

      <div class={`editor-status ${result.ok ? 'ok' : 'error'}`} id="editor-status" role="status" aria-live="polite">
        {result.ok ? t('editor_valid') : (
          <>
            <p>{tn('editor_invalid', issues.length)}</p>
            <ul>{issues.map((i) => <li data-path={i.path}><code>{i.path || '—'}</code> {issueText(i)}</li>)}</ul>
          </>
        )}
      </div>

      <h2>{t('editor_diff')}</h2>
      {diff.length ? (
        <table class="diff" id="editor-diff">
          <tbody>
            {diff.map((d) => (
              <tr data-key={d.key} data-kind={d.kind}>
                <th scope="row">{d.key}</th>
                <td><span class={`kind ${d.kind}`}>{t(`editor_diff_${d.kind}`)}</span></td>
                <td><del>{d.before === undefined ? '' : short(d.before)}</del></td>
                <td><ins>{d.after === undefined ? '' : short(d.after)}</ins></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p id="editor-diff-none" class="muted">{t('editor_diff_none')}</p>}

      <div class="row">
        <button type="button" class="primary" id="editor-apply" disabled={!result.ok || !diff.length} onClick={() => void apply()}>{t('editor_apply')}</button>
        <button type="button" id="editor-reset" onClick={() => { setDraft(structuredClone(state.exported) as Draft); setApplied(null); }}>{t('editor_reset')}</button>
        {applied && <span id="editor-applied" class={applied.ok ? 'ok' : 'error'} role="status">{applied.text}</span>}
      </div>

      <h2>{t('editor_export')}</h2>
      <p class="help">{t('editor_export_help')}</p>
      <div class="ids">
        {(['chrome', 'edge', 'firefox'] as const).map((b) => (
          <label>
            {t(`editor_id_${b}`)}
            <input data-id={b} value={ids[b]} spellcheck={false} onInput={(e) => setIds((x) => ({ ...x, [b]: (e.currentTarget as HTMLInputElement).value.trim() }))} />
          </label>
        ))}
      </div>
      <div class="formats" role="radiogroup" aria-label={t('editor_export')}>
        {EXPORT_FORMATS.map((f) => (
          <label class={`format${format === f ? ' on' : ''}`}>
            <input type="radio" name="export-format" value={f} checked={format === f} onChange={() => setFormat(f)} />
            {t(`format_${f}` as OptionKey)}
          </label>
        ))}
      </div>
      <label class="preview-label" for="editor-preview">{t('editor_preview', preview?.filename ?? '—')}</label>
      <textarea id="editor-preview" class="preview" readOnly rows={14} spellcheck={false} data-format={format} value={preview?.text ?? ''} />
      <p><button type="button" class="primary" id="editor-download" disabled={!preview} onClick={download}>{t('editor_download', preview?.filename ?? '')}</button></p>
    </div>
  );
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}

/** A value in one line for the diff (packs are long: their id and version). */
function short(v: unknown): string {
  const s = Array.isArray(v) && v.some((x) => x && typeof x === 'object' && 'rules' in (x as object))
    ? (v as { id: string; version: string }[]).map((p) => `${p.id} ${p.version}`).join(', ')
    : JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
}

function Field({ id, label, hint, issues, locked, group, children }: {
  id: string; label: string; hint?: string; issues: DraftIssue[]; locked: boolean; group?: boolean; children: ComponentChildren;
}) {
  return (
    <div class={`field${issues.length ? ' invalid' : ''}${locked ? ' locked' : ''}`} data-field={id.slice(3)}>
      {group ? <span class="flabel" id={`${id}-label`}>{label}</span> : <label class="flabel" for={id}>{label}</label>}
      <div class="fcontrol" role={group ? 'group' : undefined} aria-labelledby={group ? `${id}-label` : undefined}>
        {children}
        {hint && <span class="fhint">{hint}</span>}
        {locked && <span class="org" title={t('by_org')}>🔒 {t('editor_locked')}</span>}
        {issues.map((i) => <span class="ferror" data-path={i.path}>{issueText(i)}</span>)}
      </div>
    </div>
  );
}

function LinesInput({ id, value, disabled, onSet }: { id: string; value: string[]; disabled: boolean; onSet: (v: string[] | undefined) => void }) {
  // Keep the text as typed (blank lines while editing); the policy gets the non-empty lines.
  const [text, setText] = useState(value.join('\n'));
  return (
    <textarea id={id} data-key={id.slice(3)} rows={3} spellcheck={false} disabled={disabled} value={text}
      onInput={(e) => {
        const v = (e.currentTarget as HTMLTextAreaElement).value;
        setText(v);
        const list = linesOf(v);
        onSet(list.length ? list : undefined);
      }} />
  );
}

interface Col { name: string; label: string; options?: [string, string][]; multiline?: boolean }

function Rows({ id, label, cols, rows, blank, onSet, locked, issues }: {
  id: string; label: string; cols: Col[]; rows: Row[]; blank: Row; onSet: (rows: Row[]) => void; locked: boolean; issues: DraftIssue[];
}) {
  const edit = (i: number, name: string, v: string) => onSet(rows.map((r, j) => (j === i ? { ...r, [name]: v } : r)));
  return (
    <div class={`field rows${issues.length ? ' invalid' : ''}${locked ? ' locked' : ''}`} data-field={id.slice(3)}>
      <span class="flabel" id={`${id}-label`}>{label}</span>
      <div class="fcontrol">
        {rows.length > 0 && (
          <table class="rows-table" aria-labelledby={`${id}-label`}>
            <thead><tr>{cols.map((c) => <th scope="col">{c.label}</th>)}<th scope="col"><span class="sr">{t('remove')}</span></th></tr></thead>
            <tbody>
              {rows.map((r, i) => (
                <tr data-row={i}>
                  {cols.map((c) => (
                    <td>
                      {c.options ? (
                        <select aria-label={`${c.label} ${i + 1}`} data-col={c.name} disabled={locked} value={r[c.name] ?? ''} onChange={(e) => edit(i, c.name, (e.currentTarget as HTMLSelectElement).value)}>
                          {c.options.map(([v, l]) => <option value={v}>{l}</option>)}
                        </select>
                      ) : c.multiline ? (
                        <textarea aria-label={`${c.label} ${i + 1}`} data-col={c.name} rows={2} spellcheck={false} disabled={locked} value={r[c.name] ?? ''} onInput={(e) => edit(i, c.name, (e.currentTarget as HTMLTextAreaElement).value)} />
                      ) : (
                        <input aria-label={`${c.label} ${i + 1}`} data-col={c.name} spellcheck={false} disabled={locked} value={r[c.name] ?? ''} onInput={(e) => edit(i, c.name, (e.currentTarget as HTMLInputElement).value)} />
                      )}
                    </td>
                  ))}
                  <td>{!locked && <button type="button" class="link" aria-label={t('editor_remove_row', String(i + 1))} onClick={() => onSet(rows.filter((_, j) => j !== i))}>✕</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {!locked && <button type="button" class="add" data-add={id.slice(3)} onClick={() => onSet([...rows, { ...blank }])}>+ {t('editor_add_row')}</button>}
        {locked && <span class="org" title={t('by_org')}>🔒 {t('editor_locked')}</span>}
        {issues.map((i) => <span class="ferror" data-path={i.path}>{issueText(i)}</span>)}
      </div>
    </div>
  );
}

/** A styled file picker: the real input is visually hidden but stays focusable and labelled. */
export function FileButton({ id, label, accept, disabled, onChange }: { id: string; label: string; accept: string; disabled?: boolean; onChange: (e: Event) => void }) {
  return (
    <span class="file-button">
      <input type="file" id={id} class="visually-hidden" accept={accept} disabled={disabled} onChange={onChange} />
      <label for={id} class={`button${disabled ? ' disabled' : ''}`}>{label}</label>
    </span>
  );
}
