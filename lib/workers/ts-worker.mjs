// Source checkouts only (tests, `tsx` runs): a worker thread does not inherit the
// main thread's TypeScript loader, so it registers tsx itself, then loads the
// .ts worker named in workerData. The compiled package starts its .js workers directly.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.tsEntry);
