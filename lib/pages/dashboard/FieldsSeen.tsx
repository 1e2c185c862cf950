/**
 * Dashboard section: which CRM screens collect sensitive data —
 * `field-seen` counts per field rule × site (each field once per page load).
 */
import { CATEGORIES, type Locale } from '../../categories.ts';
import type { StatsSummary } from '../../background/stats/aggregate.ts';
import { tr } from './i18n.ts';

export function FieldsSeen({ rows, total, loc, nf }: { rows: StatsSummary['fieldsSeen']; total: number; loc: Locale; nf: Intl.NumberFormat }) {
  if (!rows.length) return null;
  return (
    <section class="cnl-card" aria-labelledby="cnl-h-fields" data-testid="cnl-fields" data-total={total}>
      <h3 id="cnl-h-fields">{tr('dash_fields_title')} <span class="cnl-muted">({nf.format(total)})</span></h3>
      <p class="cnl-muted">{tr('dash_fields_intro')}</p>
      <table data-testid="cnl-fields-table">
        <thead><tr><th>{tr('dash_fields_col_field')}</th><th>{tr('dash_fields_col_site')}</th><th class="num">{tr('dash_fields_col_seen')}</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.rule}|${r.category}|${r.host}`} data-rule={r.rule} data-host={r.host} data-category={r.category} data-count={r.count}>
              <td><code>{r.rule}</code> <span class="cnl-muted">{CATEGORIES[r.category]?.label[loc] ?? r.category}</span></td>
              <td>{r.host}</td>
              <td class="num">{nf.format(r.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
