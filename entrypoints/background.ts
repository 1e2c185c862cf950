// First: sets zod's jitless mode before any schema module builds a schema (extension CSP forbids eval).
import '@/lib/schema/zod-config';
// The background is thin: each service registers its own message handlers and alarms.
import { startPolicyService } from '@/lib/ext/policy-service';
import { startStatsService } from '@/lib/ext/stats-service';
import { startTabService } from '@/lib/ext/tab-service';
import { startFieldsService } from '@/lib/ext/fields-service';

export default defineBackground(() => {
  startPolicyService();
  startStatsService();
  startTabService();
  startFieldsService();
});
