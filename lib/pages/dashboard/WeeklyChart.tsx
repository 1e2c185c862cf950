/**
 * Weekly trend as plain SVG (no charting library: a bar chart with two series is
 * ~3 kB of our own code, a library would be tens of kB in the options page): one
 * bar per ISO week, height = findings shown, the darker lower part = findings
 * rewritten. Whole-number ticks in the UI language's digits; the SVG is drawn at
 * its real pixel size (measured), so labels stay readable at any card width.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { StatsSummary } from '../../background/stats/aggregate.ts';
import { integerScale } from './chart-scale.ts';

export interface WeeklyChartProps {
  weeks: StatsSummary['weekly'];
  /** "Week of $1: $2 shown, $3 rewritten" */
  barTitle: (week: string, shown: number, applied: number) => string;
  weekLabel: (week: string) => string;
  /** Tick labels: Intl.NumberFormat of the UI language. */
  formatTick: (n: number) => string;
  ariaLabel: string;
}

const H = 240;
const PAD = { top: 12, right: 8, bottom: 30, left: 44 };
const LABEL_PX = 64;

export function WeeklyChart({ weeks, barTitle, weekLabel, formatTick, ariaLabel }: WeeklyChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const [W, setW] = useState(640);
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(([e]) => e && setW(Math.max(240, Math.round(e.contentRect.width))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const { max, ticks } = integerScale(Math.max(0, ...weeks.map((w) => Math.max(w.counts.shown, w.counts.applied))));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const slot = weeks.length ? innerW / weeks.length : innerW;
  const barW = Math.max(2, Math.min(40, slot * 0.7));
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  // As many week labels as fit without overlapping.
  const every = Math.max(1, Math.ceil(weeks.length / Math.max(1, Math.floor(innerW / LABEL_PX))));
  return (
    <div class="cnl-chart-box" ref={box}>
      <svg class="cnl-chart" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={ariaLabel} data-testid="cnl-weekly-chart">
        {ticks.map((v) => (
          <g key={v} data-tick={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} class="cnl-grid" />
            <text x={PAD.left - 8} y={y(v) + 4} text-anchor="end" class="cnl-axis">{formatTick(v)}</text>
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
                <text x={x + barW / 2} y={H - PAD.bottom + 18} text-anchor="middle" class="cnl-axis">{weekLabel(w.week)}</text>
              )}
            </g>
          );
        })}
        <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} class="cnl-baseline" />
      </svg>
    </div>
  );
}
