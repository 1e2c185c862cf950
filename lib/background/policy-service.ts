/**
 * Background-side policy: gathers the managed policy, the remote signed pack,
 * the user's imports and the built-in pack into one EffectiveConfig
 * (lib/background/policy/merge.ts), and keeps the last good of each source.
 *
 * storage.local keys (see STORAGE_KEYS):
 *   policy.managed    { policy, receivedAt }       last valid managed policy
 *   policy.local      { policy, importedAt, fileName }  policy file imported in the options page
 *   policy.remote     RemoteState                  last-known-good remote pack, ETag, dates
 *   policy.userPacks  UserPack[]                   packs imported in the options page
 *   policy.errors     PolicyErrorEntry[]           bounded log of refused policies/packs
 *   pausedSites       string[]                     hosts the rep paused (shared with the popup)
 *
 * Every source is validated as a whole before it is stored; on error the
 * previous value stays in force and the error is logged.
 */
import { browser } from 'wxt/browser';
import builtinPack from '../generated/builtin-pack.json';
import { compiledPackSchema, type CompiledPack } from '../schema/dictionary.ts';
import type { EffectiveConfig } from '../config.ts';
import type { Message, PolicyMessage } from '../messages.ts';
import type { Routes } from './router.ts';
import { appendError, type ErrorSource, type PolicyErrorEntry } from './policy/error-log.ts';
import { configureReporting } from './stats-service.ts';
import { configForTarget, exportEffectivePolicy, mergePolicy, type Merged, type PolicyInputs, type UserPack } from './policy/merge.ts';
import { refreshRemotePack, type RefreshDeps, type RemoteState } from './policy/remote.ts';
import type { PolicyActionResult, PolicyState } from './policy/state.ts';
import { validatePack, validatePolicy } from './policy/validate.ts';
import type { Policy } from '../schema/policy.ts';

export const STORAGE_KEYS = {
  managed: 'policy.managed',
  local: 'policy.local',
  remote: 'policy.remote',
  userPacks: 'policy.userPacks',
  errors: 'policy.errors',
  pausedSites: 'pausedSites',
} as const;

export const REFRESH_ALARM = 'crm-note-lint.pack-refresh';
export const REFRESH_PERIOD_MINUTES = 6 * 60;
export const MAX_USER_PACKS = 10;

let builtin: CompiledPack | undefined;

export function builtinCompiledPack(): CompiledPack {
  return (builtin ??= compiledPackSchema.parse(builtinPack));
}

interface StoredManaged { policy: unknown; receivedAt?: string }
interface StoredLocal { policy: unknown; importedAt?: string; fileName?: string }

/** Test hooks: fetch, clock, size cap of remote packs. */
let deps: RefreshDeps = {};
export function setPolicyServiceDeps(d: RefreshDeps): void {
  deps = d;
}

let cache: Promise<{ merged: Merged; inputs: PolicyInputs; paused: string[] }> | undefined;

function invalidate(): void {
  cache = undefined;
  // Recompute at once so settings that act without a request (reporting) follow the policy.
  if (started) void current().catch(() => undefined);
}

async function getLocal<T>(key: string): Promise<T | undefined> {
  const r = await browser.storage.local.get(key);
  return r[key] as T | undefined;
}

async function logError(source: ErrorSource, message: string, details?: string[]): Promise<void> {
  const log = (await getLocal<PolicyErrorEntry[]>(STORAGE_KEYS.errors)) ?? [];
  await browser.storage.local.set({ [STORAGE_KEYS.errors]: appendError(Array.isArray(log) ? log : [], { at: new Date().toISOString(), source, message, details }) });
}

async function readManagedRaw(): Promise<Record<string, unknown> | undefined> {
  try {
    const v = await browser.storage.managed.get();
    return v && typeof v === 'object' && Object.keys(v).length ? (v as Record<string, unknown>) : undefined;
  } catch {
    // Firefox without a policy, or a browser without managed storage.
    return undefined;
  }
}

/**
 * Reads managed storage: a valid policy replaces the last good one; an invalid
 * one is logged and the last good one stays; no policy at all removes it.
 */
export async function syncManagedPolicy(): Promise<{ changed: boolean; error?: string }> {
  const raw = await readManagedRaw();
  const prev = await getLocal<StoredManaged>(STORAGE_KEYS.managed);
  if (!raw) {
    if (!prev) return { changed: false };
    await browser.storage.local.remove(STORAGE_KEYS.managed);
    invalidate();
    return { changed: true };
  }
  const r = validatePolicy(raw, 'managed policy');
  if (!r.ok) {
    await logError('managed', `${r.error}; the previous policy stays in force`, r.details);
    return { changed: false, error: r.error };
  }
  if (prev && JSON.stringify(prev.policy) === JSON.stringify(raw)) return { changed: false };
  await browser.storage.local.set({ [STORAGE_KEYS.managed]: { policy: raw, receivedAt: new Date().toISOString() } satisfies StoredManaged });
  invalidate();
  return { changed: true };
}

async function loadAll() {
  const got = await browser.storage.local.get([
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
  // The stats service owns reporting; the policy decides whether and where it reports.
  await configureReporting(merged.policy.reporting ?? null).catch((e) => console.error('[crm-note-lint] reporting settings', e));
  return { merged, inputs, paused };
}

function current() {
  return (cache ??= loadAll().catch((e) => {
    cache = undefined;
    throw e;
  }));
}

/** The configuration for one page (its host; its URL when the caller knows it). */
export async function loadEffectiveConfig(host: string, url?: string): Promise<EffectiveConfig> {
  const { merged, paused } = await current();
  return configForTarget(merged, { host, url }, paused);
}

let inflight: Promise<PolicyActionResult> | undefined;

/** Fetches the remote signed pack now (one at a time); keeps the last good one on any error. */
export function refreshRemote(): Promise<PolicyActionResult> {
  return (inflight ??= doRefresh().finally(() => {
    inflight = undefined;
  }));
}

async function doRefresh(): Promise<PolicyActionResult> {
  const { merged } = await current();
  const { packUrl, packPublicKey } = merged.policy;
  const prev = await getLocal<RemoteState>(STORAGE_KEYS.remote);
  if (!packUrl || !packPublicKey) {
    if (prev) {
      await browser.storage.local.remove(STORAGE_KEYS.remote);
      invalidate();
      await broadcastConfigChanged();
    }
    return { ok: true, message: 'no remote pack configured' };
  }
  const out = await refreshRemotePack(prev, { url: packUrl, publicKey: packPublicKey }, deps);
  if (!out.ok) {
    const keeps = prev?.pack ? `; ${prev.pack.id} ${prev.pack.version} stays in force` : '';
    await logError('remote-pack', `${out.error.message}${keeps}`, out.error.details.length ? out.error.details : undefined);
    return { ok: false, error: out.error.message, details: out.error.details };
  }
  await browser.storage.local.set({ [STORAGE_KEYS.remote]: out.state });
  invalidate();
  if (out.status === 'updated') await broadcastConfigChanged();
  return { ok: true, message: out.status === 'updated' ? `installed ${out.state.pack!.id} ${out.state.pack!.version}` : out.status };
}

export async function getPolicyState(): Promise<PolicyState> {
  const { merged, inputs, paused } = await current();
  const errors = (await getLocal<PolicyErrorEntry[]>(STORAGE_KEYS.errors)) ?? [];
  const r = inputs.remote;
  return {
    policy: merged.policy,
    orgKeys: merged.orgKeys,
    managed: !!inputs.managed,
    packs: merged.packInfo,
    config: configForTarget(merged, undefined, paused),
    exported: exportEffectivePolicy(merged),
    errors,
    ...(r ? { remote: { url: r.url, id: r.pack?.id, version: r.pack?.version, updatedAt: r.updatedAt, checkedAt: r.checkedAt, keyId: r.keyId } } : {}),
    ...(inputs.local
      ? { localPolicy: { fileName: inputs.local.fileName, importedAt: inputs.local.importedAt, ignored: inputs.managed?.policy.allowUserOverrides === false } }
      : {}),
    pausedSites: paused,
  };
}

export async function importUserPack(raw: unknown, fileName?: string): Promise<PolicyActionResult> {
  const label = `pack ${fileName ?? ''}`.trim();
  const r = validatePack(raw, label);
  if (!r.ok) {
    await logError('user-pack', r.error, r.details);
    return { ok: false, error: r.error, details: r.details };
  }
  const packs = ((await getLocal<UserPack[]>(STORAGE_KEYS.userPacks)) ?? []).filter((u) => u.pack.id !== r.value.id);
  if (packs.length >= MAX_USER_PACKS) return { ok: false, error: `${label} refused: at most ${MAX_USER_PACKS} imported packs; remove one first` };
  packs.push({ pack: r.value, importedAt: new Date().toISOString(), ...(fileName ? { fileName } : {}) });
  await browser.storage.local.set({ [STORAGE_KEYS.userPacks]: packs });
  invalidate();
  await broadcastConfigChanged();
  return { ok: true, message: `imported ${r.value.id} ${r.value.version}` };
}

export async function removeUserPack(id: string): Promise<PolicyActionResult> {
  const packs = (await getLocal<UserPack[]>(STORAGE_KEYS.userPacks)) ?? [];
  const rest = packs.filter((u) => u.pack.id !== id);
  if (rest.length === packs.length) return { ok: false, error: `no imported pack "${id}"` };
  await browser.storage.local.set({ [STORAGE_KEYS.userPacks]: rest });
  invalidate();
  await broadcastConfigChanged();
  return { ok: true };
}

export async function importLocalPolicy(raw: unknown, fileName?: string): Promise<PolicyActionResult> {
  const r = validatePolicy(raw, `policy file ${fileName ?? ''}`.replace(/ $/, ''));
  if (!r.ok) {
    await logError('local-policy', `${r.error}; the previous policy stays in force`, r.details);
    return { ok: false, error: r.error, details: r.details };
  }
  await browser.storage.local.set({ [STORAGE_KEYS.local]: { policy: raw, importedAt: new Date().toISOString(), ...(fileName ? { fileName } : {}) } satisfies StoredLocal });
  invalidate();
  await broadcastConfigChanged();
  if (r.value.packUrl) void refreshRemote();
  return { ok: true };
}

async function clearLocalPolicy(): Promise<PolicyActionResult> {
  await browser.storage.local.remove(STORAGE_KEYS.local);
  invalidate();
  await broadcastConfigChanged();
  return { ok: true };
}

async function broadcastConfigChanged(): Promise<void> {
  const msg: Message = { type: 'config-changed' };
  try {
    const tabs = await browser.tabs.query({});
    for (const t of tabs) if (t.id != null) browser.tabs.sendMessage(t.id, msg).catch(() => {});
  } catch {
    /* no tabs API here */
  }
  try {
    await browser.runtime.sendMessage(msg);
  } catch {
    /* no page listening */
  }
}

async function ensureAlarm(): Promise<void> {
  const existing = await browser.alarms.get(REFRESH_ALARM);
  if (!existing) browser.alarms.create(REFRESH_ALARM, { delayInMinutes: REFRESH_PERIOD_MINUTES, periodInMinutes: REFRESH_PERIOD_MINUTES });
}

/** The options page's messages (lib/background/router.ts). */
export const policyRoutes: Routes<PolicyMessage['type']> = {
  'policy-get-state': () => getPolicyState(),
  'policy-import-pack': (m) => importUserPack(m.pack, m.fileName),
  'policy-remove-pack': (m) => removeUserPack(m.id),
  'policy-import-policy': (m) => importLocalPolicy(m.policy, m.fileName),
  'policy-clear-local': () => clearLocalPolicy(),
  'policy-refresh-remote': () => refreshRemote(),
  'policy-clear-errors': () => browser.storage.local.remove(STORAGE_KEYS.errors).then((): PolicyActionResult => ({ ok: true })),
};

let started = false;
let managedQueue: Promise<void> = Promise.resolve();
/** Resolves when the start-up sync (managed policy, alarm) is done: tests await it. */
export let policyServiceReady: Promise<void> = Promise.resolve();

/** Registers the policy listeners (storage changes, alarms, install/start-up); messages come through `policyRoutes`. */
export function startPolicyService(): void {
  if (started) return;
  started = true;

  const onManagedChange = async () => {
    const before = (await current()).merged.policy.packUrl;
    const r = await syncManagedPolicy();
    if (!r.changed) return;
    await broadcastConfigChanged();
    if ((await current()).merged.policy.packUrl !== before) await refreshRemote();
  };

  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed') {
      managedQueue = managedQueue.then(onManagedChange).catch((e) => console.error('[crm-note-lint] managed policy', e));
      return;
    }
    if (area !== 'local') return;
    const keys = Object.keys(changes);
    if (keys.includes(STORAGE_KEYS.pausedSites)) {
      invalidate();
      void broadcastConfigChanged();
    } else if (keys.some((k) => k.startsWith('policy.') && k !== STORAGE_KEYS.errors)) invalidate();
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REFRESH_ALARM) void refreshRemote();
  });

  browser.runtime.onInstalled.addListener(() => {
    void policyServiceReady.then(() => refreshRemote());
  });
  browser.runtime.onStartup.addListener(() => {
    void policyServiceReady.then(async () => {
      const r = await getLocal<RemoteState>(STORAGE_KEYS.remote);
      const stale = !r?.checkedAt || Date.now() - Date.parse(r.checkedAt) > REFRESH_PERIOD_MINUTES * 60_000;
      if (stale) await refreshRemote();
    });
  });

  // The worker may have slept through a policy change: sync on every start.
  policyServiceReady = (async () => {
    try {
      await syncManagedPolicy();
      await ensureAlarm();
      await current();
    } catch (e) {
      console.error('[crm-note-lint] policy start-up failed', e);
    }
  })();
}

/** Test hook: forget registration and cached state (fakeBrowser.reset() drops the listeners). */
export function resetPolicyServiceForTests(): void {
  started = false;
  cache = undefined;
  inflight = undefined;
  deps = {};
  policyServiceReady = Promise.resolve();
}

