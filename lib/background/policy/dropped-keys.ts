/**
 * Chromium checks a managed policy against public/managed_schema.json and
 * silently drops every top-level key whose value does not fit (a string where
 * the schema says boolean, an object where it says array…): the key never
 * reaches storage.managed and chrome://policy shows it as "Not set". The
 * extension cannot see what was dropped, so a policy may list its own keys in
 * `policyKeys`; a listed key missing from storage.managed was dropped.
 */
import { POLICY_KEYS } from '../../schema/policy.ts';

export const POLICY_KEYS_KEY = 'policyKeys';

/** Keys the policy says it sets (`policyKeys`) that are not in what the browser handed over, in the policy's order. */
export function droppedKeys(received: Record<string, unknown>): string[] {
  const declared = received[POLICY_KEYS_KEY];
  if (!Array.isArray(declared)) return [];
  const known = new Set<string>(POLICY_KEYS);
  const out: string[] = [];
  for (const k of declared) {
    if (typeof k !== 'string' || !known.has(k) || k === POLICY_KEYS_KEY) continue;
    if (!Object.hasOwn(received, k) && !out.includes(k)) out.push(k);
  }
  return out;
}

/** The one line the refusal log and the options page show. */
export function droppedMessage(keys: readonly string[]): string {
  return `the browser dropped key${keys.length > 1 ? 's' : ''} ${keys.join(', ')}: check ${keys.length > 1 ? 'their types' : 'its type'} against managed_schema.json`;
}
