/** What the options page gets from the policy service (message `policy-get-state`). */
import type { EffectiveConfig } from '../../config.ts';
import type { Policy, PolicyKey } from '../../schema/policy.ts';
import type { PolicyErrorEntry } from './error-log.ts';
import type { PackInfo } from './merge.ts';

/** What became of the managed policy the browser handed over last (the options page's policy status). */
export interface ManagedStatus {
  /** none: no managed policy; applied: in force; refused: the previous one (or none) stays in force. */
  state: 'none' | 'applied' | 'refused';
  /** ISO date of the check. */
  at: string;
  /** Keys the policy lists in `policyKeys` that the browser did not hand over (dropped for their type). */
  dropped: string[];
  /** Why it was refused (one line), when refused. */
  reason?: string;
}

export interface PolicyState {
  /** Effective settings (without pack contents). */
  policy: Omit<Policy, 'packs'>;
  /** Keys set by the organisation: shown read-only, "set by your organisation". */
  orgKeys: PolicyKey[];
  /** True when a managed policy (valid, or last good) is in force. */
  managed: boolean;
  packs: PackInfo[];
  /** Host-less configuration: the options page's test box lints with it. */
  config: EffectiveConfig;
  /** What "Export the effective policy" saves (a policy file). */
  exported: Policy;
  errors: PolicyErrorEntry[];
  /** Absent until the first check after install. */
  managedStatus?: ManagedStatus;
  remote?: { url: string; version?: string; id?: string; updatedAt?: string; checkedAt?: string; keyId?: string };
  localPolicy?: { fileName?: string; importedAt?: string; ignored: boolean };
  pausedSites: string[];
}

export type PolicyActionResult = { ok: true; message?: string } | { ok: false; error: string; details?: string[] };
