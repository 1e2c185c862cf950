/**
 * Count shards that do not parse (not an object, a malformed cell key, a count
 * that is not a positive integer, a key that names no day or month) are moved
 * aside as they were, under `stats.q.<key>`, and the well-formed cells they
 * held stay counted. Nothing is lost and nothing unreadable is read again on
 * every query; the dashboard shows how many were moved. Pure.
 */
import { isValidDay, MONTH_RE, parseCellKey } from './model.ts';
import { DAY_PREFIX, MONTH_PREFIX, readShard } from './repo.ts';
import type { Shard } from './store.ts';

export const QUARANTINE_PREFIX = 'stats.q.';
/** At most this many moved keys are listed (the total keeps counting). */
export const QUARANTINE_LIST_MAX = 20;

export interface QuarantineRecord {
  /** Total entries moved aside since install. */
  total: number;
  /** The latest ones, newest first. */
  recent: { key: string; at: string; reason: string }[];
}

/** Why a stored shard does not parse, or null when it does. */
export function shardProblem(key: string, v: unknown): string | null {
  const period = key.startsWith(DAY_PREFIX) ? key.slice(DAY_PREFIX.length) : key.startsWith(MONTH_PREFIX) ? key.slice(MONTH_PREFIX.length) : null;
  if (period === null) return 'not a count key';
  if (key.startsWith(DAY_PREFIX) ? !isValidDay(period) : !MONTH_RE.test(period)) return 'the key names no day or month';
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return `a ${Array.isArray(v) ? 'list' : v === null ? 'null' : typeof v} instead of counts`;
  for (const [k, n] of Object.entries(v)) {
    if (!parseCellKey(k)) return 'a malformed cell key';
    if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) return 'a count that is not a positive integer';
  }
  return null;
}

export interface CheckedShards {
  /** The shards that parse, and the well-formed part of those that do not. */
  shards: Record<string, Shard>;
  /** One write: each bad entry under its quarantine key, and its clean part in its place. */
  write: Record<string, unknown>;
  /** Bad entries with nothing well-formed left, and keys that name no period: removed after the write. */
  remove: string[];
  moved: { key: string; reason: string }[];
}

/** Sorts what a read returned into clean shards and the moves for the rest. */
export function checkShards(items: Record<string, unknown>): CheckedShards {
  const out: CheckedShards = { shards: {}, write: {}, remove: [], moved: [] };
  for (const [key, v] of Object.entries(items)) {
    if (v === undefined) continue;
    const problem = shardProblem(key, v);
    if (!problem) {
      out.shards[key] = v as Shard;
      continue;
    }
    out.moved.push({ key, reason: problem });
    out.write[QUARANTINE_PREFIX + key] = v;
    const clean = problem === 'the key names no day or month' ? {} : readShard(v);
    if (Object.keys(clean).length) {
      out.write[key] = clean;
      out.shards[key] = clean;
    } else out.remove.push(key);
  }
  return out;
}

export function readQuarantine(v: unknown): QuarantineRecord {
  const r = (v && typeof v === 'object' ? v : {}) as Partial<QuarantineRecord>;
  const recent = Array.isArray(r.recent) ? r.recent.filter((e) => e && typeof e.key === 'string' && typeof e.reason === 'string').slice(0, QUARANTINE_LIST_MAX) : [];
  return { total: Number.isInteger(r.total) && r.total! > 0 ? r.total! : 0, recent };
}

export function addToQuarantine(rec: QuarantineRecord, moved: readonly { key: string; reason: string }[], at: string): QuarantineRecord {
  return {
    total: rec.total + moved.length,
    recent: [...moved.map((m) => ({ ...m, at })), ...rec.recent].slice(0, QUARANTINE_LIST_MAX),
  };
}
