/**
 * The self-contained HTML report of `audit --html`: one file, inline CSS and
 * SVG, no script, no external resource, so it can be mailed to a DPO or opened
 * offline. It carries counts, rule ids and messages only; note text (the
 * flagged wording and a few words around it) appears only with --include-text.
 * Every dynamic string goes through `esc`.
 */
import { CATEGORIES, SEVERITIES, type Severity } from '../categories.ts';
import type { Dialect } from '../csv/dialect.ts';
import type { InputProblem } from '../csv/reader.ts';
import { formatInt } from '../csv/progress.ts';
import { describeDialect, type AuditStats } from './stats.ts';

export function esc(s: unknown): string {
  return String(s).replace(/[&<>"'`]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c]!);
}

const SEV_COLOR: Record<Severity, string> = { error: '#c62828', warning: '#ef6c00', suggestion: '#1565c0' };

export interface HtmlReportInput {
  stats: AuditStats;
  name: string;
  dialect: Dialect;
  generatedAt: Date;
  problems: readonly InputProblem[];
  includeText: boolean;
  topN?: number;
}

/** Horizontal bar chart by category, as inline SVG. */
export function categoryChart(stats: AuditStats): string {
  const cats = stats.categories();
  if (!cats.length) return '<p class="muted">No findings.</p>';
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
    return `<g><title>${esc(info.label.en)}: ${esc(count)}</title>`
      + `<text x="${labelW - 8}" y="${y + 18}" text-anchor="end" class="lbl">${esc(info.label.fr)}</text>`
      + `<rect x="${labelW}" y="${y + 4}" width="${w}" height="${rowH - 8}" rx="3" fill="${color}"/>`
      + `<text x="${labelW + w + 6}" y="${y + 18}" class="val">${esc(formatInt(count))}</text></g>`;
  }).join('');
  return `<svg role="img" aria-label="Findings by category" width="${labelW + barW + 80}" height="${h}" viewBox="0 0 ${labelW + barW + 80} ${h}">${bars}</svg>`;
}

export function renderHtmlReport(input: HtmlReportInput): string {
  const { stats, name, dialect, problems, includeText } = input;
  const topN = input.topN ?? 15;
  const kpi = (label: string, value: string, note = '') => `<div class="kpi"><div class="v">${esc(value)}</div><div class="l">${esc(label)}</div>${note ? `<div class="n">${esc(note)}</div>` : ''}</div>`;
  const pct = stats.notes ? `${((100 * stats.notesWithFindings) / stats.notes).toFixed(1)} % of notes` : '';
  const sevs = SEVERITIES.slice().reverse().map((s) => `<span class="sev" style="background:${SEV_COLOR[s]}">${esc(s)} ${esc(formatInt(stats.bySeverity[s]))}</span>`).join(' ');
  const rules = stats.topRules(topN).map((r) => `<tr><td class="num">${esc(formatInt(r.count))}</td><td><code>${esc(r.rule)}</code></td><td>${esc(CATEGORIES[r.category].label.fr)}</td>`
    + `<td><span class="sev" style="background:${SEV_COLOR[r.severity]}">${esc(r.severity)}</span></td><td>${esc(r.message)}<div class="muted">${esc(r.source)}</div></td></tr>`).join('');
  const columns = [...stats.byColumn].map(([c, s]) => `<tr><td>${esc(c)}</td><td class="num">${esc(formatInt(s.notes))}</td><td class="num">${esc(formatInt(s.notesWithFindings))}</td><td class="num">${esc(formatInt(s.findings))}</td></tr>`).join('');
  const probs = problems.length
    ? `<h2>Input problems (${esc(formatInt(stats.problems))})</h2><table><thead><tr><th>Line</th><th>Problem</th></tr></thead><tbody>${problems.map((p) => `<tr><td class="num">${esc(p.line || '')}</td><td>${esc(p.message)}</td></tr>`).join('')}</tbody></table>${stats.problems > problems.length ? `<p class="muted">… and ${esc(stats.problems - problems.length)} more (see the command's stderr).</p>` : ''}`
    : '';
  const samples = includeText && stats.samples.length
    ? `<h2>Flagged wording</h2><p class="warn">This section contains note text: handle this file as personal data.</p><table><thead><tr><th>Id</th><th>Line</th><th>Column</th><th>Context</th><th>Suggestion</th><th>Rule</th></tr></thead><tbody>${stats.samples.map((s) => `<tr><td>${esc(s.id)}</td><td class="num">${esc(s.line)}</td><td>${esc(s.column)}</td><td>${esc(s.before)}<mark>${esc(s.wording)}</mark>${esc(s.after)}</td><td>${s.suggestion === '' ? '<em>(remove)</em>' : esc(s.suggestion)}</td><td><code>${esc(s.rule)}</code></td></tr>`).join('')}</tbody></table>${stats.samplesDropped ? `<p class="muted">${esc(formatInt(stats.samplesDropped))} more findings not listed (use --out for the full list).</p>` : ''}`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>CRM notes audit — ${esc(name)}</title>
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
<h1>CRM notes audit</h1>
<div class="muted">${esc(name)} · ${esc(describeDialect(dialect))} · generated ${esc(input.generatedAt.toISOString().replace('T', ' ').slice(0, 16))} UTC by crm-note-lint</div>
<div class="kpis">${kpi('rows read', formatInt(stats.rows))}${kpi('notes scanned', formatInt(stats.notes), `columns: ${stats.columns.join(', ')}`)}${kpi('notes with findings', formatInt(stats.notesWithFindings), pct)}${kpi('findings', formatInt(stats.findings))}${stats.problems ? kpi('input problems', formatInt(stats.problems)) : ''}</div>
<div>${sevs}</div>
<h2>Findings by category</h2>
<section class="card">${categoryChart(stats)}</section>
<h2>Top rules</h2>
${rules ? `<table><thead><tr><th>Count</th><th>Rule</th><th>Category</th><th>Severity</th><th>Why</th></tr></thead><tbody>${rules}</tbody></table>` : '<p class="muted">No findings.</p>'}
<h2>By column</h2>
<table><thead><tr><th>Column</th><th class="num">Notes</th><th class="num">With findings</th><th class="num">Findings</th></tr></thead><tbody>${columns}</tbody></table>
${probs}
${samples}
<p class="muted">${includeText ? 'Generated with --include-text.' : 'This report contains no note text (counts, rule ids and messages only).'} Sensitive data with no purpose must be deleted (RGPD art. 5(1)(c), art. 9); use <code>crm-note-lint audit --redact</code> to produce a cleaned export.</p>
</main></body></html>
`;
}
