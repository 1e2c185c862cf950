/**
 * The pieces of the background that only make sense with the real `browser`:
 * telling every tab and page the configuration changed, recognising the
 * extension's own pages as senders, and injecting content scripts into open tabs.
 * Built into the services by entrypoints/background.ts.
 */
import { browser } from 'wxt/browser';
import type { Message } from '../messages.ts';
import type { ContentScriptEntry, ReinjectApi } from './reinject.ts';

export async function broadcastConfigChanged(): Promise<void> {
  const msg: Message = { type: 'config-changed' };
  try {
    const tabs = await browser.tabs.query({});
    for (const t of tabs) if (t.id != null) browser.tabs.sendMessage(t.id, msg).catch(() => {});
  } catch {
    /* no tabs API here */
  }
  try {
    await browser.runtime.sendMessage(msg);
  } catch {
    /* no page listening */
  }
}

/** Only the extension's own pages (dashboard, options) may read, export or clear the counts. */
export function fromExtensionPage(sender: { url?: string }): boolean {
  return typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL('/'));
}

/** Content-script injection into open tabs; null without `scripting` (Firefox injects by itself). */
export function reinjectApi(): ReinjectApi | null {
  const scripting = (browser as { scripting?: typeof browser.scripting }).scripting;
  if (!scripting) return null;
  return {
    contentScripts: () => (browser.runtime.getManifest().content_scripts ?? []) as ContentScriptEntry[],
    tabs: (urls) => browser.tabs.query({ url: urls }),
    inject: (tabId, allFrames, files) => scripting.executeScript({ target: { tabId, allFrames }, files: files as never[] }),
  };
}
