/**
 * The organisation's policy from managed storage (Chrome policies, Firefox
 * `3rdparty` policies): a valid policy replaces the last good one; an invalid one,
 * or one the browser dropped keys of, is logged and the last good one stays; no
 * policy at all removes it. What became of the last one seen is kept for the
 * options page (ManagedStatus).
 */
import type { KeyValueArea, ManagedArea } from '../deps.ts';
import { droppedKeys, droppedMessage } from './dropped-keys.ts';
import type { PolicyErrorLog } from './error-log.ts';
import type { ManagedStatus } from './state.ts';
import { getStored, STORAGE_KEYS, type StoredManaged } from './stored-inputs.ts';
import { validatePolicy } from './validate.ts';

export interface ManagedSyncDeps {
  local: KeyValueArea;
  /** null where the browser has no managed storage. */
  managed: ManagedArea | null;
  errors: PolicyErrorLog;
  now: () => Date;
}

export class ManagedPolicySync {
  constructor(private readonly deps: ManagedSyncDeps) {}

  /** Reads managed storage once; `changed`: the stored managed policy is not what it was. */
  async sync(): Promise<{ changed: boolean; error?: string }> {
    const { local } = this.deps;
    const raw = await this.readManaged();
    const prev = await getStored<StoredManaged>(local, STORAGE_KEYS.managed);
    if (!raw) {
      await this.setStatus({ state: 'none', dropped: [] });
      if (!prev) return { changed: false };
      await local.remove(STORAGE_KEYS.managed);
      return { changed: true };
    }
    const dropped = droppedKeys(raw);
    const r = validatePolicy(raw, 'managed policy');
    const error = dropped.length ? `managed policy refused: ${droppedMessage(dropped)}` : !r.ok ? r.error : undefined;
    if (error) {
      const details = [...(dropped.length ? [droppedMessage(dropped)] : []), ...(!r.ok ? r.details : [])];
      await this.deps.errors.add('managed', `${error}; the previous policy stays in force`, details);
      await this.setStatus({ state: 'refused', dropped, reason: error });
      return { changed: false, error };
    }
    await this.setStatus({ state: 'applied', dropped: [] });
    if (prev && JSON.stringify(prev.policy) === JSON.stringify(raw)) return { changed: false };
    await local.set({ [STORAGE_KEYS.managed]: { policy: raw, receivedAt: this.deps.now().toISOString() } satisfies StoredManaged });
    return { changed: true };
  }

  /** Absent until the first check after install. */
  async status(): Promise<ManagedStatus | undefined> {
    return readManagedStatus(await getStored<unknown>(this.deps.local, STORAGE_KEYS.managedStatus));
  }

  private async readManaged(): Promise<Record<string, unknown> | undefined> {
    try {
      const v = await this.deps.managed?.get();
      return v && typeof v === 'object' && Object.keys(v).length ? v : undefined;
    } catch {
      // Firefox without a policy, or a browser without managed storage.
      return undefined;
    }
  }

  private async setStatus(s: Omit<ManagedStatus, 'at'>): Promise<void> {
    const prev = await this.status();
    if (prev && prev.state === s.state && prev.reason === s.reason && prev.dropped.join() === s.dropped.join()) return;
    await this.deps.local.set({ [STORAGE_KEYS.managedStatus]: { ...s, at: this.deps.now().toISOString() } satisfies ManagedStatus });
  }
}

function readManagedStatus(v: unknown): ManagedStatus | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const s = v as Partial<ManagedStatus>;
  if (s.state !== 'none' && s.state !== 'applied' && s.state !== 'refused') return undefined;
  const dropped = Array.isArray(s.dropped) ? s.dropped.filter((k): k is string => typeof k === 'string') : [];
  return { state: s.state, at: typeof s.at === 'string' ? s.at : '', dropped, ...(typeof s.reason === 'string' ? { reason: s.reason } : {}) };
}
