/**
 * Every labelled corpus file in test/corpus/ follows the format its figures rely on
 * (test/corpus/README.md): unique ids, wordings that are exact substrings of their
 * note, known categories, about half clean notes, every category labelled, CNIL lines
 * with a source, and no note shared between the dev and a held-out split (test, novel).
 * Format only: no detection threshold here (held-out figures are reported, not tuned).
 */
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORY_IDS, LOCALES } from '../lib/categories.ts';
import { ROOT } from '../lib/cli/builtin.ts';
import { classifyCorpusFile, listCorpusFiles, presentNotes, readLabelledCorpus, readSplit, type Split } from '../lib/eval/corpus.ts';
import { cleanShare, corpusProblems, notesPerCategory } from '../lib/eval/validate.ts';

const files = listCorpusFiles(ROOT);
const idOwner = new Map<string, string>();

describe('corpus file names', () => {
  it('every .jsonl in test/corpus names a known split and locale', () => {
    expect(files.map((f) => basename(f)).filter((n) => !classifyCorpusFile(n))).toEqual([]);
  });
});

describe.each(files.map((f) => [basename(f), f] as const))('%s', (name, path) => {
  const kind = classifyCorpusFile(name)!;
  const notes = readLabelledCorpus(path);

  it('has unique ids (across every corpus file), non-empty texts and exact wordings in known categories', () => {
    expect(notes.length).toBeGreaterThan(0);
    expect(corpusProblems(notes)).toEqual([]);
    const clashes = notes.filter((n) => idOwner.has(n.id) && idOwner.get(n.id) !== name).map((n) => `${n.id} also in ${idOwner.get(n.id)}`);
    for (const n of notes) idOwner.set(n.id, name);
    expect(clashes).toEqual([]);
  });

  if (kind.split === 'cnil') {
    it('attributes every quoted comment to its source and labels it', () => {
      expect(notes.filter((n) => typeof n.source !== 'string' || !n.source.trim()).map((n) => n.id)).toEqual([]);
      expect(notes.filter((n) => n.expect.length === 0).map((n) => n.id)).toEqual([]);
    });
  } else {
    it('is about half clean look-alikes and labels every category', () => {
      const share = cleanShare(notes);
      expect(share).toBeGreaterThan(0.4);
      expect(share).toBeLessThan(0.6);
      const perCategory = notesPerCategory(notes);
      expect(CATEGORY_IDS.filter((c) => perCategory[c] === 0)).toEqual([]);
    });
  }
});

describe.each(LOCALES)('splits of %s', (locale) => {
  const texts = (split: Split): Set<string> => new Set(presentNotes(readSplit(ROOT, locale, split)).map((n) => n.text.trim().toLowerCase()));
  it.each(['test', 'novel'] as const)('share no note between dev and the held-out %s split', (heldOut) => {
    const dev = texts('dev');
    const leaked = presentNotes(readSplit(ROOT, locale, heldOut)).filter((n) => dev.has(n.text.trim().toLowerCase()));
    expect(leaked.map((n) => n.id)).toEqual([]);
  });
  it('share no note between the two held-out splits', () => {
    const test = texts('test');
    expect(presentNotes(readSplit(ROOT, locale, 'novel')).filter((n) => test.has(n.text.trim().toLowerCase())).map((n) => n.id)).toEqual([]);
  });
});
