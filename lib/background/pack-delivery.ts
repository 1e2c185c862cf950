/**
 * What a content script is sent for its linter. The built-in pack's phrases, cancels and typo
 * lists are 95 % of its 8.8 MB: sent to every tab and built into a trie there, they cost seconds
 * before a fresh tab's first finding. The extension ships the same index prebuilt
 * (prebuilt-index/<locale>.bin, lib/prebuilt-index-file.ts), so tabs get the pack without them
 * and read the files instead. Only when no other pack in force adds wording in the built-in
 * pack's locales: the linter then merges every pack's phrases into one trie, and needs them all.
 */
import type { EffectiveConfig } from '../config.ts';
import type { Locale } from '../categories.ts';
import type { CompiledPack } from '../schema/dictionary.ts';
import { builtinStamp, settledPacks } from './policy/builtin-pack.ts';

interface Slim {
  pack: CompiledPack;
  builtinIndex: NonNullable<EffectiveConfig['builtinIndex']>;
}

const LEFT_OUT: readonly string[] = ['phrases', 'unless', 'typos'];
const slimmed = new WeakMap<CompiledPack, Slim>();

/** Locales in which `pack` has phrases, cancels or typo data. */
function wordingLocales(pack: CompiledPack): Set<Locale> {
  const out = new Set<Locale>(Object.keys(pack.typos ?? {}) as Locale[]);
  for (const p of pack.phrases) out.add(pack.rules[p[1]]!.locale);
  for (const u of pack.unless) out.add(pack.rules[u[1]]!.locale);
  return out;
}

function slimOf(builtin: CompiledPack): Slim {
  let s = slimmed.get(builtin);
  if (!s) {
    // Member by member, never reading the three left out (reading them would expand them).
    const rest = Object.fromEntries(Object.keys(builtin).filter((k) => !LEFT_OUT.includes(k)).map((k) => [k, builtin[k as keyof CompiledPack]]));
    s = {
      pack: { ...rest, phrases: [], unless: [] } as unknown as CompiledPack,
      // Read without expanding the pack's phrases (policy/builtin-pack.ts): the build wrote a file per locale.
      builtinIndex: { stamp: builtinStamp(builtin), locales: [...builtin.locales] },
    };
    slimmed.set(builtin, s);
  }
  return s;
}

/** `config` as sent to a content script: the built-in pack slim when the prebuilt index covers it. */
export function forContentScript(config: EffectiveConfig, fullPacks = false): EffectiveConfig {
  const [builtin, ...others] = config.packs;
  const whole = () => (settledPacks(config.packs), config);
  if (fullPacks || !builtin) return whole();
  const slim = slimOf(builtin);
  const covered = new Set(slim.builtinIndex.locales);
  for (const p of others) for (const l of wordingLocales(p)) if (covered.has(l)) return whole();
  return { ...config, packs: [slim.pack, ...others], builtinIndex: slim.builtinIndex };
}
