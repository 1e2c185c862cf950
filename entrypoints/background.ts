// First: sets zod's jitless mode before any schema module builds a schema (extension CSP forbids eval).
import '@/lib/schema/zod-config';
// The background is thin: it starts the services and routes every message to one of them.
import { routeMessages } from '@/lib/background/router';
import { policyRoutes, startPolicyService } from '@/lib/background/policy-service';
import { startStatsService } from '@/lib/background/stats-service';
import { startTabService, tabRoutes } from '@/lib/background/tab-service';
import { startFieldsService } from '@/lib/background/fields-service';
import { startReinject } from '@/lib/background/reinject';

export default defineBackground(() => {
  startPolicyService();
  const stats = startStatsService();
  startTabService();
  const fields = startFieldsService();
  startReinject(); // open tabs get the new content script after an install or update
  routeMessages({
    ...policyRoutes,
    ...stats.routes,
    ...tabRoutes,
    ...fields.routes,
    // Sent by the background to content scripts and pages, never to itself.
    'config-changed': null,
  });
});
