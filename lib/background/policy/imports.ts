/**
 * What the rep (or an administrator without managed storage) imports in the options
 * page: dictionary packs (at most MAX_USER_PACKS, one per id) and a policy file. Each
 * is validated as a whole before it is stored; a refused one is logged and changes nothing.
 */
import type { KeyValueArea } from '../deps.ts';
import type { PolicyErrorLog } from './error-log.ts';
import type { UserPack } from './merge.ts';
import type { PolicyActionResult } from './state.ts';
import { getStored, STORAGE_KEYS, type StoredLocal } from './stored-inputs.ts';
import { validatePack, validatePolicy } from './validate.ts';

export const MAX_USER_PACKS = 10;

export interface ImportsDeps {
  local: KeyValueArea;
  errors: PolicyErrorLog;
  now: () => Date;
  /** A source changed: recompute and tell every tab. */
  changed(): Promise<void>;
  /** The imported policy names a remote pack: fetch it. */
  refreshRemote(): void;
}

export class PolicyImports {
  constructor(private readonly deps: ImportsDeps) {}

  async importUserPack(raw: unknown, fileName?: string): Promise<PolicyActionResult> {
    const label = `pack ${fileName ?? ''}`.trim();
    const r = validatePack(raw, label);
    if (!r.ok) {
      await this.deps.errors.add('user-pack', r.error, r.details);
      return { ok: false, error: r.error, details: r.details };
    }
    const packs = (await this.userPacks()).filter((u) => u.pack.id !== r.value.id);
    if (packs.length >= MAX_USER_PACKS) return { ok: false, error: `${label} refused: at most ${MAX_USER_PACKS} imported packs; remove one first` };
    packs.push({ pack: r.value, importedAt: this.deps.now().toISOString(), ...(fileName ? { fileName } : {}) });
    return this.write({ [STORAGE_KEYS.userPacks]: packs }, { ok: true, message: `imported ${r.value.id} ${r.value.version}` });
  }

  async removeUserPack(id: string): Promise<PolicyActionResult> {
    const packs = await this.userPacks();
    const rest = packs.filter((u) => u.pack.id !== id);
    if (rest.length === packs.length) return { ok: false, error: `no imported pack "${id}"` };
    return this.write({ [STORAGE_KEYS.userPacks]: rest }, { ok: true });
  }

  async importLocalPolicy(raw: unknown, fileName?: string): Promise<PolicyActionResult> {
    const r = validatePolicy(raw, `policy file ${fileName ?? ''}`.replace(/ $/, ''));
    if (!r.ok) {
      await this.deps.errors.add('local-policy', `${r.error}; the previous policy stays in force`, r.details);
      return { ok: false, error: r.error, details: r.details };
    }
    const stored: StoredLocal = { policy: raw, importedAt: this.deps.now().toISOString(), ...(fileName ? { fileName } : {}) };
    const done = await this.write({ [STORAGE_KEYS.local]: stored }, { ok: true });
    if (r.value.packUrl) this.deps.refreshRemote();
    return done;
  }

  clearLocalPolicy(): Promise<PolicyActionResult> {
    return this.write(null, { ok: true });
  }

  /** Writes (or, with null, removes the local policy file), then recomputes and tells every tab. */
  private async write(items: Record<string, unknown> | null, result: PolicyActionResult): Promise<PolicyActionResult> {
    if (items) await this.deps.local.set(items);
    else await this.deps.local.remove(STORAGE_KEYS.local);
    await this.deps.changed();
    return result;
  }

  private async userPacks(): Promise<UserPack[]> {
    const v = await getStored<unknown>(this.deps.local, STORAGE_KEYS.userPacks);
    return Array.isArray(v) ? (v as UserPack[]) : [];
  }
}
