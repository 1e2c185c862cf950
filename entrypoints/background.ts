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
