/**
 * Whole-or-nothing validation of policies and packs: a result is either the
 * validated value or one clear error (a summary line plus field details).
 * Nothing is ever half-applied: callers keep their last good value on error.
 */
import type { ZodError } from 'zod';
import { pathToField } from '../../compiler/errors.ts';
import { compiledPackSchema, type CompiledPack } from '../../schema/dictionary.ts';
import { policySchema, type Policy } from '../../schema/policy.ts';

export type Result<T> = { ok: true; value: T } | { ok: false; error: string; details: string[] };

export function zodDetails(err: ZodError, max = 20): string[] {
  const out = err.issues.slice(0, max).map((i) => `${pathToField(i.path as PropertyKey[]) || '(top level)'}: ${i.message}`);
  if (err.issues.length > max) out.push(`… and ${err.issues.length - max} more`);
  return out;
}

function fail<T>(error: string, details: string[] = []): Result<T> {
  return { ok: false, error, details };
}

/** Validates a policy object (managed storage, policy file). `label` names where it came from. */
export function validatePolicy(raw: unknown, label: string): Result<Policy> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return fail(`${label} refused: a policy must be a JSON object`);
  const r = policySchema.safeParse(raw);
  if (!r.success) {
    const details = zodDetails(r.error);
    return fail(`${label} refused (${r.error.issues.length} problem${r.error.issues.length > 1 ? 's' : ''}): ${details[0]}`, details);
  }
  return { ok: true, value: r.data };
}

/** Validates a compiled pack object. */
export function validatePack(raw: unknown, label: string): Result<CompiledPack> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return fail(`${label} refused: a compiled pack must be a JSON object`);
  const r = compiledPackSchema.safeParse(raw);
  if (!r.success) {
    const details = zodDetails(r.error);
    return fail(`${label} refused: not a valid compiled pack (${details[0]})`, details);
  }
  return { ok: true, value: r.data };
}
