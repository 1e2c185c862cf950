/**
 * After an install or an update Chrome does not put the new content script into the
 * tabs already open: their old copy is orphaned (it retires itself, see
 * lib/content/lifecycle/succession.ts) and the rep would have to reload each CRM tab.
 * This injects the manifest's content scripts into every open tab their `matches`
 * cover, in all frames, so linting resumes at once. Firefox injects into open tabs by
 * itself (and has no `scripting` permission in our manifest): nothing to do there.
 */
export interface ContentScriptEntry { matches?: string[]; js?: string[]; all_frames?: boolean }

export interface ReinjectApi {
  contentScripts(): ContentScriptEntry[];
  tabs(urls: string[]): Promise<{ id?: number; discarded?: boolean }[]>;
  inject(tabId: number, allFrames: boolean, files: string[]): Promise<unknown>;
}

/** Injects into the open matching tabs; a tab that refuses (a browser page, a closed tab) is skipped. Resolves to the tabs injected. */
export async function reinjectContentScripts(api: ReinjectApi): Promise<number> {
  let injected = 0;
  for (const cs of api.contentScripts()) {
    if (!cs.js?.length || !cs.matches?.length) continue;
    const tabs = await api.tabs(cs.matches).catch(() => []);
    const results = await Promise.allSettled(
      tabs.filter((t) => t.id !== undefined && !t.discarded).map((t) => api.inject(t.id!, !!cs.all_frames, cs.js!)),
    );
    injected += results.filter((r) => r.status === 'fulfilled').length;
  }
  return injected;
}

/** Wires it to `runtime.onInstalled` (install and update); `api` is null where the browser has no `scripting`. */
export function startReinject(api: ReinjectApi | null, runtime: { onInstalled: { addListener(cb: (d: { reason: string }) => void): void } }): void {
  if (!api) return;
  runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install' || reason === 'update') void reinjectContentScripts(api);
  });
}
