/**
 * A small, bounded log of refused policies and packs (newest first), shown in
 * the options page. Entries carry what was refused and why — never note text.
 */
import { z } from 'zod';
import type { KeyValueArea } from '../deps.ts';

export type ErrorSource = 'managed' | 'local-policy' | 'remote-pack' | 'user-pack';
const ERROR_SOURCES = ['managed', 'local-policy', 'remote-pack', 'user-pack'] as const satisfies readonly ErrorSource[];

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

const entrySchema = z.object({
  at: z.string().max(40),
  source: z.enum(ERROR_SOURCES),
  message: z.string().max(2000),
  details: z.array(z.string().max(2000)).max(20).optional(),
}).strip();

/** The log as stored: anything that is not a list of entries reads as empty; malformed entries are left out. */
export function readErrorLog(stored: unknown): PolicyErrorEntry[] {
  if (!Array.isArray(stored)) return [];
  const out: PolicyErrorEntry[] = [];
  for (const e of stored.slice(0, ERROR_LOG_MAX)) {
    const r = entrySchema.safeParse(e);
    if (r.success) out.push(r.data);
  }
  return out;
}

/** Adds an entry; an identical message repeated from the same source only refreshes its date. */
export function appendError(log: readonly PolicyErrorEntry[], entry: PolicyErrorEntry, max = ERROR_LOG_MAX): PolicyErrorEntry[] {
  const rest = log.filter((e) => !(e.source === entry.source && e.message === entry.message));
  const details = entry.details?.slice(0, 20);
  return [{ ...entry, ...(details ? { details } : {}) }, ...rest].slice(0, max);
}

/** The log in storage.local (STORAGE_KEYS.errors of stored-inputs.ts), with the service's clock. */
export class PolicyErrorLog {
  constructor(private readonly local: KeyValueArea, private readonly key: string, private readonly now: () => Date) {}

  async read(): Promise<PolicyErrorEntry[]> {
    return readErrorLog((await this.local.get(this.key))[this.key]);
  }

  async add(source: ErrorSource, message: string, details?: string[]): Promise<void> {
    await this.local.set({ [this.key]: appendError(await this.read(), { at: this.now().toISOString(), source, message, details }) });
  }

  clear(): Promise<void> {
    return this.local.remove(this.key);
  }
}
