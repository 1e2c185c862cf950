/**
 * What the linter builds from packs before it can match: per locale, the trie of
 * phrases and cancels (flat-trie.ts) and the typo index (typos.ts). A pack may
 * carry both prebuilt (the package's built-in pack, lib/cli/compact-pack.ts): the
 * linter then wraps them instead of building, as long as no other pack adds to
 * that locale. The index travels beside the pack (a WeakMap), so the pack object
 * itself stays a plain CompiledPack.
 */
import type { Locale } from '../categories.ts';
import type { CompiledPack } from '../schema/dictionary.ts';
import { fold } from './fold.ts';
import { FlatTrie, FlatTrieBuilder, type FlatTrieData } from './flat-trie.ts';
import { TypoIndex, type TypoPrebuilt } from './typos.ts';

export interface PrebuiltIndex {
  /** Per locale, the trie of the pack's phrases and cancels (rule numbers local to the pack). */
  tries: Partial<Record<Locale, FlatTrieData>>;
  typos: Partial<Record<Locale, TypoPrebuilt>>;
}

const attached = new WeakMap<CompiledPack, PrebuiltIndex>();

/** Declares `index` the prebuilt form of `pack` (which must not change afterwards). */
export function attachPrebuilt(pack: CompiledPack, index: PrebuiltIndex): void {
  attached.set(pack, index);
}

export function detachPrebuilt(pack: CompiledPack): void {
  attached.delete(pack);
}

export const prebuiltOf = (pack: CompiledPack): PrebuiltIndex | undefined => attached.get(pack);

/** A pack and the number of its first rule among the linter's rules. */
export interface PackAt {
  pack: CompiledPack;
  base: number;
}

/** Locales the pack has phrases or cancels in. */
export function trieLocales(pack: CompiledPack): Locale[] {
  const prebuilt = prebuiltOf(pack);
  if (prebuilt) return Object.keys(prebuilt.tries) as Locale[];
  const out = new Set<Locale>();
  for (const p of pack.phrases) out.add(pack.rules[p[1]]!.locale);
  for (const u of pack.unless) out.add(pack.rules[u[1]]!.locale);
  return [...out];
}

/** Locales the pack has typo data for. */
export function typoLocales(pack: CompiledPack): Locale[] {
  const prebuilt = prebuiltOf(pack);
  return Object.keys(prebuilt ? prebuilt.typos : pack.typos ?? {}) as Locale[];
}

/** One locale's trie: packs in increasing precedence, each pack's phrases then its cancels. */
export function buildLocaleTrie(packs: readonly PackAt[], locale: Locale): FlatTrie {
  const trie = new FlatTrieBuilder();
  for (const { pack, base } of packs) {
    for (const [key, r, plural, exact] of pack.phrases) {
      if (pack.rules[r]!.locale === locale) trie.addHit(trie.insert(key), base + r, plural === 1, exact || undefined);
    }
    for (const [key, r] of pack.unless) if (pack.rules[r]!.locale === locale) trie.addUnless(trie.insert(key), base + r);
  }
  return trie.freeze();
}

/** The trie of a locale: the prebuilt one when a single prebuilt pack covers it, built otherwise. */
export function localeTrie(packs: readonly PackAt[], locale: Locale): { trie: FlatTrie; base: number } {
  const only = packs.length === 1 ? prebuiltOf(packs[0]!.pack)?.tries[locale] : undefined;
  return only ? { trie: new FlatTrie(only), base: packs[0]!.base } : { trie: buildLocaleTrie(packs, locale), base: 0 };
}

/** The typo index of a locale, merged from the packs (prebuilt when a single prebuilt pack has it). */
export function localeTypos(packs: readonly CompiledPack[], locale: Locale): TypoIndex {
  const only = packs.length === 1 ? prebuiltOf(packs[0]!)?.typos[locale] : undefined;
  if (only) return TypoIndex.fromPrebuilt(only);
  const index = new TypoIndex();
  for (const pack of packs) {
    const section = pack.typos?.[locale];
    if (section) index.add(section, fold);
  }
  return index;
}

/** The prebuilt index of a pack, for the package build. */
export function prebuildIndex(pack: CompiledPack): PrebuiltIndex {
  const index: PrebuiltIndex = { tries: {}, typos: {} };
  for (const locale of trieLocales(pack)) index.tries[locale] = buildLocaleTrie([{ pack, base: 0 }], locale).toData();
  for (const locale of typoLocales(pack)) index.typos[locale] = localeTypos([pack], locale).toPrebuilt();
  return index;
}
