/**
 * Background-side policy: gathers managed policy, remote pack, user imports and
 * the built-in pack into one EffectiveConfig. (First version: built-in pack only.)
 */
import builtinPack from '../generated/builtin-pack.json';
import { compiledPackSchema, type CompiledPack } from '../schema/dictionary.ts';
import type { EffectiveConfig } from './config.ts';

let builtin: CompiledPack | undefined;

export function builtinCompiledPack(): CompiledPack {
  return (builtin ??= compiledPackSchema.parse(builtinPack));
}

export async function loadEffectiveConfig(_host: string): Promise<EffectiveConfig> {
  return {
    packs: [builtinCompiledPack()],
    linter: {},
    locale: 'auto',
    mode: 'suggest',
    allowUserOverrides: true,
    allowJustification: false,
    enabled: true,
    fieldSelectors: [],
    markSensitiveFields: false,
  };
}

/** Starts policy watching (managed storage, remote packs). First version: nothing to watch. */
export function startPolicyService(): void {}
