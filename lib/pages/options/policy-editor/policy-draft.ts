/**
 * The policy editor's model, pure: the form's raw values (a draft), the policy
 * they make once empty fields are dropped, its validation with the very schema
 * the background applies (lib/schema/policy.ts), and its difference from the
 * policy in force.
 */
import { POLICY_KEYS, policySchema, type Policy, type PolicyKey } from '../../../schema/policy.ts';

export type Draft = Partial<Record<PolicyKey, unknown>>;

export interface DraftIssue {
  /** "mode", "reporting.endpoint", "extraTerms.2.term"… ("" for the whole policy). */
  path: string;
  /** The schema's (English) message; the page words it with issue-text.ts. */
  message: string;
  code?: string;
  minimum?: number;
  maximum?: number;
  format?: string;
}

export type DraftResult = { ok: true; policy: Policy; issues: [] } | { ok: false; issues: DraftIssue[] };

/** Drops what a form leaves when nothing is entered: "", undefined, [], {} (recursively). */
export function compact(v: unknown): unknown {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  if (Array.isArray(v)) {
    const items = v.map(compact).filter((x) => x !== undefined);
    return items.length ? items : undefined;
  }
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, compact(x)] as const).filter(([, x]) => x !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  return v;
}

export function validateDraft(draft: Draft): DraftResult {
  const raw = (compact(draft) ?? {}) as Record<string, unknown>;
  const r = policySchema.safeParse(raw);
  if (r.success) return { ok: true, policy: r.data, issues: [] };
  return {
    ok: false,
    issues: r.error.issues.map((i) => {
      const x = i as { minimum?: number | bigint; maximum?: number | bigint; format?: string };
      return {
        path: i.path.map(String).join('.'), message: i.message, code: i.code,
        ...(x.minimum !== undefined ? { minimum: Number(x.minimum) } : {}),
        ...(x.maximum !== undefined ? { maximum: Number(x.maximum) } : {}),
        ...(x.format ? { format: x.format } : {}),
      };
    }),
  };
}

/** The issues of one field: its own path and anything below it. */
export function issuesAt(issues: readonly DraftIssue[], path: string): DraftIssue[] {
  return issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`));
}

export interface DiffEntry {
  key: PolicyKey;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/** Keys (in schema order) whose value differs between the policy in force and the edited one. */
export function diffPolicies(inForce: Partial<Policy>, edited: Partial<Policy>): DiffEntry[] {
  const out: DiffEntry[] = [];
  for (const key of POLICY_KEYS) {
    const a = compact(inForce[key]);
    const b = compact(edited[key]);
    if (a === undefined && b === undefined) continue;
    if (a === undefined) out.push({ key, kind: 'added', after: b });
    else if (b === undefined) out.push({ key, kind: 'removed', before: a });
    else if (stable(a) !== stable(b)) out.push({ key, kind: 'changed', before: a, after: b });
  }
  return out;
}

/** JSON with sorted object keys: the same policy written in another key order is not a change. */
function stable(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0))) : x);
}

/** A textarea's lines as a list (one item per non-empty line). */
export const linesOf = (text: string): string[] => text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

/** A number input's value: a number when it reads as one, else the text (so the schema names the mistake). */
export function numberOf(text: string): number | string | undefined {
  const s = text.trim();
  if (!s) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : s;
}
