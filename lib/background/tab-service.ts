/**
 * Background-side page state: configuration for content scripts
 * (with the rep's pause list applied), findings count per tab (badge), the
 * popup's summary and the pause switch. No message here ever carries note text.
 */
import type { CategoryId, Severity } from '../categories.ts';
import type { EffectiveConfig } from '../config.ts';
import type { KeyValueArea } from './deps.ts';
import type { Routes } from './router.ts';
import { isHostPaused, type PauseList } from './pause.ts';
import { forContentScript } from './pack-delivery.ts';

interface FrameState {
  host: string;
  counts: Partial<Record<CategoryId, number>>;
  bySeverity: Partial<Record<Severity, number>>;
}
type TabState = Record<string, FrameState>; // by frameId

const SESSION_KEY = 'crmNoteLint.tabFindings';
const BADGE_COLORS: Record<Severity, string> = { error: '#c5221f', warning: '#b06000', suggestion: '#1a73e8' };

/** The toolbar button (action in MV3, browserAction in Firefox MV2). */
export interface BadgeApi {
  setBadgeText(d: { tabId: number; text: string }): Promise<void>;
  setBadgeBackgroundColor(d: { tabId: number; color: string }): Promise<void>;
}

export interface TabServiceDeps {
  /** storage.session: survives a worker restart, never written to disk. */
  session: Pick<KeyValueArea, 'get' | 'set'> | null;
  badge: BadgeApi | null;
  /** The URL of a tab (visible with activeTab, i.e. from the popup). */
  tabUrl(tabId: number): Promise<string | undefined>;
  config(host: string, url?: string): Promise<EffectiveConfig>;
  pause: PauseList;
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

export class TabService {
  private tabs: Record<string, TabState> | null = null;

  constructor(private readonly deps: TabServiceDeps) {}

  /** Configuration for content scripts, their findings for the badge, the popup's summary and pause switch. */
  readonly routes: Routes<'get-config' | 'page-findings' | 'get-tab-summary' | 'set-site-paused'> = {
    // The policy service applies site rules and the rep's pause list (lib/background/pause.ts).
    // The built-in pack goes slim where the extension's prebuilt index replaces its wording (pack-delivery.ts).
    'get-config': async (m) => forContentScript(await this.deps.config(m.host), m.fullPacks),
    'page-findings': (m, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return undefined;
      return (async () => {
        const s = await this.state();
        const tab = (s[tabId] ??= {});
        // Kept with empty counts too: the popup needs the site's host for its pause switch.
        tab[String(sender.frameId ?? 0)] = { host: m.frameUrlHost, counts: m.counts, bySeverity: m.bySeverity };
        this.persist();
        await this.updateBadge(tabId);
      })();
    },
    'get-tab-summary': async (m) => {
      const tab = (await this.state())[m.tabId];
      const sum = summarize(tab);
      let host = tab?.['0']?.host ?? Object.values(tab ?? {}).find((f) => f.host)?.host ?? '';
      if (!host) {
        // No frame reported yet: the tab's URL.
        const url = await this.deps.tabUrl(m.tabId).catch(() => undefined);
        if (url && /^https?:/.test(url)) host = new URL(url).hostname;
      }
      const cfg = await this.deps.config(host);
      return { ...sum, host, paused: isHostPaused(await this.deps.pause.get(), host), canPause: cfg.allowUserOverrides };
    },
    'set-site-paused': async (m) => {
      const cfg = await this.deps.config(m.host);
      if (!cfg.allowUserOverrides) return;
      await this.deps.pause.set(m.host, m.paused);
    },
  };

  /** A tab closed or navigated: its findings (and badge) go. */
  async forget(tabId: number, clearBadge = false): Promise<void> {
    const s = await this.state();
    if (!s[tabId]) return;
    delete s[tabId];
    this.persist();
    if (clearBadge) await this.updateBadge(tabId);
  }

  private async state(): Promise<Record<string, TabState>> {
    if (this.tabs) return this.tabs;
    try {
      const got = await this.deps.session?.get(SESSION_KEY);
      this.tabs ??= (got?.[SESSION_KEY] as Record<string, TabState>) ?? {};
    } catch {
      this.tabs ??= {};
    }
    return this.tabs;
  }

  private persist(): void {
    void this.deps.session?.set({ [SESSION_KEY]: this.tabs }).catch(() => undefined);
  }

  private async updateBadge(tabId: number): Promise<void> {
    const badge = this.deps.badge;
    if (!badge) return;
    const { total, bySeverity } = summarize((await this.state())[tabId]);
    const worst: Severity = bySeverity.error ? 'error' : bySeverity.warning ? 'warning' : 'suggestion';
    try {
      await badge.setBadgeText({ tabId, text: total ? String(total > 999 ? '999+' : total) : '' });
      if (total) await badge.setBadgeBackgroundColor({ tabId, color: BADGE_COLORS[worst] });
    } catch {
      // The tab went away.
    }
  }
}

/** Tab events: close and navigation. */
export interface TabEvents {
  onRemoved: { addListener(cb: (tabId: number) => void): void };
  onUpdated: { addListener(cb: (tabId: number, info: { status?: string }) => void): void };
}

/** Forgets a tab's findings when it closes or navigates; messages come through `svc.routes`. */
export function startTabService(svc: TabService, tabs: TabEvents): TabService {
  tabs.onRemoved.addListener((tabId) => void svc.forget(tabId));
  tabs.onUpdated.addListener((tabId, info) => {
    if (info.status === 'loading') void svc.forget(tabId, true);
  });
  return svc;
}
