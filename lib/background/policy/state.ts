/** What the options page gets from the policy service (message `policy-get-state`). */
import type { EffectiveConfig } from '../../config.ts';
import type { Policy, PolicyKey } from '../../schema/policy.ts';
import type { PolicyErrorEntry } from './error-log.ts';
import type { PackInfo } from './merge.ts';

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
  remote?: { url: string; version?: string; id?: string; updatedAt?: string; checkedAt?: string; keyId?: string };
  localPolicy?: { fileName?: string; importedAt?: string; ignored: boolean };
  pausedSites: string[];
}

export type PolicyActionResult = { ok: true; message?: string } | { ok: false; error: string; details?: string[] };
