// The background is thin: each service registers its own message handlers and alarms.
import { startPolicyService } from '@/lib/background/policy-service';
import { startStatsService } from '@/lib/background/stats-service';
import { startTabService } from '@/lib/background/tab-service';
import { startFieldsService } from '@/lib/background/fields-service';

export default defineBackground(() => {
  startPolicyService();
  startStatsService();
  startTabService();
  startFieldsService();
});
