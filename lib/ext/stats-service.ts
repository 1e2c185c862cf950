/**
 * Background-side counting (compliance issue): the single writer of the counts.
 * First version: accepts count events and drops them.
 */
import { browser } from 'wxt/browser';
import type { Message } from '../messages.ts';

export function startStatsService(): void {
  browser.runtime.onMessage.addListener((msg: unknown) => {
    const m = msg as Message;
    if (m?.type !== 'count-events') return undefined;
    return Promise.resolve();
  });
}
