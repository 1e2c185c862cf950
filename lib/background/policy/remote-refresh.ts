/**
 * Keeping the remote signed pack fresh: one refresh at a time (remote.ts does the
 * fetch and the checks), every REFRESH_PERIOD_MINUTES by an alarm, at install, and at
 * browser start when the last check is older than a period. Any error keeps the last
 * good pack in force and is logged.
 */
import type { AlarmsApi, KeyValueArea } from '../deps.ts';
import type { PolicyErrorLog } from './error-log.ts';
import { refreshRemotePack, type RefreshDeps, type RemoteState } from './remote.ts';
import type { PolicyActionResult } from './state.ts';
import { getStored, STORAGE_KEYS } from './stored-inputs.ts';

export const REFRESH_ALARM = 'crm-note-lint.pack-refresh';
export const REFRESH_PERIOD_MINUTES = 6 * 60;

export interface RemoteRefreshDeps {
  local: KeyValueArea;
  alarms: AlarmsApi;
  /** Fetching: fetch, clock, size cap, timeout. */
  remote?: RefreshDeps;
  errors: PolicyErrorLog;
  now: () => Date;
  /** Where the pack comes from: the policy in force. */
  source(): Promise<{ packUrl?: string; packPublicKey?: string }>;
  /** The stored pack changed: recompute; `broadcast` when tabs and pages must hear of it. */
  changed(broadcast: boolean): Promise<void>;
}

export class RemotePackRefresh {
  private inflight: Promise<PolicyActionResult> | undefined;

  constructor(private readonly deps: RemoteRefreshDeps) {}

  /** Fetches the pack now (a call during a refresh joins it). */
  refresh(): Promise<PolicyActionResult> {
    return (this.inflight ??= this.run().finally(() => {
      this.inflight = undefined;
    }));
  }

  /** No check yet, or the last one is more than a period old (the browser was closed). */
  async isStale(): Promise<boolean> {
    const r = await getStored<RemoteState>(this.deps.local, STORAGE_KEYS.remote);
    return !r?.checkedAt || this.deps.now().getTime() - Date.parse(r.checkedAt) > REFRESH_PERIOD_MINUTES * 60_000;
  }

  async ensureAlarm(): Promise<void> {
    const existing = await this.deps.alarms.get(REFRESH_ALARM);
    if (!existing) await this.deps.alarms.create(REFRESH_ALARM, { delayInMinutes: REFRESH_PERIOD_MINUTES, periodInMinutes: REFRESH_PERIOD_MINUTES });
  }

  private async run(): Promise<PolicyActionResult> {
    const { local, errors } = this.deps;
    const { packUrl, packPublicKey } = await this.deps.source();
    const prev = await getStored<RemoteState>(local, STORAGE_KEYS.remote);
    if (!packUrl || !packPublicKey) {
      if (prev) {
        await local.remove(STORAGE_KEYS.remote);
        await this.deps.changed(true);
      }
      return { ok: true, message: 'no remote pack configured' };
    }
    const out = await refreshRemotePack(prev, { url: packUrl, publicKey: packPublicKey }, { now: this.deps.now, ...this.deps.remote });
    if (!out.ok) {
      const keeps = prev?.pack ? `; ${prev.pack.id} ${prev.pack.version} stays in force` : '';
      await errors.add('remote-pack', `${out.error.message}${keeps}`, out.error.details.length ? out.error.details : undefined);
      return { ok: false, error: out.error.message, details: out.error.details };
    }
    await local.set({ [STORAGE_KEYS.remote]: out.state });
    await this.deps.changed(out.status === 'updated');
    return { ok: true, message: out.status === 'updated' ? `installed ${out.state.pack!.id} ${out.state.pack!.version}` : out.status };
  }
}
