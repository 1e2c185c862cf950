/**
 * Where the policy service keeps each source in storage.local, and how the stored
 * sources are read back into the merge's inputs: each one validated again (a value
 * that no longer validates is left out, never half-used).
 *
 *   policy.managed        { policy, receivedAt }            last valid managed policy
 *   policy.managedStatus  ManagedStatus                     what became of the last managed policy seen
 *   policy.local          { policy, importedAt, fileName }  policy file imported in the options page
 *   policy.remote         RemoteState                       last-known-good remote pack, ETag, dates
 *   policy.userPacks      UserPack[]                        packs imported in the options page
 *   policy.errors         PolicyErrorEntry[]                bounded log of refused policies/packs
 *   pausedSites           string[]                          hosts the rep paused (lib/background/pause.ts)
 */
import type { CompiledPack } from '../../schema/dictionary.ts';
import type { KeyValueArea } from '../deps.ts';
import { PAUSED_SITES_KEY } from '../pause.ts';
import type { PolicyInputs, UserPack } from './merge.ts';
import type { RemoteState } from './remote.ts';
import { validatePack, validatePolicy } from './validate.ts';

export const STORAGE_KEYS = {
  managed: 'policy.managed',
  managedStatus: 'policy.managedStatus',
  local: 'policy.local',
  remote: 'policy.remote',
  userPacks: 'policy.userPacks',
  errors: 'policy.errors',
  pausedSites: PAUSED_SITES_KEY,
} as const;

/** Keys the service writes about itself: a change to them changes no configuration. */
export const BOOKKEEPING_KEYS: readonly string[] = [STORAGE_KEYS.errors, STORAGE_KEYS.managedStatus];

export interface StoredManaged { policy: unknown; receivedAt?: string }
export interface StoredLocal { policy: unknown; importedAt?: string; fileName?: string }

export async function getStored<T>(local: KeyValueArea, key: string): Promise<T | undefined> {
  return (await local.get(key))[key] as T | undefined;
}

/** Every stored source, validated, and the rep's pause list; `builtin` is the built-in pack (policy/builtin-pack.ts). */
export async function readInputs(local: KeyValueArea, builtin: CompiledPack): Promise<{ inputs: PolicyInputs; paused: string[] }> {
  const got = await local.get([STORAGE_KEYS.managed, STORAGE_KEYS.local, STORAGE_KEYS.remote, STORAGE_KEYS.userPacks, STORAGE_KEYS.pausedSites]);
  const inputs: PolicyInputs = { builtin };
  const m = got[STORAGE_KEYS.managed] as StoredManaged | undefined;
  if (m) {
    const r = validatePolicy(m.policy, 'stored managed policy');
    if (r.ok) inputs.managed = { policy: r.value, receivedAt: m.receivedAt };
  }
  const l = got[STORAGE_KEYS.local] as StoredLocal | undefined;
  if (l) {
    const r = validatePolicy(l.policy, 'stored policy file');
    if (r.ok) inputs.local = { policy: r.value, importedAt: l.importedAt, fileName: l.fileName };
  }
  const remote = got[STORAGE_KEYS.remote] as RemoteState | undefined;
  if (remote?.pack && validatePack(remote.pack, 'stored remote pack').ok) inputs.remote = remote;
  else if (remote) inputs.remote = { ...remote, pack: undefined };
  const ups = got[STORAGE_KEYS.userPacks] as UserPack[] | undefined;
  inputs.userPacks = (Array.isArray(ups) ? ups : []).filter((u) => validatePack(u?.pack, 'stored pack').ok);
  const pausedRaw = got[STORAGE_KEYS.pausedSites];
  const paused = Array.isArray(pausedRaw) ? pausedRaw.filter((s): s is string => typeof s === 'string') : [];
  return { inputs, paused };
}
