import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CountQueue } from '../../../lib/content/lifecycle/count-queue.ts';
import type { CountEvent } from '../../../lib/messages.ts';

const ev = (rule: string): CountEvent => ({ category: 'health', rule, action: 'shown' });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('CountQueue', () => {
  it('sends one batch per second at most, and at once on flush', async () => {
    const sent: CountEvent[][] = [];
    const q = new CountQueue(async (e) => void sent.push(e), () => undefined);
    q.add([ev('a')]);
    q.add([ev('b')]);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual([[ev('a'), ev('b')]]);
    q.add([ev('c')]);
    q.flush();
    expect(sent).toEqual([[ev('a'), ev('b')], [ev('c')]]);
    q.flush(); // nothing waiting: no empty message
    expect(sent).toHaveLength(2);
  });

  it('hands a failed batch to `undelivered` instead of losing it', async () => {
    const lost: CountEvent[][] = [];
    const q = new CountQueue(() => Promise.reject(new Error('Extension context invalidated')), (e) => void lost.push(e));
    q.add([ev('a')]);
    q.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(lost).toEqual([[ev('a')]]);
  });

  it('take() empties the queue without sending and cancels the pending send', async () => {
    const deliver = vi.fn(async () => undefined);
    const q = new CountQueue(deliver, () => undefined);
    q.add([ev('a')]);
    expect(q.take()).toEqual([ev('a')]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(deliver).not.toHaveBeenCalled();
  });
});
