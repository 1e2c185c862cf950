/**
 * The content script's outgoing compliance counts: batched (one `count-events`
 * message a second at most), flushed when the page hides, and never silently dropped:
 * a failed delivery hands its events to `undelivered` (the content script keeps them
 * for the next copy of the script in the tab, unsent-counts.ts).
 */
import type { CountEvent } from '../../schema/count.ts';

export class CountQueue {
  private queue: CountEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly deliver: (events: CountEvent[]) => Promise<unknown>,
    private readonly undelivered: (events: CountEvent[]) => void,
    private readonly delayMs = 1000,
  ) {}

  add(events: readonly CountEvent[]): void {
    if (!events.length) return;
    this.queue.push(...events);
    this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const events = this.take();
    if (!events.length) return;
    this.deliver(events).catch(() => this.undelivered(events));
  }

  /** Empties the queue without sending (the script stops): what was waiting. */
  take(): CountEvent[] {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const events = this.queue;
    this.queue = [];
    return events;
  }
}
