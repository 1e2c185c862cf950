/**
 * Weekly trend as plain SVG (no charting library): one bar per ISO week, height =
 * findings shown, the darker lower part = findings rewritten. Scales to its box
 * through the viewBox; each bar has a <title> tooltip for screen readers and mice.
 */
import type { StatsSummary } from '../../background/stats/aggregate.ts';

export interface WeeklyChartProps {
  weeks: StatsSummary['weekly'];
  /** "Week of $1: $2 shown, $3 rewritten" */
  barTitle: (week: string, shown: number, applied: number) => string;
  weekLabel: (week: string) => string;
  ariaLabel: string;
}

const W = 720;
const H = 220;
const PAD = { top: 14, right: 12, bottom: 30, left: 40 };

function niceMax(n: number): number {
  if (n <= 4) return 4;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

export function WeeklyChart({ weeks, barTitle, weekLabel, ariaLabel }: WeeklyChartProps) {
  const max = niceMax(Math.max(0, ...weeks.map((w) => Math.max(w.counts.shown, w.counts.applied))));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const slot = weeks.length ? innerW / weeks.length : innerW;
  const barW = Math.max(2, Math.min(36, slot * 0.7));
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const ticks = [0, max / 4, max / 2, (3 * max) / 4, max];
  // at most ~8 labels on the time axis
  const every = Math.max(1, Math.ceil(weeks.length / 8));
  return (
    <svg class="cnl-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={ariaLabel} data-testid="cnl-weekly-chart" preserveAspectRatio="xMidYMid meet">
      {ticks.map((v) => (
        <g key={v}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} class="cnl-grid" />
          <text x={PAD.left - 6} y={y(v) + 4} text-anchor="end" class="cnl-axis">{Number.isInteger(v) ? v : v.toFixed(1)}</text>
        </g>
      ))}
      {weeks.map((w, i) => {
        const x = PAD.left + i * slot + (slot - barW) / 2;
        const shown = Math.max(w.counts.shown, w.counts.applied);
        return (
          <g key={w.week} data-week={w.week} data-shown={w.counts.shown} data-applied={w.counts.applied}>
            <title>{barTitle(w.week, w.counts.shown, w.counts.applied)}</title>
            <rect x={x} y={y(shown)} width={barW} height={y(0) - y(shown)} class="cnl-bar-shown" rx="2" />
            <rect x={x} y={y(w.counts.applied)} width={barW} height={y(0) - y(w.counts.applied)} class="cnl-bar-applied" rx="2" />
            {i % every === 0 && (
              <text x={x + barW / 2} y={H - PAD.bottom + 16} text-anchor="middle" class="cnl-axis">{weekLabel(w.week)}</text>
            )}
          </g>
        );
      })}
      <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} class="cnl-baseline" />
    </svg>
  );
}
