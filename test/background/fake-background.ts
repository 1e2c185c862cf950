/**
 * The background's services built over fakeBrowser, as entrypoints/background.ts
 * builds them over the real browser: one instance of each per test, with the
 * clock, fetch and sender check a test needs. Nothing here is production code.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type AlarmsApi, type KeyValueArea, WriteQueue } from '../../lib/background/deps.ts';
import { FieldsService } from '../../lib/background/fields-service.ts';
import { PauseList } from '../../lib/background/pause.ts';
import { PolicyService, startPolicyService } from '../../lib/background/policy-service.ts';
import type { RefreshDeps } from '../../lib/background/policy/remote.ts';
import { ReportingService } from '../../lib/background/reporting/reporting-service.ts';
import { listen, type AllRoutes } from '../../lib/background/router.ts';
import { StatsService } from '../../lib/background/stats-service.ts';
import { startTabService, TabService } from '../../lib/background/tab-service.ts';
import { loadBuiltinPack } from '../support/builtin-pack.ts';

export interface FakeOptions {
  storage?: KeyValueArea;
  /** null: no alarms API; default fakeBrowser.alarms. */
  alarms?: AlarmsApi | null;
  now?: () => Date;
  fetch?: typeof fetch;
  random?: () => number;
  remote?: RefreshDeps;
  /** Default: every sender is an extension page (fakeBrowser sends no sender URL). */
  fromExtensionPage?: (sender: { url?: string }) => boolean;
}

export const fakeLocal = () => fakeBrowser.storage.local as unknown as KeyValueArea;

/** Counting and reporting sharing one write queue, as in the background. */
export function makeStats(o: FakeOptions = {}) {
  const storage = o.storage ?? fakeLocal();
  const alarms = o.alarms === undefined ? (fakeBrowser.alarms as unknown as AlarmsApi) : o.alarms;
  const queue = new WriteQueue();
  const fromExtensionPage = o.fromExtensionPage ?? (() => true);
  const reporting = new ReportingService({
    storage, queue, alarms, fromExtensionPage, now: o.now, random: o.random,
    fetch: o.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a)),
  });
  const stats = new StatsService({ storage, session: fakeBrowser.storage.session as unknown as KeyValueArea, queue, reporting, alarms, fromExtensionPage, now: o.now });
  return { stats, reporting };
}

/** Every service, listening on fakeBrowser.runtime.onMessage; resolves once the policy start-up sync is done. */
export async function startFakeBackground(o: FakeOptions = {}) {
  const local = o.storage ?? fakeLocal();
  const { stats, reporting } = makeStats(o);
  const policy = new PolicyService({
    local, alarms: fakeBrowser.alarms as unknown as AlarmsApi, managed: fakeBrowser.storage.managed, builtinPack: loadBuiltinPack,
    now: o.now, remote: o.remote, broadcast: async () => {}, onReporting: (r) => reporting.configure(r),
  });
  const config = (host: string) => policy.effectiveConfig(host);
  const tabs = new TabService({ session: fakeBrowser.storage.session, badge: null, config, pause: new PauseList(local), tabUrl: async () => undefined });
  const fields = new FieldsService({ session: fakeBrowser.storage.session, config });
  const routes: Partial<AllRoutes> = { ...policy.routes, ...stats.routes, ...reporting.routes, ...tabs.routes, ...fields.routes };
  listen(routes);
  startTabService(tabs, fakeBrowser.tabs);
  await startPolicyService(policy, fakeBrowser);
  return { policy, stats, reporting, tabs, fields };
}
