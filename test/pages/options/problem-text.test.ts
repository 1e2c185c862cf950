/**
 * Refusals and import problems read in the page's language: a French screen shows no
 * English sentence for the problems a policy or a file really produces, and an English
 * screen shows them unchanged.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { importFile } from '../../../lib/pages/options/import-file.ts';
import { problemLine, problemText } from '../../../lib/pages/options/problem-text.ts';
import { validatePack, validatePolicy } from '../../../lib/background/policy/validate.ts';
import { droppedMessage } from '../../../lib/background/policy/dropped-keys.ts';
import { useZodLocale } from '../../../lib/schema/zod-locale.ts';

// Words of the English messages; none may be left on a French screen.
const ENGLISH = /\b(must|expected|received|invalid input|refused|required|is not|larger than|entry|field|the previous|dropped|top level|more)\b/i;

const BAD_POLICY = JSON.stringify({
  mode: 'loud', sites: ['not a pattern!'], disabledRules: ['Bad Id'], reporting: { endpoint: 'ftp://x', token: 'short' },
  packUrl: 'https://packs.example.com/p.json', policyKeys: ['mode', 'nope'], extraTerms: 'x',
});

afterEach(() => useZodLocale('en'));

describe('problems in the options page language', () => {
  it('translates every problem of a bad policy file picked in a French page', async () => {
    useZodLocale('fr');
    const r = await importFile('politique.json', BAD_POLICY);
    expect(r.kind).toBe('error');
    if (r.kind !== 'error') return;
    const lines = r.problems.map((p) => problemText(p, 'fr'));
    expect(lines.length).toBeGreaterThanOrEqual(6);
    expect(lines.filter((l) => ENGLISH.test(l))).toEqual([]);
    const refined = await importFile('p.json', JSON.stringify({ packUrl: 'https://packs.example.com/p.json', policyKeys: ['mode', 'nope'] }));
    if (refined.kind !== 'error') throw new Error('expected an error');
    const text = refined.problems.map((p) => problemText(p, 'fr')).join('\n');
    expect(text).toContain('champ packPublicKey : est obligatoire avec packUrl');
    expect(text).toContain('« nope » n’est pas une clé de politique');
  });

  it('translates what the background wrote: refusal summary, details, dropped keys, the log suffix', () => {
    useZodLocale('fr');
    const r = validatePolicy(JSON.parse(BAD_POLICY), 'policy file politique.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = [`${r.error}; the previous policy stays in force`, ...r.details, droppedMessage(['mode', 'sites'])].map((l) => problemLine(l, 'fr'));
    expect(lines.filter((l) => ENGLISH.test(l))).toEqual([]);
    expect(lines[0]).toMatch(/^fichier de politique politique\.json refusé \(\d+ problème\(s\)\) : .* ; la politique précédente reste en vigueur$/);
    const pack = validatePack({ format: 1 }, 'pack acme.json');
    expect(pack.ok).toBe(false);
    if (!pack.ok) expect(ENGLISH.test(problemLine(pack.error, 'fr'))).toBe(false);
  });

  it('translates file-level problems of the page itself (size, invalid JSON, a signed envelope)', async () => {
    useZodLocale('fr');
    const big = await importFile('gros.json', 'x'.repeat(5 * 1024 * 1024));
    const broken = await importFile('casse.json', '{"mode": ');
    for (const r of [big, broken]) {
      expect(r.kind).toBe('error');
      // A parser's own message is kept, quoted: it locates the mistake.
      if (r.kind === 'error') expect(r.problems.map((p) => problemText(p, 'fr').replace(/« [^»]*»/g, '')).filter((l) => ENGLISH.test(l))).toEqual([]);
    }
  });

  it('leaves English lines as they are on an English screen', async () => {
    const r = await importFile('policy.json', BAD_POLICY);
    if (r.kind !== 'error') throw new Error('expected an error');
    for (const p of r.problems) expect(problemText(p, 'en')).toMatch(ENGLISH);
  });
});
