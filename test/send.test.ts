/**
 * `send` never throws synchronously: an orphaned content script (extension updated,
 * runtime dead) gets a rejected promise its callers catch, nothing escapes into the page.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { send } from '../lib/send.ts';

afterEach(() => vi.restoreAllMocks());

describe('send', () => {
  it('rejects when sendMessage throws synchronously ("Extension context invalidated")', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(() => {
      throw new Error('Extension context invalidated.');
    });
    let result: Promise<unknown> | null = null;
    expect(() => (result = send({ type: 'get-config', host: 'crm.example' }))).not.toThrow();
    await expect(result).rejects.toThrow('Extension context invalidated');
  });

  it('rejects without calling sendMessage when the runtime id is gone', async () => {
    const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    vi.spyOn(fakeBrowser.runtime, 'id', 'get').mockReturnValue(undefined as never);
    await expect(send({ type: 'get-config', host: 'crm.example' })).rejects.toThrow('invalidated');
    expect(spy).not.toHaveBeenCalled();
  });

  it('resolves with the reply otherwise', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ enabled: false } as never);
    await expect(send({ type: 'get-config', host: 'crm.example' })).resolves.toEqual({ enabled: false });
  });
});
