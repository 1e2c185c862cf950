/**
 * What the background hands each content script: the packs to lint with and the
 * policy decisions that concern the page. Computed in the background only
 * (policy-service.ts), so every tab sees the same, validated configuration.
 */
import type { CompiledPack } from './schema/dictionary.ts';
import type { LinterOptions } from './engine/lint.ts';
import type { LocaleOption } from './engine/types.ts';
import type { Locale } from './categories.ts';
import type { PackStamp } from './prebuilt-index-file.ts';

export type Mode = 'suggest' | 'warn' | 'block';

export interface EffectiveConfig {
  /** Packs in increasing precedence (built-in first, managed last). */
  packs: CompiledPack[];
  /**
   * Set when `packs[0]`, the built-in pack, comes without its phrases, cancels and typo lists
   * (lib/background/pack-delivery.ts): the content script attaches the extension's prebuilt
   * index files of these locales to it, built from the pack `stamp` names.
   */
  builtinIndex?: { stamp: PackStamp; locales: Locale[] };
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
