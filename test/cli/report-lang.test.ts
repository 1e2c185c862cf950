/**
 * One language per screen for the command line: `--lang` (else LANG) picks the language
 * of `check`'s messages and summary, and of `audit`'s summary and HTML report.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../lib/cli/main.ts';
import { cliLang } from '../../lib/cli/lang.ts';
import { captureIo } from './audit-io.ts';

const dir = mkdtempSync(join(tmpdir(), 'report-lang-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** WCAG contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, b2] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b2!;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

describe('--lang and LANG', () => {
  it('LANG decides when it names French or English; C and other languages leave each rule its own', () => {
    expect(cliLang(undefined, { LANG: 'fr_FR.UTF-8' })).toBe('fr');
    expect(cliLang(undefined, { LANG: 'fr_FR.UTF-8', LC_ALL: 'en_GB.UTF-8' })).toBe('en');
    expect(cliLang(undefined, { LANG: 'C.UTF-8' })).toBeUndefined();
    expect(cliLang(undefined, { LANG: 'de_DE.UTF-8' })).toBeUndefined();
    expect(cliLang('en', { LANG: 'fr_FR.UTF-8' })).toBe('en');
  });

  it('check: the French rule speaks English with --lang en, and the summary is French with --lang fr', async () => {
    const note = join(dir, 'note.txt');
    writeFileSync(note, 'Client diabétique, rappeler.\n');
    const en = captureIo();
    await main(['check', note, '--lang', 'en'], en);
    expect(en.out()).toContain('A chronic illness is health data');
    expect(en.out()).toContain('1 finding in 1 file');
    const fr = captureIo();
    await main(['check', note, '--lang', 'fr'], fr);
    expect(fr.out()).toContain('Une maladie chronique est une donnée de santé');
    expect(fr.out()).toContain('1 constat dans 1 fichier');
    const bad = captureIo();
    expect(await main(['check', note, '--lang', 'de'], bad)).toBe(2);
    expect(bad.err()).toContain('--lang must be fr or en (got "de")');
  });

  it('audit --lang fr: French summary and HTML report, messages included; warning badges pass 4.5:1', async () => {
    const html = join(dir, 'report.html');
    const io = captureIo();
    await main(['audit', 'demo/crm-export.csv', '--column', 'Notes', '--html', html, '--lang', 'fr'], io);
    expect(io.out()).toMatch(/lignes lues\s+16/);
    expect(io.out()).toContain('Règles les plus fréquentes');
    // The file-format line and the legal bases too.
    expect(io.out()).toContain('Audit de demo/crm-export.csv (CSV, utf-8 avec BOM, séparateur ";", CRLF)');
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('séparateur');
    expect(page).toContain('RGPD art.');
    expect(page).not.toContain('GDPR art.');
    expect(page).toContain('<html lang="fr">');
    for (const h of ['Audit des notes CRM', 'Constats par catégorie', 'Règles les plus fréquentes', 'Par colonne', 'avertissement']) expect(page).toContain(h);
    for (const h of ['Top rules', 'By column', 'rows read', 'No findings']) expect(page).not.toContain(h);

    const en = captureIo();
    await main(['audit', 'demo/crm-export.csv', '--column', 'Notes', '--html', html, '--lang', 'en'], en);
    const english = readFileSync(html, 'utf8');
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('Top rules');
    expect(english).toContain('separator');
    expect(english).not.toContain('RGPD art.');
    expect(english).not.toContain('Constats par catégorie');
    // A French rule's message, in English.
    expect(english).toContain('A person&#39;s religious practice or beliefs have no place in a customer record.');
    const badges = [...english.matchAll(/class="sev" style="background:(#[0-9a-f]{6})"/g)].map((m) => m[1]!);
    expect(badges.length).toBeGreaterThan(0);
    for (const c of new Set(badges)) expect(contrast(c, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});
