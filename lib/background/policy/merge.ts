/**
 * Merges every policy source into one effective policy and pack list.
 *
 * Precedence, highest first: managed policy (Chrome/Edge managed storage,
 * Firefox policies.json) > remote signed pack > what the user imported in the
 * options page (packs, or a policy file) > built-in dictionaries.
 *  - Packs are ordered by increasing precedence; the Linter lets a later pack's
 *    rule replace an earlier one with the same id.
 *  - Settings: a key set by the managed policy replaces the local one; a key set
 *    by neither takes its default. When the organisation sets
 *    allowUserOverrides: false, the local policy file is ignored and so is the
 *    rep's pause list.
 */
import type { EffectiveConfig } from '../../config.ts';
import type { CompiledPack } from '../../schema/dictionary.ts';
import { POLICY_KEYS, type Policy, type PolicyKey } from '../../schema/policy.ts';
import { compileExtraTerms } from './extra-terms.ts';
import { matchesAny, type Target } from './match.ts';
import type { RemoteState } from './remote.ts';

export type PackSource = 'builtin' | 'user' | 'local-policy' | 'remote' | 'managed' | 'org-terms' | 'local-terms';

export interface PackInfo {
  id: string;
  version: string;
  description: string;
  source: PackSource;
  rules: number;
  locales: string[];
  /** ISO date of the last change (import, download); absent for built-in packs. */
  updatedAt?: string;
  /** Remote packs: where from. */
  url?: string;
}

export interface UserPack {
  pack: CompiledPack;
  importedAt: string;
  fileName?: string;
}

export interface PolicyInputs {
  builtin: CompiledPack;
  /** Last good managed policy (and when it was received). */
  managed?: { policy: Policy; receivedAt?: string };
  /** Policy file imported in the options page. */
  local?: { policy: Policy; importedAt?: string; fileName?: string };
  remote?: RemoteState;
  userPacks?: readonly UserPack[];
}

export const POLICY_DEFAULTS = {
  mode: 'suggest',
  allowUserOverrides: true,
  allowJustification: false,
  markSensitiveFields: false,
} as const satisfies Partial<Policy>;

export interface Merged {
  /** Effective settings (packs excluded: see `packs`). */
  policy: Omit<Policy, 'packs'>;
  /** Keys whose value the organisation (managed policy) sets: read-only in the options page. */
  orgKeys: PolicyKey[];
  /** Packs in increasing precedence. */
  packs: CompiledPack[];
  packInfo: PackInfo[];
}

const info = (pack: CompiledPack, source: PackSource, extra: Partial<PackInfo> = {}): PackInfo => ({
  id: pack.id, version: pack.version, description: pack.description, source,
  rules: pack.rules.length, locales: [...pack.locales], ...extra,
});

export function mergePolicy(inputs: PolicyInputs): Merged {
  const managed = inputs.managed?.policy ?? {};
  const localAllowed = managed.allowUserOverrides !== false;
  const local: Policy = (localAllowed ? inputs.local?.policy : undefined) ?? {};
  // policyKeys describes the managed policy (what the browser should have delivered); it is no setting.
  const orgKeys = POLICY_KEYS.filter((k) => k !== 'policyKeys' && managed[k] !== undefined);

  const policy: Record<string, unknown> = {};
  for (const k of POLICY_KEYS) {
    if (k === 'packs' || k === 'policyKeys') continue;
    const v = managed[k] ?? local[k] ?? (POLICY_DEFAULTS as Record<string, unknown>)[k];
    if (v !== undefined) policy[k] = v;
  }
  // packUrl and packPublicKey travel together: never one from each source.
  if (managed.packUrl) {
    policy.packUrl = managed.packUrl;
    policy.packPublicKey = managed.packPublicKey;
  }

  const packs: CompiledPack[] = [inputs.builtin];
  const packInfo: PackInfo[] = [info(inputs.builtin, 'builtin')];
  for (const u of inputs.userPacks ?? []) {
    packs.push(u.pack);
    packInfo.push(info(u.pack, 'user', { updatedAt: u.importedAt }));
  }
  for (const p of local.packs ?? []) {
    packs.push(p);
    packInfo.push(info(p, 'local-policy', { updatedAt: inputs.local?.importedAt }));
  }
  const localTerms = managed.extraTerms ? undefined : local.extraTerms;
  const lt = localTerms && compileExtraTerms(localTerms);
  if (lt) {
    packs.push(lt);
    packInfo.push(info(lt, 'local-terms', { updatedAt: inputs.local?.importedAt }));
  }
  const remote = inputs.remote;
  if (policy.packUrl && remote?.pack) {
    packs.push(remote.pack);
    packInfo.push(info(remote.pack, 'remote', { updatedAt: remote.updatedAt, url: remote.url }));
  }
  for (const p of managed.packs ?? []) {
    packs.push(p);
    packInfo.push(info(p, 'managed', { updatedAt: inputs.managed?.receivedAt }));
  }
  const ot = managed.extraTerms && compileExtraTerms(managed.extraTerms);
  if (ot) {
    packs.push(ot);
    packInfo.push(info(ot, 'org-terms', { updatedAt: inputs.managed?.receivedAt }));
  }
  return { policy: policy as Omit<Policy, 'packs'>, orgKeys, packs, packInfo };
}

/** The configuration one page gets (its host, and its URL when known). */
export function configForTarget(merged: Merged, target: Target | undefined, pausedSites: readonly string[] = []): EffectiveConfig {
  const p = merged.policy;
  const allowUserOverrides = p.allowUserOverrides ?? true;
  let enabled = true;
  const fieldSelectors: string[] = [];
  if (target?.host) {
    const sites = p.sites;
    if (sites?.allow?.length && !matchesAny(sites.allow, target)) enabled = false;
    if (matchesAny(sites?.deny, target)) enabled = false;
    if (allowUserOverrides && isPaused(pausedSites, target.host)) enabled = false;
    for (const [pattern, sels] of Object.entries(sites?.selectors ?? {})) {
      if (matchesAny([pattern], target)) for (const s of sels) if (!fieldSelectors.includes(s)) fieldSelectors.push(s);
    }
  }
  return {
    packs: merged.packs,
    linter: {
      ...(p.disabledRules?.length ? { disabledRules: p.disabledRules } : {}),
      ...(p.severityOverrides && Object.keys(p.severityOverrides).length ? { severityOverrides: p.severityOverrides } : {}),
    },
    locale: p.locales?.length === 1 ? p.locales[0]! : 'auto',
    mode: p.mode ?? 'suggest',
    allowUserOverrides,
    allowJustification: p.allowJustification ?? false,
    enabled,
    fieldSelectors,
    markSensitiveFields: p.markSensitiveFields ?? false,
  };
}

export function isPaused(pausedSites: readonly string[], host: string): boolean {
  const h = host.toLowerCase();
  return pausedSites.some((s) => s.toLowerCase() === h);
}

/**
 * The effective policy as a policy file (validates with policySchema): what
 * "Export the effective policy" downloads. Built-in and remote packs are not
 * inlined (the remote one stays referenced by packUrl).
 */
export function exportEffectivePolicy(merged: Merged): Policy {
  const packs = merged.packs.filter((_, i) => ['user', 'local-policy', 'managed'].includes(merged.packInfo[i]!.source));
  return { ...merged.policy, ...(packs.length ? { packs } : {}) } as Policy;
}
