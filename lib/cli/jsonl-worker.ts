/** Worker thread of `check --jsonl --jobs N`: lints batches of JSONL lines with its own linter. */
import { parentPort, workerData } from 'node:worker_threads';
import { buildLinter } from './build-linter.ts';
import { useSharedPack } from './pack-loader.ts';
import type { WorkerPackData } from './worker-data.ts';
import { lintJsonlLines } from './jsonl.ts';
import { batchLines } from './line-batches.ts';
import type { JsonlTask } from './check.ts';

const { dictionaries, builtin, shared } = workerData as WorkerPackData;
useSharedPack(shared);
// Invalid --dictionary packs were reported by the main thread already: skip them quietly here.
const linter = await buildLinter(dictionaries, builtin, () => {});
const utf8 = new TextEncoder();

parentPort!.on('message', (t: JsonlTask & { id: number }) => {
  try {
    const r = lintJsonlLines(linter, batchLines(t.bytes), t.firstLine, t.locale, t.failOn);
    // Encoded here, in parallel, and moved to the main thread: it only writes the bytes.
    const out = utf8.encode(r.out);
    parentPort!.postMessage({ id: t.id, ...r, out }, [out.buffer]);
  } catch (e) {
    parentPort!.postMessage({ id: t.id, error: (e as Error).stack ?? String(e) });
  }
});
