/**
 * Background-side page state (in-page issue): badge per tab, popup summary,
 * config requests from content scripts. First version: config only.
 */
import { browser } from 'wxt/browser';
import type { Message } from '../messages.ts';
import { loadEffectiveConfig } from './policy-service.ts';

export function startTabService(): void {
  browser.runtime.onMessage.addListener((msg: unknown) => {
    const m = msg as Message;
    if (m?.type === 'get-config') return loadEffectiveConfig(m.host);
    return undefined;
  });
}
