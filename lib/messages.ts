/**
 * Every message exchanged between content scripts, the background and the
 * extension pages, typed in one place. No message ever carries note text.
 */
import type { CategoryId, Severity } from './categories.ts';
import type { EffectiveConfig } from './ext/config.ts';

/** content → background: configuration for this frame's host. */
export interface GetConfig { type: 'get-config'; host: string }
/** content → background: how many findings this frame shows now, by category (badge, popup). */
export interface ReportFindings {
  type: 'page-findings';
  frameUrlHost: string;
  counts: Partial<Record<CategoryId, number>>;
  bySeverity: Partial<Record<Severity, number>>;
}
/** popup → background: the active tab's findings summary. */
export interface GetTabSummary { type: 'get-tab-summary'; tabId: number }
/** background → content scripts: policy or pause list changed; ask for config again. */
export interface ConfigChanged { type: 'config-changed' }

export type Message = GetConfig | ReportFindings | GetTabSummary | ConfigChanged;

export interface Replies {
  'get-config': EffectiveConfig;
  'page-findings': void;
  'get-tab-summary': { counts: Partial<Record<CategoryId, number>>; total: number; host: string };
  'config-changed': void;
}
