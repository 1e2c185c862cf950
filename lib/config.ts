/**
 * What the background hands each content script: the packs to lint with and the
 * policy decisions that concern the page. Computed in the background only
 * (policy-service.ts), so every tab sees the same, validated configuration.
 */
import type { CompiledPack } from './schema/dictionary.ts';
import type { LinterOptions } from './engine/lint.ts';
import type { LocaleOption } from './engine/types.ts';

export type Mode = 'suggest' | 'warn' | 'block';

export interface EffectiveConfig {
  /** Packs in increasing precedence (built-in first, managed last). */
  packs: CompiledPack[];
  linter: LinterOptions;
  locale: LocaleOption;
  mode: Mode;
  /** May the rep ignore a finding or pause a site? */
  allowUserOverrides: boolean;
  /** Block mode only: may the rep save anyway after choosing a justification? */
  allowJustification: boolean;
  /** Is linting on for this host (site allow/deny lists and the rep's pause list)? */
  enabled: boolean;
  /** Extra CSS selectors of notes fields for this host, set by policy. */
  fieldSelectors: string[];
  /** Mark sensitive form fields next to their label. */
  markSensitiveFields: boolean;
}
