/**
 * Pieces shared by the extension dashboard and the org dashboard
 * (lib/collector/dashboard/App.tsx): a figure tile, a counts table's frame, a
 * rule's label cell. Each dashboard fills the cells (the org one masks small counts).
 */
import type { ComponentChildren } from 'preact';

export function Kpi({ testid, label, value, help, muted }: { testid: string; label: string; value: string; help?: string; muted?: boolean }) {
  return (
    <div class={`cnl-kpi${muted ? ' cnl-kpi-muted' : ''}`} data-testid={testid} title={help}>
      <span class="v">{value}</span>
      <span class="l">{label}</span>
    </div>
  );
}

export interface Column { label: string; num?: boolean }

/** A table of counts: a header row of column labels (numbers right-aligned), the rows as given. */
export function CountsTable({ testid, caption, columns, children }: { testid: string; caption?: string; columns: Column[]; children: ComponentChildren }) {
  return (
    <table data-testid={testid}>
      {caption && <caption class="sr">{caption}</caption>}
      <thead><tr>{columns.map((c) => <th scope="col" class={c.num ? 'num' : undefined}>{c.label}</th>)}</tr></thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/** A rule as people read it (its wording), its id small and in the tooltip, its category muted. */
export function RuleCell({ id, label, title, category }: { id: string; label?: string; title?: string; category: string }) {
  return (
    <td title={title ?? id}>
      {label && label !== id
        // The id stays in the DOM (hidden) for scripts and tests; people get it in the tooltip.
        ? <><span class="cnl-label">{label}</span><code hidden>{id}</code></>
        : <code>{id}</code>}
      {' '}<span class="cnl-muted">{category}</span>
    </td>
  );
}
