/**
 * What a tab is sent for its linter: the built-in pack slim (its wording left to the
 * extension's prebuilt index files) when nothing else in force adds wording to its locales;
 * attached to the index those files hold, it finds exactly what the full pack finds.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { EffectiveConfig } from '../../lib/config.ts';
import type { Locale } from '../../lib/categories.ts';
import type { CompiledPack } from '../../lib/schema/dictionary.ts';
import { forContentScript } from '../../lib/background/pack-delivery.ts';
import { builtinPackLoader } from '../../lib/background/policy/builtin-pack.ts';
import { compileExtraTerms } from '../../lib/background/policy/extra-terms.ts';
import { attachBuiltinIndex } from '../../lib/content/builtin-index.ts';
import { Linter } from '../../lib/engine/lint.ts';
import { prebuildIndex } from '../../lib/engine/pack-index.ts';
import { packStamp, prebuiltIndexFile } from '../../lib/prebuilt-index-file.ts';
import { encodeLocaleIndex } from '../../lib/prebuilt-index-encode.ts';
import { BUILTIN_PACK_PATH } from '../support/builtin-pack.ts';

let builtin: CompiledPack;
/** The files the build writes (wxt.config.ts), by path in the extension. */
const files = new Map<string, ArrayBuffer>();

beforeAll(async () => {
  // As the background reads it: its phrases expanded on first read only.
  builtin = await builtinPackLoader(async () => JSON.parse(readFileSync(BUILTIN_PACK_PATH, 'utf8')))();
  const index = prebuildIndex(builtin);
  for (const locale of builtin.locales as Locale[]) {
    const bytes = encodeLocaleIndex(packStamp(builtin), locale, { trie: index.tries[locale], typos: index.typos[locale] });
    files.set(prebuiltIndexFile(locale), bytes.slice().buffer);
  }
}, 60_000);

const config = (packs: CompiledPack[]): EffectiveConfig => ({
  packs, linter: {}, locale: 'auto', mode: 'suggest', allowUserOverrides: true, allowJustification: false,
  enabled: true, fieldSelectors: [], markSensitiveFields: false,
});
const read = async (path: string) => {
  const b = files.get(path);
  if (!b) throw new Error(`${path}: HTTP 404`);
  return b;
};
/** What crosses extension messaging: JSON (Chrome) keeps no getters, no WeakMap entries. */
const sent = (c: EffectiveConfig): EffectiveConfig => JSON.parse(JSON.stringify(c));

const NOTES = [
  'Appel du 12/03 : prévoir 6 menus hallal pour le séminaire, client diabétique.',
  'Cliente enceinte, rappeler après son congé ; elle est musulmane pratiquante.',
  'Client diabetqiue et dépressif, IBAN FR76 3000 6000 0112 3456 7890 189.', // a typo on the way
  'Customer is pregnant and gay, asked about his wheelchair access for the visit.',
  'RAS, devis envoyé, relance mardi.',
];

describe('pack delivery to content scripts', () => {
  it('sends the built-in pack without its phrases, cancels and typo lists, with the stamp of the files to read', () => {
    const out = forContentScript(config([builtin]));
    expect(out.packs[0]!.phrases).toEqual([]);
    expect(out.packs[0]!.unless).toEqual([]);
    expect(out.packs[0]!.typos).toBeUndefined();
    expect(out.packs[0]!.rules).toBe(builtin.rules);
    expect(out.builtinIndex).toEqual({ stamp: packStamp(builtin), locales: builtin.locales });
    // A hundredth of the size: this is what every fresh tab waited for.
    expect(JSON.stringify(out).length).toBeLessThan(JSON.stringify(config([builtin])).length / 8);
  });

  it('attached to the prebuilt index, the slim pack finds what the full pack finds', async () => {
    const slim = sent(forContentScript(config([builtin])));
    await attachBuiltinIndex(slim, read);
    const fast = new Linter(slim.packs);
    const full = new Linter([builtin]);
    for (const note of NOTES) {
      for (const locale of ['auto', 'fr', 'en'] as const) {
        expect(fast.lint(note, { locale, openTail: true })).toEqual(full.lint(note, { locale, openTail: true }));
      }
    }
    expect(fast.lint(NOTES[0]!).map((f) => f.rule)).toContain('fr.diet.menu-hallal');
  }, 60_000);

  it('sends the full packs when another pack adds wording in a built-in locale (the linter merges them into one trie)', () => {
    const terms = compileExtraTerms([{ term: 'dossier rouge', category: 'criminal', locale: 'fr' }])!;
    const out = forContentScript(config([builtin, terms]));
    expect(out.packs).toEqual([builtin, terms]);
    expect(out.builtinIndex).toBeUndefined();
  });

  it('sends the full packs when the content script asks for them (it could not read the files)', () => {
    const out = forContentScript(config([builtin]), true);
    expect(out.packs[0]).toBe(builtin);
    expect(out.builtinIndex).toBeUndefined();
    // As plain data: Firefox's message clone would drop phrases still behind a getter.
    const lazy = Object.values(Object.getOwnPropertyDescriptors(out.packs[0]!)).filter((d) => !('value' in d));
    expect(lazy).toEqual([]);
  });

  it('refuses files built from another pack, and the content script then has nothing attached', async () => {
    const slim = sent(forContentScript(config([builtin])));
    slim.builtinIndex!.stamp = { ...slim.builtinIndex!.stamp, rules: slim.builtinIndex!.stamp.rules + 1 };
    await expect(attachBuiltinIndex(slim, read)).rejects.toThrow(/built from another pack/);
    await expect(attachBuiltinIndex(slim, async () => { throw new Error('HTTP 404'); })).rejects.toThrow('HTTP 404');
  });
});
