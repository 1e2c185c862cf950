/**
 * The rep's "pause on this site" list. Stored in storage.local under
 * PAUSED_SITES_KEY as a sorted array of host names (e.g. ["crm.example.com"]).
 * The key is shared with the policy service (STORAGE_KEYS.pausedSites of policy/stored-inputs.ts),
 * which applies the list to get-config replies (only where policy allows user
 * overrides) and tells content scripts when it changes.
 */
import type { KeyValueArea } from './deps.ts';

export const PAUSED_SITES_KEY = 'pausedSites';

export function normalizeHost(host: string): string {
  return host.trim().toLowerCase();
}

/** Same rule as lib/background/policy/merge.ts isPaused (which applies the list to get-config): exact host. */
export function isHostPaused(list: readonly string[], host: string): boolean {
  const h = normalizeHost(host);
  return !!h && list.some((p) => p.toLowerCase() === h);
}

export class PauseList {
  constructor(private readonly local: KeyValueArea) {}

  async get(): Promise<string[]> {
    const v = (await this.local.get(PAUSED_SITES_KEY))[PAUSED_SITES_KEY];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  }

  async set(host: string, paused: boolean): Promise<string[]> {
    const h = normalizeHost(host);
    const list = new Set(await this.get());
    if (paused) list.add(h);
    else for (const p of [...list]) if (p.toLowerCase() === h) list.delete(p);
    const out = [...list].sort();
    await this.local.set({ [PAUSED_SITES_KEY]: out });
    return out;
  }
}
