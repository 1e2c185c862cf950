/**
 * Background-side page state: configuration for content scripts
 * (with the rep's pause list applied), findings count per tab (badge), the
 * popup's summary and the pause switch. No message here ever carries note text.
 */
import { browser } from 'wxt/browser';
import type { CategoryId, Severity } from '../categories.ts';
import type { Routes } from './router.ts';
import { getPausedSites, isHostPaused, setSitePaused } from './pause.ts';
import { loadEffectiveConfig } from './policy-service.ts';

interface FrameState {
  host: string;
  counts: Partial<Record<CategoryId, number>>;
  bySeverity: Partial<Record<Severity, number>>;
}
type TabState = Record<string, FrameState>; // by frameId

const SESSION_KEY = 'crmNoteLint.tabFindings';
let tabs: Record<string, TabState> | null = null;

async function state(): Promise<Record<string, TabState>> {
  if (tabs) return tabs;
  try {
    const got = await browser.storage.session?.get(SESSION_KEY);
    tabs ??= (got?.[SESSION_KEY] as Record<string, TabState>) ?? {};
  } catch {
    tabs ??= {};
  }
  return tabs;
}

function persist(): void {
  void browser.storage.session?.set({ [SESSION_KEY]: tabs }).catch(() => undefined);
}

function summarize(tab: TabState | undefined) {
  const counts: Partial<Record<CategoryId, number>> = {};
  const bySeverity: Partial<Record<Severity, number>> = {};
  let total = 0;
  for (const f of Object.values(tab ?? {})) {
    for (const [k, v] of Object.entries(f.counts)) {
      counts[k as CategoryId] = (counts[k as CategoryId] ?? 0) + (v ?? 0);
      total += v ?? 0;
    }
    for (const [k, v] of Object.entries(f.bySeverity)) bySeverity[k as Severity] = (bySeverity[k as Severity] ?? 0) + (v ?? 0);
  }
  return { counts, bySeverity, total };
}

const BADGE_COLORS: Record<Severity, string> = { error: '#c5221f', warning: '#b06000', suggestion: '#1a73e8' };

async function updateBadge(tabId: number): Promise<void> {
  const { total, bySeverity } = summarize((await state())[tabId]);
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  if (!action) return;
  const worst: Severity = bySeverity.error ? 'error' : bySeverity.warning ? 'warning' : 'suggestion';
  try {
    await action.setBadgeText({ tabId, text: total ? String(total > 999 ? '999+' : total) : '' });
    if (total) await action.setBadgeBackgroundColor({ tabId, color: BADGE_COLORS[worst] });
  } catch {
    // The tab went away.
  }
}

/** Configuration for content scripts, their findings for the badge, the popup's summary and pause switch. */
export const tabRoutes: Routes<'get-config' | 'page-findings' | 'get-tab-summary' | 'set-site-paused'> = {
  // The policy service applies site rules and the rep's pause list (lib/background/pause.ts).
  'get-config': (m) => loadEffectiveConfig(m.host),
  'page-findings': (m, sender) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return undefined;
    return (async () => {
      const s = await state();
      const tab = (s[tabId] ??= {});
      const frame = String(sender.frameId ?? 0);
      // Kept with empty counts too: the popup needs the site's host for its pause switch.
      tab[frame] = { host: m.frameUrlHost, counts: m.counts, bySeverity: m.bySeverity };
      persist();
      await updateBadge(tabId);
    })();
  },
  'get-tab-summary': async (m) => {
    const s = await state();
    const tab = s[m.tabId];
    const sum = summarize(tab);
    let host = tab?.['0']?.host ?? Object.values(tab ?? {}).find((f) => f.host)?.host ?? '';
    if (!host) {
      // No frame reported yet: the tab's URL (visible with activeTab, i.e. from the popup).
      try {
        const url = (await browser.tabs.get(m.tabId)).url;
        if (url && /^https?:/.test(url)) host = new URL(url).hostname;
      } catch {
        // no such tab
      }
    }
    const cfg = await loadEffectiveConfig(host);
    return { ...sum, host, paused: isHostPaused(await getPausedSites(), host), canPause: cfg.allowUserOverrides };
  },
  'set-site-paused': async (m) => {
    const cfg = await loadEffectiveConfig(m.host);
    if (!cfg.allowUserOverrides) return;
    await setSitePaused(m.host, m.paused);
  },
};

/** Forgets a tab's findings when it closes or navigates; messages come through `tabRoutes`. */
export function startTabService(): void {
  browser.tabs.onRemoved.addListener((tabId) => {
    void state().then((s) => {
      delete s[tabId];
      persist();
    });
  });
  browser.tabs.onUpdated.addListener((tabId, info) => {
    if (info.status !== 'loading') return;
    void state().then((s) => {
      if (!s[tabId]) return;
      delete s[tabId];
      persist();
      void updateBadge(tabId);
    });
  });
}
