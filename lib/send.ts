/** The one way the content script and the extension pages ask the background: typed by lib/messages.ts. */
import { browser } from 'wxt/browser';
import type { Message, Replies } from './messages.ts';

export async function send<T extends Message['type']>(msg: Extract<Message, { type: T }>): Promise<Replies[T]> {
  return (await browser.runtime.sendMessage(msg)) as Replies[T];
}
