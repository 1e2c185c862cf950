/** Worker thread of `audit --jobs N`: lints (and redacts) batches of cells with its own linter. */
import { parentPort, workerData } from 'node:worker_threads';
import { buildLinter } from './build-linter.ts';
import { auditCell, type CellTask } from '../audit/cells.ts';

const { dictionaries, builtin } = workerData as { dictionaries: string[]; builtin: boolean };
const linter = await buildLinter(dictionaries, builtin, () => {});

parentPort!.on('message', (t: CellTask & { id: number }) => {
  try {
    parentPort!.postMessage({ id: t.id, results: t.texts.map((text) => (text === null ? null : auditCell(linter, text, t))) });
  } catch (e) {
    parentPort!.postMessage({ id: t.id, error: (e as Error).stack ?? String(e) });
  }
});
