/** After an install or update, the manifest's content scripts go into the open tabs they match. */
import { describe, expect, it } from 'vitest';
import { reinjectContentScripts, startReinject, type ReinjectApi } from '../../lib/background/reinject.ts';

function api(over: Partial<ReinjectApi> = {}) {
  const calls: { tabId: number; allFrames: boolean; files: string[] }[] = [];
  const queried: string[][] = [];
  const a: ReinjectApi = {
    contentScripts: () => [{ matches: ['<all_urls>'], js: ['content-scripts/content.js'], all_frames: true }],
    tabs: async (urls) => {
      queried.push(urls);
      return [{ id: 1 }, { id: 2, discarded: true }, { id: 3 }, {}];
    },
    inject: async (tabId, allFrames, files) => {
      if (tabId === 3) throw new Error('Cannot access contents of the page'); // e.g. the Web Store
      calls.push({ tabId, allFrames, files });
    },
    ...over,
  };
  return { a, calls, queried };
}

describe('reinjectContentScripts', () => {
  it('injects the manifest\'s files in all frames of each matching live tab, skipping those that refuse', async () => {
    const { a, calls, queried } = api();
    expect(await reinjectContentScripts(a)).toBe(1);
    expect(queried).toEqual([['<all_urls>']]);
    expect(calls).toEqual([{ tabId: 1, allFrames: true, files: ['content-scripts/content.js'] }]);
  });

  it('does nothing for an entry without scripts, and survives a failed tab query', async () => {
    const { a, calls } = api({
      contentScripts: () => [{ matches: ['<all_urls>'] }, { matches: ['https://*/*'], js: ['x.js'] }],
      tabs: () => Promise.reject(new Error('no tabs')),
    });
    expect(await reinjectContentScripts(a)).toBe(0);
    expect(calls).toEqual([]);
  });

  it('runs on install and update only (not when the browser itself updates), and not at all without scripting', async () => {
    const { a, calls } = api();
    let fire: (d: { reason: string }) => void = () => {};
    startReinject(a, { onInstalled: { addListener: (cb) => void (fire = cb) } });
    fire({ reason: 'chrome_update' });
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toEqual([]);
    fire({ reason: 'update' });
    await new Promise((r) => setTimeout(r, 0));
    expect(calls.map((c) => c.tabId)).toEqual([1]);
    let added = false;
    startReinject(null, { onInstalled: { addListener: () => void (added = true) } });
    expect(added).toBe(false);
  });
});
