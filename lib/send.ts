/** The one way the content script and the extension pages ask the background: typed by lib/messages.ts. */
import { browser } from 'wxt/browser';
import type { Message, Replies } from './messages.ts';

/**
 * Never throws synchronously: after an extension update the content script left in an
 * open tab has a dead runtime (`browser.runtime.id` undefined, `sendMessage` throws
 * "Extension context invalidated"), and a throw here would escape every `.catch` into
 * the page. It rejects instead, so callers handle it like any unreachable background.
 */
export function send<T extends Message['type']>(msg: Extract<Message, { type: T }>): Promise<Replies[T]> {
  try {
    if (!browser.runtime?.id) return Promise.reject(new Error('Extension context invalidated'));
    return Promise.resolve(browser.runtime.sendMessage(msg)) as Promise<Replies[T]>;
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}
