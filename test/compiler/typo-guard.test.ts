import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packWords, TypoWords, typoSections, type Lexicon } from '../../lib/compiler/typo-guard.ts';
import { loadLexicon } from '../../lib/compiler/lexicon.ts';
import { typoSectionSchema } from '../../lib/schema/dictionary.ts';
import { ROOT } from '../../lib/cli/builtin.ts';

const lexicon = (...words: string[]): Lexicon => ({ sources: ['test'], forEach: (visit) => words.forEach(visit) });

function words(): TypoWords {
  const w = new TypoWords();
  w.add('fr', 'malade', 'malade');
  w.add('fr', 'hospitalise', 'hospitalise');
  w.add('fr', 'hospitalise', 'hospitalisé'); // the accented spelling is the one shown
  w.add('fr', 'pompe a insuline', 'pompe à insuline');
  w.add('fr', 'gay', 'gay'); // too short to be matched through a typo (five letters: only a swap or a doubled letter)
  w.add('en', 'diabetic', 'diabetic');
  return w;
}

describe('typo guard (compile time)', () => {
  it('keeps dictionary words of five letters or more, shown as authors wrote them', () => {
    const s = typoSections(words(), lexicon());
    expect(s.fr!.words.split(' ')).toEqual(['hospitalisé', 'insuline', 'malade', 'pompe']);
    expect(s.en!.words).toBe('diabetic');
  });

  it('lists the real words one edit away from a dictionary word, folded, and nothing else', () => {
    const s = typoSections(words(), lexicon('salade', 'malades', 'maladie', 'Malade', 'insulines', 'pommade', 'diabolic', 'diabetics', 'hospitalisée', 'hôpital', 'bicyclette'));
    expect(s.fr!.known.split(' ')).toEqual(['hospitalisee', 'insulines', 'malades', 'maladie', 'salade']);
    expect(s.en!.known).toBe('diabetics'); // "diabolic" is two edits away
    for (const section of [s.fr!, s.en!]) expect(typoSectionSchema.safeParse(section).success).toBe(true);
  });

  it('reads pre-folded words (the build cache) exactly as it reads the words themselves', () => {
    const raw = ['salade', 'malades', 'Malade', 'maladé', 'male\u0301des', 'cœurs', 'hospitalisée', 'hospitalisée', 'insulines', 'in-suline',
      'diabetics', 'dïabetic', 'ß-malade', 'x'.repeat(30), 'malad', 'mal', 'hôpital', 'Hospitalise'];
    const packed: Lexicon = { sources: ['test'], forEach: (visit) => raw.forEach(visit), forEachPacked: (visitPacked, visit) => { visitPacked(packWords(raw.slice(0, 12))); raw.slice(12).forEach(visit); } };
    const plain = typoSections(words(), lexicon(...raw));
    expect(plain.fr!.known.split(' ')).toEqual(['hospitalisee', 'insulines', 'malad', 'malades', 'salade']);
    expect(typoSections(words(), packed)).toEqual(plain);
  });

  it('finds the real neighbours in the installed word lists (salade is a word, not a typo of malade)', () => {
    const s = typoSections(words(), loadLexicon());
    const known = new Set(s.fr!.known.split(' '));
    for (const w of ['salade', 'malades', 'maladie', 'balade']) expect(known.has(w), w).toBe(true);
    expect(known.has('mlade')).toBe(false);
    expect(new Set(s.en!.known.split(' ')).has('diabetics')).toBe(true);
  });

  it('keeps the word lists out of the engine: nothing under lib/engine imports them', () => {
    const dir = join(ROOT, 'lib', 'engine');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
      const src = readFileSync(join(dir, f), 'utf8');
      expect(src, f).not.toMatch(/an-array-of|dictionary-(fr|en)|compiler\/lexicon/);
    }
  });
});
