/**
 * What makes a command-line run fail, shared by `check` and `audit`: a finding at
 * or above `--fail-on`, and the longest note a run accepts.
 */
import { SEVERITIES, type Severity } from '../categories.ts';
import type { Finding } from '../engine/types.ts';

/** A note longer than this is refused with a clear error instead of stalling a pipeline. */
export const MAX_NOTE_CHARS = 5_000_000;

export function reaches(f: Finding, failOn: Severity | 'none'): boolean {
  return failOn !== 'none' && SEVERITIES.indexOf(f.severity) >= SEVERITIES.indexOf(failOn);
}

/** "9 error findings reached --fail-on error" / "3 findings at warning or above reached --fail-on warning". */
export function failOnReason(n: number, failOn: Severity | 'none'): string {
  const what = failOn === 'error' ? `error finding${n === 1 ? '' : 's'}` : `finding${n === 1 ? '' : 's'} at ${failOn} or above`;
  return `${n} ${what} reached --fail-on ${failOn}`;
}
