/**
 * Background-side policy: gathers the managed policy, the remote signed pack,
 * the user's imports and the built-in pack into one EffectiveConfig
 * (policy/merge.ts), and keeps the last good of each source. Its parts, one
 * concern each, in policy/: stored-inputs.ts (storage layout, reading back),
 * managed-sync.ts (managed storage), remote-refresh.ts (the signed pack),
 * imports.ts (the options page's imports), error-log.ts (what was refused).
 *
 * Every source is validated as a whole before it is stored; on error the
 * previous value stays in force and the error is logged.
 */
import type { EffectiveConfig } from '../config.ts';
import type { PolicyMessage } from '../messages.ts';
import type { CompiledPack } from '../schema/dictionary.ts';
import type { ReportingSettingsInput } from '../schema/report.ts';
import type { AlarmsApi, KeyValueArea, ManagedArea } from './deps.ts';
import type { Routes } from './router.ts';
import { PolicyErrorLog } from './policy/error-log.ts';
import { PolicyImports } from './policy/imports.ts';
import { ManagedPolicySync } from './policy/managed-sync.ts';
import { configForTarget, exportEffectivePolicy, mergePolicy, type Merged, type PolicyInputs } from './policy/merge.ts';
import type { RefreshDeps } from './policy/remote.ts';
import { REFRESH_ALARM, RemotePackRefresh } from './policy/remote-refresh.ts';
import type { PolicyActionResult, PolicyState } from './policy/state.ts';
import { settledPacks } from './policy/builtin-pack.ts';
import { BOOKKEEPING_KEYS, readInputs, STORAGE_KEYS } from './policy/stored-inputs.ts';

interface Loaded { merged: Merged; inputs: PolicyInputs; paused: string[] }

export interface PolicyServiceDeps {
  local: KeyValueArea;
  /** null where the browser has no managed storage. */
  managed: ManagedArea | null;
  alarms: AlarmsApi;
  /** The built-in pack, read once (policy/builtin-pack.ts: the extension's own file). */
  builtinPack(): Promise<CompiledPack>;
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
  private readonly errors: PolicyErrorLog;
  private readonly managed: ManagedPolicySync;
  private readonly remote: RemotePackRefresh;
  private readonly imports: PolicyImports;
  private cache: Promise<Loaded> | undefined;
  private managedQueue: Promise<void> = Promise.resolve();
  private started = false;
  /** Resolves when the start-up sync (managed policy, alarm) is done. */
  private ready: Promise<void> = Promise.resolve();

  constructor(private readonly deps: PolicyServiceDeps) {
    const local = (this.local = deps.local);
    const now = deps.now ?? (() => new Date());
    const errors = (this.errors = new PolicyErrorLog(local, STORAGE_KEYS.errors, now));
    this.managed = new ManagedPolicySync({ local, managed: deps.managed, errors, now });
    this.remote = new RemotePackRefresh({
      local, alarms: deps.alarms, remote: deps.remote, errors, now,
      source: async () => (await this.current()).merged.policy,
      changed: async (broadcast) => {
        this.invalidate();
        if (broadcast) await deps.broadcast();
      },
    });
    this.imports = new PolicyImports({
      local, errors, now,
      changed: async () => {
        this.invalidate();
        await deps.broadcast();
      },
      refreshRemote: () => void this.refreshRemote(),
    });
  }

  /** The configuration for one page (its host; its URL when the caller knows it). */
  async effectiveConfig(host: string, url?: string): Promise<EffectiveConfig> {
    const { merged, paused } = await this.current();
    return configForTarget(merged, { host, url }, paused);
  }

  async state(): Promise<PolicyState> {
    const { merged, inputs, paused } = await this.current();
    const r = inputs.remote;
    const managedStatus = await this.managed.status();
    const config = configForTarget(merged, undefined, paused);
    // The options page lints and labels with every phrase (Firefox would drop lazy ones).
    settledPacks(config.packs);
    return {
      policy: merged.policy,
      orgKeys: merged.orgKeys,
      managed: !!inputs.managed,
      packs: merged.packInfo,
      config,
      exported: exportEffectivePolicy(merged),
      errors: await this.errors.read(),
      ...(managedStatus ? { managedStatus } : {}),
      ...(r ? { remote: { url: r.url, id: r.pack?.id, version: r.pack?.version, updatedAt: r.updatedAt, checkedAt: r.checkedAt, keyId: r.keyId } } : {}),
      ...(inputs.local
        ? { localPolicy: { fileName: inputs.local.fileName, importedAt: inputs.local.importedAt, ignored: inputs.managed?.policy.allowUserOverrides === false } }
        : {}),
      pausedSites: paused,
    };
  }

  /** Fetches the remote signed pack now (one at a time); keeps the last good one on any error. */
  refreshRemote(): Promise<PolicyActionResult> {
    return this.remote.refresh();
  }

  /** The options page's messages (lib/background/router.ts). */
  readonly routes: Routes<PolicyMessage['type']> = {
    'policy-get-state': () => this.state(),
    'policy-import-pack': (m) => this.imports.importUserPack(m.pack, m.fileName),
    'policy-remove-pack': (m) => this.imports.removeUserPack(m.id),
    'policy-import-policy': (m) => this.imports.importLocalPolicy(m.policy, m.fileName),
    'policy-clear-local': () => this.imports.clearLocalPolicy(),
    'policy-refresh-remote': () => this.refreshRemote(),
    'policy-clear-errors': () => this.errors.clear().then((): PolicyActionResult => ({ ok: true })),
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
      if (await this.remote.isStale()) await this.refreshRemote();
    });
  }

  /** The worker may have slept through a policy change: syncs the managed policy on every start. */
  start(): Promise<void> {
    if (this.started) return this.ready;
    this.started = true;
    // The built-in pack's read and parse (the longest step) runs while the managed policy syncs.
    void this.deps.builtinPack().catch(() => undefined);
    return (this.ready = (async () => {
      try {
        await this.syncManaged();
        await this.remote.ensureAlarm();
        await this.current();
      } catch (e) {
        console.error('[crm-note-lint] policy start-up failed', e);
      }
    })());
  }

  private async syncManaged(): Promise<{ changed: boolean }> {
    const r = await this.managed.sync();
    if (r.changed) this.invalidate();
    return r;
  }

  private async onManagedChange(): Promise<void> {
    const before = (await this.current()).merged.policy.packUrl;
    const r = await this.syncManaged();
    if (!r.changed) return;
    await this.deps.broadcast();
    if ((await this.current()).merged.policy.packUrl !== before) await this.refreshRemote();
  }

  private invalidate(): void {
    this.cache = undefined;
    // Recompute at once so settings that act without a request (reporting) follow the policy.
    if (this.started) void this.current().catch(() => undefined);
  }

  private current(): Promise<Loaded> {
    return (this.cache ??= this.load().catch((e) => {
      this.cache = undefined;
      throw e;
    }));
  }

  private async load(): Promise<Loaded> {
    const { inputs, paused } = await readInputs(this.local, await this.deps.builtinPack());
    const merged = mergePolicy(inputs);
    // The reporting service owns reporting; the policy decides whether and where it reports.
    await this.deps.onReporting?.(merged.policy.reporting ?? null).catch((e) => console.error('[crm-note-lint] reporting settings', e));
    return { merged, inputs, paused };
  }
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
