// First: sets zod's jitless mode before any schema module builds a schema (extension CSP forbids eval).
import '@/lib/schema/zod-config';
// The background is thin: it builds each service once with the browser's APIs and routes every message to one of them.
import { browser } from 'wxt/browser';
import { broadcastConfigChanged, fromExtensionPage, reinjectApi } from '@/lib/background/browser-glue';
import type { AlarmsApi, KeyValueArea } from '@/lib/background/deps';
import { WriteQueue } from '@/lib/background/deps';
import { BUILTIN_PACK_FILE, builtinPackLoader, gunzippedJson } from '@/lib/background/policy/builtin-pack';
import { FieldsService, startFieldsService } from '@/lib/background/fields-service';
import { PauseList } from '@/lib/background/pause';
import { PolicyService, startPolicyService } from '@/lib/background/policy-service';
import { ReportingService } from '@/lib/background/reporting/reporting-service';
import { routeMessages } from '@/lib/background/router';
import { useZodLocale } from '@/lib/schema/zod-locale';
import { StatsService } from '@/lib/background/stats-service';
import { startTabService, TabService, type BadgeApi } from '@/lib/background/tab-service';
import { startReinject } from '@/lib/background/reinject';

export default defineBackground(() => {
  // Refusals the options page lists carry zod's messages: in the reader's language.
  useZodLocale(browser.i18n.getUILanguage());
  const local = browser.storage.local as unknown as KeyValueArea;
  const session = (browser.storage.session as unknown as KeyValueArea | undefined) ?? null;
  const alarms = browser.alarms as unknown as AlarmsApi;
  const queue = new WriteQueue();
  const reporting = new ReportingService({
    storage: local, queue, alarms, fromExtensionPage,
    fetch: (...a: Parameters<typeof fetch>) => fetch(...a),
    extensionVersion: browser.runtime.getManifest().version,
  });
  const stats = new StatsService({ storage: local, session, queue, reporting, alarms, fromExtensionPage });
  const policy = new PolicyService({
    local, alarms,
    builtinPack: builtinPackLoader(async () => gunzippedJson(await fetch(browser.runtime.getURL(`/${BUILTIN_PACK_FILE}` as never)))),
    managed: browser.storage.managed ?? null,
    broadcast: broadcastConfigChanged,
    onReporting: (r) => reporting.configure(r),
  });
  const config = (host: string) => policy.effectiveConfig(host);
  const badge = (browser.action ?? (browser as unknown as { browserAction?: BadgeApi }).browserAction ?? null) as BadgeApi | null;
  const tabs = new TabService({
    session, badge, config, pause: new PauseList(local),
    tabUrl: async (tabId) => (await browser.tabs.get(tabId)).url,
  });
  const fields = new FieldsService({ session, config });

  void startPolicyService(policy, browser);
  startTabService(tabs, browser.tabs);
  startFieldsService(fields, browser.tabs);
  browser.alarms.onAlarm.addListener((alarm) => {
    void stats.handleAlarm(alarm);
    void reporting.handleAlarm(alarm);
  });
  void stats.syncAlarms().catch((e) => console.warn('[crm-note-lint] stats alarms:', e));
  void reporting.syncAlarms().catch((e) => console.warn('[crm-note-lint] report alarms:', e));
  void stats.rollupNow().catch((e) => console.warn('[crm-note-lint] stats rollup:', e));
  startReinject(reinjectApi(), browser.runtime); // open tabs get the new content script after an install or update

  routeMessages({
    ...policy.routes,
    ...stats.routes,
    ...reporting.routes,
    ...tabs.routes,
    ...fields.routes,
    // Sent by the background to content scripts and pages, never to itself.
    'config-changed': null,
    'list-findings': null, 'frame-findings': null, 'open-finding': null, // popup ↔ content (lib/content/popup-bridge.ts)
  });
});
