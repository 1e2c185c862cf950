/**
 * The browser APIs the background services are built with, as narrow
 * interfaces: entrypoints/background.ts hands them the real `browser.*`
 * objects, tests hand them fakes. No service reaches for `browser` itself.
 */

/** A storage area (storage.local, storage.session, or any object with these three methods). */
export interface KeyValueArea {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
  /** Every key, without the values (storage.getKeys: Chrome 130+, not every browser). */
  getKeys?(): Promise<string[]>;
}

/** storage.managed: read-only, what the browser accepted of the organisation's policy. */
export interface ManagedArea {
  get(): Promise<Record<string, unknown>>;
}

export interface AlarmsApi {
  create(name: string, info: { when?: number; delayInMinutes?: number; periodInMinutes?: number }): void | Promise<void>;
  get(name: string): Promise<{ name: string; periodInMinutes?: number } | undefined>;
  clear(name: string): Promise<boolean>;
}

/** Who sent a runtime message: only extension pages may read or clear the counts. */
export type SenderCheck = (sender: { url?: string }) => boolean;

/** Runs storage read-modify-writes one after the other (shared by the services that write the same keys). */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
