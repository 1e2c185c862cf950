/**
 * Worker thread of `audit --jobs N`, with its own linter: lints (and redacts) batches of
 * cells, or audits a whole byte chunk of a CSV export (read → parse → lint → serialise).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildLinter } from './build-linter.ts';
import { useSharedPack } from './pack-loader.ts';
import type { WorkerPackData } from './worker-data.ts';
import { auditCell, type CellTask } from '../audit/cells.ts';
import { auditChunk, chunkReader, type ChunkTask } from '../audit/chunk.ts';
import { transferable } from '../workers/pool.ts';

const { dictionaries, builtin, shared } = workerData as WorkerPackData;
useSharedPack(shared);
const linter = await buildLinter(dictionaries, builtin, () => {});

const readChunk = chunkReader();

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
