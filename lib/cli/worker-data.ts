/**
 * What a worker thread of `check --jsonl` or `audit` needs to rebuild the main thread's
 * linter: the same packs, and the built-in pack's bytes in shared memory (read once
 * by the main thread, not once per worker).
 */
import { sharePack, type SharedPack } from './pack-loader.ts';

export interface WorkerPackData {
  dictionaries: string[];
  builtin: boolean;
  shared?: SharedPack;
}

/** Called when the workers start, so a run that never starts them reads no extra bytes. */
export function workerPackData(dictionaries: string[], builtin: boolean): WorkerPackData {
  const shared = builtin ? sharePack() : undefined;
  return { dictionaries, builtin, ...(shared ? { shared } : {}) };
}
