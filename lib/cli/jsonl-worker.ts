/** Worker thread of `check --jsonl --jobs N`: lints batches of JSONL lines with its own linter. */
import { parentPort, workerData } from 'node:worker_threads';
import { buildLinter } from './build-linter.ts';
import { lintJsonlLines } from './jsonl.ts';
import type { JsonlTask } from './check.ts';

const { dictionaries, builtin } = workerData as { dictionaries: string[]; builtin: boolean };
// Invalid --dictionary packs were reported by the main thread already: skip them quietly here.
const linter = await buildLinter(dictionaries, builtin, () => {});

parentPort!.on('message', (t: JsonlTask & { id: number }) => {
  try {
    parentPort!.postMessage({ id: t.id, ...lintJsonlLines(linter, t.lines, t.firstLine, t.locale, t.failOn) });
  } catch (e) {
    parentPort!.postMessage({ id: t.id, error: (e as Error).stack ?? String(e) });
  }
});
