/**
 * Background-side policy: gathers the managed policy, the remote signed pack,
 * the user's imports and the built-in pack into one EffectiveConfig
 * (lib/background/policy/merge.ts), and keeps the last good of each source.
 *
 * storage.local keys (see STORAGE_KEYS):
 *   policy.managed        { policy, receivedAt }       last valid managed policy
 *   policy.managedStatus  ManagedStatus                what became of the last managed policy seen
 *   policy.local          { policy, importedAt, fileName }  policy file imported in the options page
 *   policy.remote         RemoteState                  last-known-good remote pack, ETag, dates
 *   policy.userPacks      UserPack[]                   packs imported in the options page
 *   policy.errors         PolicyErrorEntry[]           bounded log of refused policies/packs
 *   pausedSites           string[]                     hosts the rep paused (shared with the popup)
 *
 * Every source is validated as a whole before it is stored; on error the
 * previous value stays in force and the error is logged.
 */
import builtinPack from '../generated/builtin-pack.json';
import { compiledPackSchema, type CompiledPack } from '../schema/dictionary.ts';
import type { EffectiveConfig } from '../config.ts';
import type { PolicyMessage } from '../messages.ts';
import type { ReportingSettingsInput } from '../schema/report.ts';
import type { AlarmsApi, KeyValueArea, ManagedArea } from './deps.ts';
import type { Routes } from './router.ts';
import { droppedKeys, droppedMessage } from './policy/dropped-keys.ts';
import { appendError, readErrorLog, type ErrorSource } from './policy/error-log.ts';
import { configForTarget, exportEffectivePolicy, mergePolicy, type Merged, type PolicyInputs, type UserPack } from './policy/merge.ts';
import { refreshRemotePack, type RefreshDeps, type RemoteState } from './policy/remote.ts';
import type { ManagedStatus, PolicyActionResult, PolicyState } from './policy/state.ts';
import { validatePack, validatePolicy } from './policy/validate.ts';

export const STORAGE_KEYS = {
  managed: 'policy.managed',
  managedStatus: 'policy.managedStatus',
  local: 'policy.local',
  remote: 'policy.remote',
  userPacks: 'policy.userPacks',
  errors: 'policy.errors',
  pausedSites: 'pausedSites',
} as const;

/** Keys the service writes about itself: a change to them changes no configuration. */
const BOOKKEEPING_KEYS: readonly string[] = [STORAGE_KEYS.errors, STORAGE_KEYS.managedStatus];

export const REFRESH_ALARM = 'crm-note-lint.pack-refresh';
export const REFRESH_PERIOD_MINUTES = 6 * 60;
export const MAX_USER_PACKS = 10;

let builtin: CompiledPack | undefined;

/** The built-in pack, parsed once (it is part of the build). */
export function builtinCompiledPack(): CompiledPack {
  return (builtin ??= compiledPackSchema.parse(builtinPack));
}

interface StoredManaged { policy: unknown; receivedAt?: string }
interface StoredLocal { policy: unknown; importedAt?: string; fileName?: string }
interface Loaded { merged: Merged; inputs: PolicyInputs; paused: string[] }

export interface PolicyServiceDeps {
  local: KeyValueArea;
  /** null where the browser has no managed storage. */
  managed: ManagedArea | null;
  alarms: AlarmsApi;
  /** Remote pack fetching: fetch, clock, size cap, timeout. */
  remote?: RefreshDeps;
  now?: () => Date;
  /** Tells content scripts and pages that the configuration changed. */
  broadcast(): Promise<void>;
  /** Hands the effective policy's `reporting` block over, each time the policy is computed. */
  onReporting?(reporting: ReportingSettingsInput | null): Promise<unknown>;
}

export class PolicyService {
  private readonly local: KeyValueArea;
  private readonly now: () => Date;
  private cache: Promise<Loaded> | undefined;
  private inflight: Promise<PolicyActionResult> | undefined;
  private managedQueue: Promise<void> = Promise.resolve();
  private started = false;
  /** Resolves when the start-up sync (managed policy, alarm) is done. */
  ready: Promise<void> = Promise.resolve();

  constructor(private readonly deps: PolicyServiceDeps) {
    this.local = deps.local;
    this.now = deps.now ?? (() => new Date());
  }

  // ---- reading ----

  /** The configuration for one page (its host; its URL when the caller knows it). */
  async effectiveConfig(host: string, url?: string): Promise<EffectiveConfig> {
    const { merged, paused } = await this.current();
    return configForTarget(merged, { host, url }, paused);
  }

  async state(): Promise<PolicyState> {
    const { merged, inputs, paused } = await this.current();
    const got = await this.local.get([STORAGE_KEYS.errors, STORAGE_KEYS.managedStatus]);
    const r = inputs.remote;
    const managedStatus = readManagedStatus(got[STORAGE_KEYS.managedStatus]);
    return {
      policy: merged.policy,
      orgKeys: merged.orgKeys,
      managed: !!inputs.managed,
      packs: merged.packInfo,
      config: configForTarget(merged, undefined, paused),
      exported: exportEffectivePolicy(merged),
      errors: readErrorLog(got[STORAGE_KEYS.errors]),
      ...(managedStatus ? { managedStatus } : {}),
      ...(r ? { remote: { url: r.url, id: r.pack?.id, version: r.pack?.version, updatedAt: r.updatedAt, checkedAt: r.checkedAt, keyId: r.keyId } } : {}),
      ...(inputs.local
        ? { localPolicy: { fileName: inputs.local.fileName, importedAt: inputs.local.importedAt, ignored: inputs.managed?.policy.allowUserOverrides === false } }
        : {}),
      pausedSites: paused,
    };
  }

  // ---- managed policy ----

  /**
   * Reads managed storage: a valid policy replaces the last good one; an invalid
   * one, or one the browser dropped keys of, is logged and the last good one
   * stays; no policy at all removes it.
   */
  async syncManaged(): Promise<{ changed: boolean; error?: string }> {
    const raw = await this.readManaged();
    const prev = await this.getLocal<StoredManaged>(STORAGE_KEYS.managed);
    if (!raw) {
      await this.setManagedStatus({ state: 'none', dropped: [] });
      if (!prev) return { changed: false };
      await this.local.remove(STORAGE_KEYS.managed);
      this.invalidate();
      return { changed: true };
    }
    const dropped = droppedKeys(raw);
    const r = validatePolicy(raw, 'managed policy');
    const error = dropped.length ? `managed policy refused: ${droppedMessage(dropped)}` : !r.ok ? r.error : undefined;
    if (error) {
      const details = [...(dropped.length ? [droppedMessage(dropped)] : []), ...(!r.ok ? r.details : [])];
      await this.logError('managed', `${error}; the previous policy stays in force`, details);
      await this.setManagedStatus({ state: 'refused', dropped, reason: error });
      return { changed: false, error };
    }
    await this.setManagedStatus({ state: 'applied', dropped: [] });
    if (prev && JSON.stringify(prev.policy) === JSON.stringify(raw)) return { changed: false };
    await this.local.set({ [STORAGE_KEYS.managed]: { policy: raw, receivedAt: this.now().toISOString() } satisfies StoredManaged });
    this.invalidate();
    return { changed: true };
  }

  // ---- remote pack ----

  /** Fetches the remote signed pack now (one at a time); keeps the last good one on any error. */
  refreshRemote(): Promise<PolicyActionResult> {
    return (this.inflight ??= this.doRefresh().finally(() => {
      this.inflight = undefined;
    }));
  }

  private async doRefresh(): Promise<PolicyActionResult> {
    const { merged } = await this.current();
    const { packUrl, packPublicKey } = merged.policy;
    const prev = await this.getLocal<RemoteState>(STORAGE_KEYS.remote);
    if (!packUrl || !packPublicKey) {
      if (prev) {
        await this.local.remove(STORAGE_KEYS.remote);
        this.invalidate();
        await this.deps.broadcast();
      }
      return { ok: true, message: 'no remote pack configured' };
    }
    const out = await refreshRemotePack(prev, { url: packUrl, publicKey: packPublicKey }, { now: this.now, ...this.deps.remote });
    if (!out.ok) {
      const keeps = prev?.pack ? `; ${prev.pack.id} ${prev.pack.version} stays in force` : '';
      await this.logError('remote-pack', `${out.error.message}${keeps}`, out.error.details.length ? out.error.details : undefined);
      return { ok: false, error: out.error.message, details: out.error.details };
    }
    await this.local.set({ [STORAGE_KEYS.remote]: out.state });
    this.invalidate();
    if (out.status === 'updated') await this.deps.broadcast();
    return { ok: true, message: out.status === 'updated' ? `installed ${out.state.pack!.id} ${out.state.pack!.version}` : out.status };
  }

  // ---- the rep's imports ----

  async importUserPack(raw: unknown, fileName?: string): Promise<PolicyActionResult> {
    const label = `pack ${fileName ?? ''}`.trim();
    const r = validatePack(raw, label);
    if (!r.ok) {
      await this.logError('user-pack', r.error, r.details);
      return { ok: false, error: r.error, details: r.details };
    }
    const packs = (await this.userPacks()).filter((u) => u.pack.id !== r.value.id);
    if (packs.length >= MAX_USER_PACKS) return { ok: false, error: `${label} refused: at most ${MAX_USER_PACKS} imported packs; remove one first` };
    packs.push({ pack: r.value, importedAt: this.now().toISOString(), ...(fileName ? { fileName } : {}) });
    return this.changeLocal({ [STORAGE_KEYS.userPacks]: packs }, { ok: true, message: `imported ${r.value.id} ${r.value.version}` });
  }

  async removeUserPack(id: string): Promise<PolicyActionResult> {
    const packs = await this.userPacks();
    const rest = packs.filter((u) => u.pack.id !== id);
    if (rest.length === packs.length) return { ok: false, error: `no imported pack "${id}"` };
    return this.changeLocal({ [STORAGE_KEYS.userPacks]: rest }, { ok: true });
  }

  async importLocalPolicy(raw: unknown, fileName?: string): Promise<PolicyActionResult> {
    const r = validatePolicy(raw, `policy file ${fileName ?? ''}`.replace(/ $/, ''));
    if (!r.ok) {
      await this.logError('local-policy', `${r.error}; the previous policy stays in force`, r.details);
      return { ok: false, error: r.error, details: r.details };
    }
    const stored: StoredLocal = { policy: raw, importedAt: this.now().toISOString(), ...(fileName ? { fileName } : {}) };
    const done = await this.changeLocal({ [STORAGE_KEYS.local]: stored }, { ok: true });
    if (r.value.packUrl) void this.refreshRemote();
    return done;
  }

  clearLocalPolicy(): Promise<PolicyActionResult> {
    return this.changeLocal(null, { ok: true });
  }

  /** Writes (or, with null, removes the local policy file), recomputes and tells every tab. */
  private async changeLocal(items: Record<string, unknown> | null, result: PolicyActionResult): Promise<PolicyActionResult> {
    if (items) await this.local.set(items);
    else await this.local.remove(STORAGE_KEYS.local);
    this.invalidate();
    await this.deps.broadcast();
    return result;
  }

  private async userPacks(): Promise<UserPack[]> {
    const v = await this.getLocal<unknown>(STORAGE_KEYS.userPacks);
    return Array.isArray(v) ? (v as UserPack[]) : [];
  }

  /** The options page's messages (lib/background/router.ts). */
  readonly routes: Routes<PolicyMessage['type']> = {
    'policy-get-state': () => this.state(),
    'policy-import-pack': (m) => this.importUserPack(m.pack, m.fileName),
    'policy-remove-pack': (m) => this.removeUserPack(m.id),
    'policy-import-policy': (m) => this.importLocalPolicy(m.policy, m.fileName),
    'policy-clear-local': () => this.clearLocalPolicy(),
    'policy-refresh-remote': () => this.refreshRemote(),
    'policy-clear-errors': () => this.local.remove(STORAGE_KEYS.errors).then((): PolicyActionResult => ({ ok: true })),
  };

  // ---- events (wired by startPolicyService) ----

  onStorageChanged(changes: Record<string, unknown>, area: string): void {
    if (area === 'managed') {
      this.managedQueue = this.managedQueue.then(() => this.onManagedChange()).catch((e) => console.error('[crm-note-lint] managed policy', e));
      return;
    }
    if (area !== 'local') return;
    const keys = Object.keys(changes);
    if (keys.includes(STORAGE_KEYS.pausedSites)) {
      this.invalidate();
      void this.deps.broadcast();
    } else if (keys.some((k) => k.startsWith('policy.') && !BOOKKEEPING_KEYS.includes(k))) this.invalidate();
  }

  onAlarm(alarm: { name: string }): void {
    if (alarm.name === REFRESH_ALARM) void this.refreshRemote();
  }

  onInstalled(): void {
    void this.ready.then(() => this.refreshRemote());
  }

  onStartup(): void {
    void this.ready.then(async () => {
      const r = await this.getLocal<RemoteState>(STORAGE_KEYS.remote);
      const stale = !r?.checkedAt || this.now().getTime() - Date.parse(r.checkedAt) > REFRESH_PERIOD_MINUTES * 60_000;
      if (stale) await this.refreshRemote();
    });
  }

  /** The worker may have slept through a policy change: syncs the managed policy on every start. */
  start(): Promise<void> {
    if (this.started) return this.ready;
    this.started = true;
    return (this.ready = (async () => {
      try {
        await this.syncManaged();
        await this.ensureAlarm();
        await this.current();
      } catch (e) {
        console.error('[crm-note-lint] policy start-up failed', e);
      }
    })());
  }

  private async onManagedChange(): Promise<void> {
    const before = (await this.current()).merged.policy.packUrl;
    const r = await this.syncManaged();
    if (!r.changed) return;
    await this.deps.broadcast();
    if ((await this.current()).merged.policy.packUrl !== before) await this.refreshRemote();
  }

  // ---- internals ----

  private invalidate(): void {
    this.cache = undefined;
    // Recompute at once so settings that act without a request (reporting) follow the policy.
    if (this.started) void this.current().catch(() => undefined);
  }

  private current(): Promise<Loaded> {
    return (this.cache ??= this.loadAll().catch((e) => {
      this.cache = undefined;
      throw e;
    }));
  }

  private async loadAll(): Promise<Loaded> {
    const got = await this.local.get([
      STORAGE_KEYS.managed, STORAGE_KEYS.local, STORAGE_KEYS.remote, STORAGE_KEYS.userPacks, STORAGE_KEYS.pausedSites,
    ]);
    const inputs: PolicyInputs = { builtin: builtinCompiledPack() };
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
    const merged = mergePolicy(inputs);
    // The reporting service owns reporting; the policy decides whether and where it reports.
    await this.deps.onReporting?.(merged.policy.reporting ?? null).catch((e) => console.error('[crm-note-lint] reporting settings', e));
    return { merged, inputs, paused };
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

  private async getLocal<T>(key: string): Promise<T | undefined> {
    return (await this.local.get(key))[key] as T | undefined;
  }

  private async logError(source: ErrorSource, message: string, details?: string[]): Promise<void> {
    const log = readErrorLog(await this.getLocal<unknown>(STORAGE_KEYS.errors));
    await this.local.set({ [STORAGE_KEYS.errors]: appendError(log, { at: this.now().toISOString(), source, message, details }) });
  }

  private async setManagedStatus(s: Omit<ManagedStatus, 'at'>): Promise<void> {
    const prev = readManagedStatus(await this.getLocal<unknown>(STORAGE_KEYS.managedStatus));
    if (prev && prev.state === s.state && prev.reason === s.reason && prev.dropped.join() === s.dropped.join()) return;
    await this.local.set({ [STORAGE_KEYS.managedStatus]: { ...s, at: this.now().toISOString() } satisfies ManagedStatus });
  }

  private async ensureAlarm(): Promise<void> {
    const existing = await this.deps.alarms.get(REFRESH_ALARM);
    if (!existing) await this.deps.alarms.create(REFRESH_ALARM, { delayInMinutes: REFRESH_PERIOD_MINUTES, periodInMinutes: REFRESH_PERIOD_MINUTES });
  }
}

function readManagedStatus(v: unknown): ManagedStatus | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const s = v as Partial<ManagedStatus>;
  if (s.state !== 'none' && s.state !== 'applied' && s.state !== 'refused') return undefined;
  const dropped = Array.isArray(s.dropped) ? s.dropped.filter((k): k is string => typeof k === 'string') : [];
  return { state: s.state, at: typeof s.at === 'string' ? s.at : '', dropped, ...(typeof s.reason === 'string' ? { reason: s.reason } : {}) };
}

/** The browser events the policy service listens to (the real `browser`, or fakeBrowser in tests). */
export interface PolicyEvents {
  storage: { onChanged: { addListener(cb: (changes: Record<string, unknown>, area: string) => void): void } };
  alarms: { onAlarm: { addListener(cb: (alarm: { name: string }) => void): void } };
  runtime: { onInstalled: { addListener(cb: () => void): void }; onStartup: { addListener(cb: () => void): void } };
}

/** Registers the policy listeners and runs the start-up sync; messages come through `svc.routes`. */
export function startPolicyService(svc: PolicyService, events: PolicyEvents): Promise<void> {
  events.storage.onChanged.addListener((changes, area) => svc.onStorageChanged(changes, area));
  events.alarms.onAlarm.addListener((alarm) => svc.onAlarm(alarm));
  events.runtime.onInstalled.addListener(() => svc.onInstalled());
  events.runtime.onStartup.addListener(() => svc.onStartup());
  return svc.start();
}
