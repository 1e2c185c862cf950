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

/** What happened to a finding, for the compliance counts (never its text). */
export type CountAction = 'shown' | 'applied' | 'ignored' | 'saved-with' | 'saved-anyway' | 'blocked';
export interface CountEvent { category: CategoryId; rule: string; action: CountAction }
/** content → background: count events of this frame (the background is the only writer). */
export interface CountEvents { type: 'count-events'; host: string; events: CountEvent[] }

export type Message = GetConfig | ReportFindings | GetTabSummary | ConfigChanged | CountEvents;

export interface Replies {
  'get-config': EffectiveConfig;
  'page-findings': void;
  'get-tab-summary': { counts: Partial<Record<CategoryId, number>>; total: number; host: string };
  'config-changed': void;
  'count-events': void;
}
