/**
 * The extension API as the content script uses it: the browser's own object (`browser` in
 * Firefox, `chrome` in Chrome and Edge, whose MV3 calls return promises), typed with only the
 * calls the content script makes. webextension-polyfill is not needed for these and was 41 KB
 * of the 50 KB the script may weigh; wxt.config.ts resolves `wxt/browser` to this module in the
 * content script's build (WXT's own helpers included). Background and pages keep the polyfill
 * (README, "Dependencies").
 */

type Listener = (message: unknown, sender: unknown) => undefined;

export interface ContentExtensionApi {
  runtime: {
    /** Undefined once the extension was updated or removed under this page (the context is dead). */
    readonly id: string | undefined;
    sendMessage(message: unknown): Promise<unknown>;
    getURL(path: string): string;
    onMessage: { addListener(listener: Listener): void; removeListener(listener: Listener): void };
  };
  i18n: {
    getMessage(key: string, substitutions?: string | string[]): string;
    getUILanguage(): string;
  };
}

const g = globalThis as unknown as { browser?: ContentExtensionApi; chrome?: ContentExtensionApi };

/** Firefox's `browser` when it is the extension's (a page may define a global of that name), else Chrome's `chrome`. */
const api: ContentExtensionApi = (g.browser?.runtime?.id ? g.browser : g.chrome)!;

/**
 * Chrome rejects a message nobody answered ("The message port closed before a response was
 * received"); it was delivered. The polyfill resolves it with undefined, and so does this:
 * a count batch taken for lost would be sent again by the next copy (counted twice).
 */
const NO_RESPONSE = /message port closed before a response was received/i;

export const browser: ContentExtensionApi = {
  runtime: {
    get id() {
      return api.runtime.id;
    },
    sendMessage: (message) => api.runtime.sendMessage(message).catch((e: unknown) => {
      if (e instanceof Error && NO_RESPONSE.test(e.message)) return undefined;
      throw e;
    }),
    getURL: (path) => api.runtime.getURL(path),
    onMessage: api.runtime.onMessage,
  },
  i18n: api.i18n,
};
