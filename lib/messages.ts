/**
 * Every message exchanged between content scripts, the background and the
 * extension pages, typed in one place. No message ever carries note text.
 */
import type { CategoryId, Severity } from './categories.ts';
import type { CompiledField, FieldClass } from './schema/dictionary.ts';
import type { CountAction, CountEvent } from './schema/count.ts';
import type { EffectiveConfig } from './config.ts';
import type { PolicyState, PolicyActionResult } from './background/policy/state.ts';
import type { ReportStatus, StatsExportFile, StatsSnapshot } from './background/stats/snapshot.ts';

/**
 * content → background: configuration for this frame's host (pass `url` too: site patterns may name paths).
 * `fullPacks`: the built-in pack with its phrases, never the slim form that needs the prebuilt index files
 * (the content script could not read them).
 */
export interface GetConfig { type: 'get-config'; host: string; url?: string; fullPacks?: boolean }
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

export type { CountAction, CountEvent };
/** content → background: count events of this frame (the background is the only writer). */
export interface CountEvents { type: 'count-events'; host: string; events: CountEvent[] }

/**
 * dashboard (or a test) → background: the counts of an inclusive range of UTC days
 * ('YYYY-MM-DD', open ends allowed); `includeRows` adds the flat rows. Extension pages only.
 */
export interface StatsGet { type: 'stats-get'; from?: string; to?: string; includeRows?: boolean }
/** dashboard → background: the counts of a range as a CSV or JSON file (the same figures as `stats-get`). */
export interface StatsExport { type: 'stats-export'; format: 'csv' | 'json'; from?: string; to?: string }
/** dashboard → background: delete every local count ("clear my data"); the report queue is kept. */
export interface StatsClear { type: 'stats-clear' }
/** dashboard (or a test) → background: send the organisation report now, when reporting is on. */
export interface StatsReportNow { type: 'stats-report-now' }

export type StatsMessage = StatsGet | StatsExport | StatsClear | StatsReportNow;

/** options page → background (policy service): packs, policy file, remote pack, error log. */
export interface PolicyGetState { type: 'policy-get-state' }
/** A compiled pack (object) the page parsed or compiled from YAML; validated again in the background. */
export interface PolicyImportPack { type: 'policy-import-pack'; pack: unknown; fileName?: string }
export interface PolicyRemovePack { type: 'policy-remove-pack'; id: string }
/** A policy file (same schema as the managed policy), applied below the organisation's. */
export interface PolicyImportPolicy { type: 'policy-import-policy'; policy: unknown; fileName?: string }
export interface PolicyClearLocal { type: 'policy-clear-local' }
/** Fetch the remote signed pack now. */
export interface PolicyRefreshRemote { type: 'policy-refresh-remote' }
export interface PolicyClearErrors { type: 'policy-clear-errors' }

export type PolicyMessage =
  | PolicyGetState | PolicyImportPack | PolicyRemovePack | PolicyImportPolicy | PolicyClearLocal | PolicyRefreshRemote | PolicyClearErrors;

/** popup → background: pause (or resume) linting on a site; remembered in storage.local (see lib/background/pause.ts). */
export interface SetSitePaused { type: 'set-site-paused'; host: string; paused: boolean }

/**
 * A form field of the page that collects sensitive data: what names
 * it and why it is flagged. Never its value.
 */
export interface SensitiveFieldInfo {
  /** Field rule id ("fr.fields.groupe-sanguin"). */
  rule: string;
  class: FieldClass;
  category?: CategoryId;
  /** The reason, in the dictionary's language. */
  message: string;
  source: string;
  /** Which descriptor matched: label, ariaLabel, placeholder, name or id. */
  matchedOn: 'label' | 'ariaLabel' | 'placeholder' | 'name' | 'id';
  /** The field's label (or aria-label, name…) as the page shows it, at most 120 characters. */
  label: string;
}
/** content → background: the sensitive form fields of this frame (replaces the frame's previous list). */
export interface PageFields { type: 'page-fields'; host: string; fields: SensitiveFieldInfo[] }
/**
 * content → background: what the sensitive-field scanner needs for this host — the
 * packs' field rules only (a few kB), not the whole packs of `get-config`.
 */
export interface GetFieldConfig { type: 'get-field-config'; host: string }
export interface FieldConfig {
  /** Is the extension on for this host (site lists, pause)? */
  enabled: boolean;
  /** Policy: draw a marker next to each sensitive field's label. */
  markSensitiveFields: boolean;
  /** Field rules by precedence (a later pack's rule replaced an earlier one with the same id), policy-disabled ones removed. */
  fields: CompiledField[];
}
/** popup → background: the sensitive form fields of a tab, all frames. */
export interface GetTabFields { type: 'get-tab-fields'; tabId: number }
/** do-not-collect (art. 9/10 data), protect (encrypt, e.g. identifiers), restricted (need-to-know access). */
export type { FieldClass };

/** One finding as the popup lists it (content → popup only: the background does not take it, nothing stores it). */
export interface FindingSummary {
  /** The overlay's `[data-finding]` key in its frame. */
  key: string;
  rule: string;
  category: CategoryId;
  severity: Severity;
  /** The flagged wording (the dictionary term as written, at most 60 characters): shown in the popup, never sent on. */
  wording: string;
}
/** popup → every frame of a tab (tabs.sendMessage): answer with `frame-findings`. */
export interface ListFindings { type: 'list-findings' }
/** content → the popup (runtime.sendMessage; sender.frameId names the frame): this frame's findings. */
export interface FrameFindings { type: 'frame-findings'; findings: FindingSummary[] }
/** popup → one frame (tabs.sendMessage with frameId): focus the finding's field and open its card. */
export interface OpenFinding { type: 'open-finding'; key: string }

export type Message = GetConfig | ReportFindings | GetTabSummary | ConfigChanged | CountEvents | SetSitePaused | PolicyMessage | StatsMessage | PageFields | GetFieldConfig | GetTabFields | ListFindings | FrameFindings | OpenFinding;

export interface Replies {
  'get-config': EffectiveConfig;
  'page-findings': void;
  'get-tab-summary': {
    counts: Partial<Record<CategoryId, number>>;
    bySeverity: Partial<Record<Severity, number>>;
    total: number;
    host: string;
    /** Is `host` on the rep's pause list? */
    paused: boolean;
    /** May the rep pause (policy allowUserOverrides)? */
    canPause: boolean;
  };
  'set-site-paused': void;
  'config-changed': void;
  'count-events': void;
  'page-fields': void;
  'get-field-config': FieldConfig;
  'get-tab-fields': { fields: (SensitiveFieldInfo & { host: string })[] };
  'stats-get': StatsSnapshot;
  'stats-export': StatsExportFile;
  'stats-clear': { cleared: number };
  'stats-report-now': ReportStatus;
  'policy-get-state': PolicyState;
  'policy-import-pack': PolicyActionResult;
  'policy-remove-pack': PolicyActionResult;
  'policy-import-policy': PolicyActionResult;
  'policy-clear-local': PolicyActionResult;
  'policy-refresh-remote': PolicyActionResult;
  'policy-clear-errors': PolicyActionResult;
  'list-findings': void;
  'frame-findings': void;
  'open-finding': void;
}
