/**
 * The worker pool with this thread as one of its lanes (`here`): tasks go to both,
 * results come back in submission order, and a task that throws here fails alone.
 */
import { describe, expect, it } from 'vitest';
import { WorkerPool, workerEntry } from '../../lib/workers/pool.ts';

type Task = { n: number };
type Result = { n: number; where: string };
const entry = workerEntry('double-worker', new URL('../fixtures/workers/double-worker.ts', import.meta.url).href);

describe('WorkerPool with this thread as a lane', () => {
  it('spreads tasks over the worker and this thread and keeps their order', async () => {
    const pool = new WorkerPool<Task, Result>(entry, 2, {}, (t) => ({ n: t.n * 2, where: 'here' }));
    try {
      const results = await Promise.all(Array.from({ length: 40 }, (_, n) => pool.run({ n })));
      expect(results.map((r) => r.n)).toEqual(Array.from({ length: 40 }, (_, n) => n * 2));
      const here = results.filter((r) => r.where === 'here').length;
      // Least busy first, ties to the worker: both lanes take about half.
      expect(here).toBeGreaterThanOrEqual(15);
      expect(40 - here).toBeGreaterThanOrEqual(15);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('with one lane starts no worker and runs everything here, one task per turn of the event loop', async () => {
    let running = 0;
    let overlap = false;
    const pool = new WorkerPool<Task, Result>(entry, 1, {}, (t) => {
      if (running++) overlap = true;
      running--;
      return { n: t.n + 1, where: 'here' };
    });
    const pending = [pool.run({ n: 1 }), pool.run({ n: 2 })];
    // Nothing ran yet: the caller can queue more work before this thread starts on it.
    expect(running).toBe(0);
    expect((await Promise.all(pending)).map((r) => [r.n, r.where])).toEqual([[2, 'here'], [3, 'here']]);
    expect(overlap).toBe(false);
    await pool.close();
  });

  it('a task that throws here rejects alone; the next ones still run', async () => {
    const pool = new WorkerPool<Task, Result>(entry, 1, {}, (t) => {
      if (t.n === 2) throw new Error('bad task 2');
      return { n: t.n, where: 'here' };
    });
    const [a, b, c] = [pool.run({ n: 1 }), pool.run({ n: 2 }), pool.run({ n: 3 })];
    await expect(b).rejects.toThrow('bad task 2');
    expect([(await a).n, (await c).n]).toEqual([1, 3]);
    await pool.close();
  });
});
