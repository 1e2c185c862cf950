/**
 * Worker thread of `audit --jobs N`, with its own linter: lints (and redacts) batches of
 * cells, or audits a whole byte chunk of a CSV export (parse → lint → serialise).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildLinter } from './build-linter.ts';
import { auditCell, type CellTask } from '../audit/cells.ts';
import { auditChunk, type ChunkTask } from '../audit/chunk.ts';

const { dictionaries, builtin } = workerData as { dictionaries: string[]; builtin: boolean };
const linter = await buildLinter(dictionaries, builtin, () => {});

parentPort!.on('message', (t: (CellTask | ChunkTask) & { id: number }) => {
  try {
    if ('chunk' in t) parentPort!.postMessage({ id: t.id, ...auditChunk(linter, t) });
    else parentPort!.postMessage({ id: t.id, results: t.texts.map((text) => (text === null ? null : auditCell(linter, text, t))) });
  } catch (e) {
    parentPort!.postMessage({ id: t.id, error: (e as Error).stack ?? String(e) });
  }
});
