/**
 * Worker thread of `audit --jobs N`, with its own linter: lints (and redacts) batches of
 * cells, or audits a whole byte chunk of a CSV export (read → parse → lint → serialise).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { buildLinter } from './build-linter.ts';
import { useSharedPack } from './pack-loader.ts';
import type { WorkerPackData } from './worker-data.ts';
import { auditCell, type CellTask } from '../audit/cells.ts';
import { auditChunk, type ChunkTask } from '../audit/chunk.ts';
import { transferable } from '../workers/pool.ts';

const { dictionaries, builtin, shared } = workerData as WorkerPackData;
useSharedPack(shared);
const linter = await buildLinter(dictionaries, builtin, () => {});

/** One buffer reused for every chunk (the parser copies what it keeps): no fresh memory per chunk. */
let scratch = Buffer.allocUnsafeSlow(0);

function readChunk(t: ChunkTask): Buffer {
  if (scratch.length < t.length) scratch = Buffer.allocUnsafeSlow(t.length);
  const fd = openSync(t.path, 'r');
  try {
    let done = 0;
    while (done < t.length) {
      const n = readSync(fd, scratch, done, t.length - done, t.offset + done);
      if (n === 0) throw new Error(`${t.path} ends at byte ${t.offset + done}: it changed while it was audited`);
      done += n;
    }
  } finally {
    closeSync(fd);
  }
  return scratch.subarray(0, t.length);
}

parentPort!.on('message', (t: (CellTask | ChunkTask) & { id: number }) => {
  try {
    if ('path' in t) {
      const r = auditChunk(linter, t, readChunk(t));
      parentPort!.postMessage({ id: t.id, ...r }, transferable(r.findings, r.redacted));
    } else parentPort!.postMessage({ id: t.id, results: t.texts.map((text) => (text === null ? null : auditCell(linter, text, t))) });
  } catch (e) {
    parentPort!.postMessage({ id: t.id, error: (e as Error).stack ?? String(e) });
  }
});
