/**
 * The self-contained HTML report of `audit --html`: one file, inline CSS and
 * SVG, no script, no external resource, so it can be mailed to a DPO or opened
 * offline. It carries counts, rule ids and messages only; note text (the
 * flagged wording and a few words around it) appears only with --include-text.
 * Every dynamic string goes through `esc`.
 */
import { CATEGORIES, SEVERITIES, type Locale, type Severity } from '../categories.ts';
import type { Dialect } from '../csv/dialect.ts';
import type { InputProblem } from '../csv/reader.ts';
import { describeDialect, type AuditStats } from './stats.ts';
import { reportWords, type ReportWords } from './report-words.ts';

export function esc(s: unknown): string {
  return String(s).replace(/[&<>"'`]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c]!);
}

/** White text on each passes 4.5:1 (the warning orange was 3:1). */
const SEV_COLOR: Record<Severity, string> = { error: '#c62828', warning: '#b54708', suggestion: '#1565c0' };

export interface HtmlReportInput {
  stats: AuditStats;
  name: string;
  dialect: Dialect;
  generatedAt: Date;
  problems: readonly InputProblem[];
  includeText: boolean;
  topN?: number;
  /** Language of the report (default English). */
  lang?: Locale;
  /** A rule's message in the report's language (default: the one the finding carried). */
  messageOf?: (rule: string, fallback: string) => string;
  /** A rule's legal basis in the report's language (default: the one the finding carried). */
  sourceOf?: (rule: string, fallback: string) => string;
}

/** Horizontal bar chart by category, as inline SVG. */
export function categoryChart(stats: AuditStats, W: ReportWords = reportWords('en')): string {
  const cats = stats.categories();
  if (!cats.length) return `<p class="muted">${esc(W.text('none'))}</p>`;
  const rowH = 28;
  const labelW = 210;
  const barW = 460;
  const max = cats[0]!.count;
  const h = cats.length * rowH + 10;
  const bars = cats.map(({ category, count }, i) => {
    const info = CATEGORIES[category];
    const w = Math.max(2, Math.round((barW * count) / max));
    const y = 5 + i * rowH;
    const color = SEV_COLOR[info.defaultSeverity];
    return `<g><title>${esc(info.label[W.lang])}: ${esc(W.int(count))}</title>`
      + `<text x="${labelW - 8}" y="${y + 18}" text-anchor="end" class="lbl">${esc(info.label[W.lang])}</text>`
      + `<rect x="${labelW}" y="${y + 4}" width="${w}" height="${rowH - 8}" rx="3" fill="${color}"/>`
      + `<text x="${labelW + w + 6}" y="${y + 18}" class="val">${esc(W.int(count))}</text></g>`;
  }).join('');
  return `<svg role="img" aria-label="${esc(W.text('chartLabel'))}" width="${labelW + barW + 80}" height="${h}" viewBox="0 0 ${labelW + barW + 80} ${h}">${bars}</svg>`;
}

export function renderHtmlReport(input: HtmlReportInput): string {
  const { stats, name, dialect, problems, includeText } = input;
  const W = reportWords(input.lang ?? 'en');
  const T = (key: Parameters<ReportWords['text']>[0], ...subs: string[]) => esc(W.text(key, ...subs));
  const n = (v: number) => esc(W.int(v));
  const messageOf = input.messageOf ?? ((_rule: string, m: string) => m);
  const sourceOf = input.sourceOf ?? ((_rule: string, s: string) => s);
  const topN = input.topN ?? 15;
  const kpi = (label: string, value: string, note = '') => `<div class="kpi"><div class="v">${esc(value)}</div><div class="l">${esc(label)}</div>${note ? `<div class="n">${esc(note)}</div>` : ''}</div>`;
  const pct = stats.notes ? W.text('ofNotes', W.percent(stats.notesWithFindings, stats.notes)) : '';
  const sevs = SEVERITIES.slice().reverse().map((s) => `<span class="sev" style="background:${SEV_COLOR[s]}">${esc(W.severity(s))} ${n(stats.bySeverity[s])}</span>`).join(' ');
  const rules = stats.topRules(topN).map((r) => `<tr><td class="num">${n(r.count)}</td><td><code>${esc(r.rule)}</code></td><td>${esc(CATEGORIES[r.category].label[W.lang])}</td>`
    + `<td><span class="sev" style="background:${SEV_COLOR[r.severity]}">${esc(W.severity(r.severity))}</span></td><td>${esc(messageOf(r.rule, r.message))}<div class="muted">${esc(sourceOf(r.rule, r.source))}</div></td></tr>`).join('');
  const columns = [...stats.byColumn].map(([c, s]) => `<tr><td>${esc(c)}</td><td class="num">${n(s.notes)}</td><td class="num">${n(s.notesWithFindings)}</td><td class="num">${n(s.findings)}</td></tr>`).join('');
  const probs = problems.length
    ? `<h2>${T('problems')} (${n(stats.problems)})</h2><table><thead><tr><th>${T('line')}</th><th>${T('problem')}</th></tr></thead><tbody>${problems.map((p) => `<tr><td class="num">${esc(p.line || '')}</td><td>${esc(p.message)}</td></tr>`).join('')}</tbody></table>${stats.problems > problems.length ? `<p class="muted">${T('moreProblems', W.int(stats.problems - problems.length))}</p>` : ''}`
    : '';
  const samples = includeText && stats.samples.length
    ? `<h2>${T('flagged')}</h2><p class="warn">${T('personal')}</p><table><thead><tr><th>${T('id')}</th><th>${T('line')}</th><th>${T('columnH')}</th><th>${T('context')}</th><th>${T('suggestion')}</th><th>${T('rule')}</th></tr></thead><tbody>${stats.samples.map((s) => `<tr><td>${esc(s.id)}</td><td class="num">${esc(s.line)}</td><td>${esc(s.column)}</td><td>${esc(s.before)}<mark>${esc(s.wording)}</mark>${esc(s.after)}</td><td>${s.suggestion === '' ? `<em>${T('remove')}</em>` : esc(s.suggestion)}</td><td><code>${esc(s.rule)}</code></td></tr>`).join('')}</tbody></table>${stats.samplesDropped ? `<p class="muted">${T('moreSamples', W.int(stats.samplesDropped))}</p>` : ''}`
    : '';
  return `<!doctype html>
<html lang="${W.lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${T('title')} — ${esc(name)}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2433;margin:0;background:#f5f6f8}
main{max-width:1000px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 10px}
.muted{color:#667085;font-size:12px}.warn{color:#b42318;font-weight:600}
.kpis{display:flex;gap:12px;flex-wrap:wrap;margin:18px 0}
.kpi{background:#fff;border:1px solid #e4e7ec;border-radius:8px;padding:12px 16px;min-width:150px}
.kpi .v{font-size:24px;font-weight:700}.kpi .l{color:#475467}.kpi .n{color:#667085;font-size:12px}
section.card{background:#fff;border:1px solid #e4e7ec;border-radius:8px;padding:16px;margin-top:12px;overflow-x:auto}
table{border-collapse:collapse;width:100%;background:#fff}th,td{border-bottom:1px solid #eaecf0;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f9fafb;font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.sev{color:#fff;border-radius:10px;padding:1px 8px;font-size:12px;white-space:nowrap}
svg .lbl{font-size:13px;fill:#344054}svg .val{font-size:12px;fill:#101828;font-weight:600}
mark{background:#fde68a}code{font-size:12px}
</style></head>
<body><main>
<h1>${T('title')}</h1>
<div class="muted">${esc(name)} · ${esc(describeDialect(dialect, W.lang))} · ${T('generated', input.generatedAt.toISOString().replace('T', ' ').slice(0, 16))}</div>
<div class="kpis">${kpi(W.text('rows'), W.int(stats.rows))}${kpi(W.text('notes'), W.int(stats.notes), W.text('columns', stats.columns.join(', ')))}${kpi(W.text('withFindings'), W.int(stats.notesWithFindings), pct)}${kpi(W.text('findings'), W.int(stats.findings))}${stats.problems ? kpi(W.text('problems'), W.int(stats.problems)) : ''}</div>
<div>${sevs}</div>
<h2>${T('byCategory')}</h2>
<section class="card">${categoryChart(stats, W)}</section>
<h2>${T('topRules')}</h2>
${rules ? `<table><thead><tr><th>${T('count')}</th><th>${T('rule')}</th><th>${T('category')}</th><th>${T('severity')}</th><th>${T('why')}</th></tr></thead><tbody>${rules}</tbody></table>` : `<p class="muted">${T('none')}</p>`}
<h2>${T('byColumn')}</h2>
<table><thead><tr><th>${T('column')}</th><th class="num">${T('notesH')}</th><th class="num">${T('withFindingsH')}</th><th class="num">${T('findingsH')}</th></tr></thead><tbody>${columns}</tbody></table>
${probs}
${samples}
<p class="muted">${includeText ? T('withText') : T('noText')} ${T('footer', '\u0000').replace('\u0000', '<code>crm-note-lint audit --redact</code>')}</p>
</main></body></html>
`;
}
