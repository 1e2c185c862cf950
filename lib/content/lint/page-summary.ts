/** This frame's findings by category and severity, for the toolbar badge and the popup; sent when they change. */
import type { CategoryId, Severity } from '../../categories.ts';
import type { TrackedField } from './tracked-field.ts';

export type Summary = (counts: Partial<Record<CategoryId, number>>, bySeverity: Partial<Record<Severity, number>>) => void;

export class PageSummary {
  private last = '';
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly send: Summary) {}

  /** `now`: send at once (linting stops); otherwise after a short pause in typing. */
  update(fields: Iterable<TrackedField>, now: boolean): void {
    const counts: Partial<Record<CategoryId, number>> = {};
    const bySeverity: Partial<Record<Severity, number>> = {};
    for (const f of fields) {
      for (const x of f.findings) {
        counts[x.category] = (counts[x.category] ?? 0) + 1;
        bySeverity[x.severity] = (bySeverity[x.severity] ?? 0) + 1;
      }
    }
    const sig = JSON.stringify([counts, bySeverity]);
    if (sig === this.last) return;
    if (this.timer) clearTimeout(this.timer);
    const send = () => {
      this.timer = null;
      this.last = sig;
      this.send(counts, bySeverity);
    };
    if (now) send();
    else this.timer = setTimeout(send, 150);
  }
}
