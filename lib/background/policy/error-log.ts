/**
 * A small, bounded log of refused policies and packs (newest first), shown in
 * the options page. Entries carry what was refused and why — never note text.
 */
export type ErrorSource = 'managed' | 'local-policy' | 'remote-pack' | 'user-pack';

export interface PolicyErrorEntry {
  /** ISO date. */
  at: string;
  source: ErrorSource;
  /** One line: what was refused and why; "the previous … stays in force" is implied. */
  message: string;
  /** Field-level details (path: message), at most 20. */
  details?: string[];
}

export const ERROR_LOG_MAX = 30;

/** Adds an entry; an identical message repeated from the same source only refreshes its date. */
export function appendError(log: readonly PolicyErrorEntry[], entry: PolicyErrorEntry, max = ERROR_LOG_MAX): PolicyErrorEntry[] {
  const rest = log.filter((e) => !(e.source === entry.source && e.message === entry.message));
  const details = entry.details?.slice(0, 20);
  return [{ ...entry, ...(details ? { details } : {}) }, ...rest].slice(0, max);
}
