/**
 * A fixed pool of worker threads answering one message per task. Tasks go to the
 * least busy worker; callers await results in submission order, which keeps the
 * output order of the input. A worker that dies fails its tasks with its error.
 * With a `here` handler this thread is one of the pool's lanes: on N cores, N − 1 threads
 * start and this one, already loaded, works too instead of waiting for them.
 */
import { Worker } from 'node:worker_threads';
import { isPackageBuild } from '../build-info.ts';

interface Slot {
  worker: Worker;
  busy: number;
  waiting: Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>;
}


export interface WorkerEntry {
  url: URL;
  /** Set from sources: the .ts module the tsx bootstrap loads. */
  tsEntry?: string;
}

/** A worker entry beside the calling module: compiled .js in dist, TypeScript through a tsx bootstrap from sources. */
export function workerEntry(name: string, base: string): WorkerEntry {
  if (isPackageBuild()) return { url: new URL(`./${name}.js`, base) };
  return { url: new URL('./ts-worker.mjs', import.meta.url), tsEntry: new URL(`./${name}.ts`, base).href };
}

/**
 * The buffers of `views` that can move to another thread without a copy: those that are
 * the whole of their own ArrayBuffer (a slice of Node's shared Buffer pool is copied instead).
 */
export function transferable(...views: Uint8Array[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const v of views) {
    if (v.byteOffset === 0 && v.byteLength === v.buffer.byteLength && v.buffer instanceof ArrayBuffer && !out.includes(v.buffer)) out.push(v.buffer);
  }
  return out;
}

/** Tasks this thread runs itself, one at a time between the workers' messages. */
class HereLane<In, Out> {
  busy = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly handler: (task: In) => Out) {}

  run(task: In): Promise<Out> {
    this.busy++;
    return new Promise<Out>((resolve, reject) => {
      this.queue.push(() => {
        this.busy--;
        try { resolve(this.handler(task)); } catch (e) { reject(e as Error); }
      });
      // One task per turn of the event loop: the workers' results and new tasks for them go out in between.
      if (this.queue.length === 1) setImmediate(() => this.next());
    });
  }

  private next(): void {
    this.queue.shift()?.();
    if (this.queue.length) setImmediate(() => this.next());
  }
}

export class WorkerPool<In extends object, Out> {
  private readonly slots: Slot[] = [];
  private readonly here?: HereLane<In, Out>;
  private nextId = 0;

  /** `size` lanes: `size` worker threads, or `size − 1` and this thread when `here` is given. */
  constructor(entry: WorkerEntry, size: number, workerData: object, here?: (task: In) => Out) {
    const data = entry.tsEntry ? { ...workerData, tsEntry: entry.tsEntry } : workerData;
    if (here) this.here = new HereLane(here);
    for (let i = here ? 1 : 0; i < size; i++) {
      const slot: Slot = { worker: new Worker(entry.url, { workerData: data }), busy: 0, waiting: new Map() };
      slot.worker.on('message', (m: { id: number; error?: string } & Out) => {
        const w = slot.waiting.get(m.id);
        if (!w) return;
        slot.waiting.delete(m.id);
        slot.busy--;
        if (m.error) w.reject(new Error(m.error));
        else w.resolve(m);
      });
      const failAll = (e: Error) => {
        for (const w of slot.waiting.values()) w.reject(e);
        slot.waiting.clear();
      };
      slot.worker.on('error', failAll);
      slot.worker.on('exit', (code) => { if (code !== 0) failAll(new Error(`worker thread exited with code ${code}`)); });
      this.slots.push(slot);
    }
  }

  /** Runs `task` on the least busy worker; the buffers in `transfer` move to it (no copy) and are unusable here afterwards. */
  run(task: In, transfer: ArrayBuffer[] = []): Promise<Out> {
    const least = this.slots.length ? this.slots.reduce((a, b) => (b.busy < a.busy ? b : a)) : undefined;
    // Ties go to a worker: this thread also writes the results, so it takes a task only when it is not behind.
    if (this.here && (!least || this.here.busy < least.busy)) return this.here.run(task);
    const slot = least!;
    const id = this.nextId++;
    slot.busy++;
    return new Promise<Out>((resolve, reject) => {
      slot.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      slot.worker.postMessage({ ...task, id }, transfer);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
