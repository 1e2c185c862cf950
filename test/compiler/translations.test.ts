/**
 * Dictionary messages in both UI languages: `<locale>/messages.<lang>.yaml` files are
 * compiled into each rule's translations, every entry still missing one is a warning,
 * and the engine shows the reader's language — the message and the legal basis.
 */
import { describe, expect, it } from 'vitest';
import { compilePack } from '../../lib/compiler/compile.ts';
import { parseMessagesText, parseSourceText } from '../../lib/compiler/load-sources.ts';
import { Linter } from '../../lib/engine/lint.ts';

const SOURCE = `locale: fr
category: health
entries:
  - id: fr.health.diabete
    terms: [diabétique]
    suggestions: [{ remove: true }]
    message: Une maladie chronique est une donnée de santé.
    source: RGPD art. 9
    examples: { flag: [Client diabétique] }
  - id: fr.health.asthme
    terms: [asthmatique]
    suggestions: [{ remove: true }]
    message: L'asthme est une donnée de santé.
    source: RGPD art. 9
    examples: { flag: [Client asthmatique] }
`;
const META = { id: 't', version: '1.0.0', description: 't' };

function compile(messages: string) {
  const src = parseSourceText('fr/health.yaml', SOURCE).value!;
  const m = parseMessagesText('fr/messages.en.yaml', messages);
  expect(m.problems).toEqual([]);
  return compilePack(META, [src], { messages: [m.value!] });
}

describe('message translations', () => {
  it('ship in the pack, and the engine shows the one of messageLocale (the rule\'s own otherwise)', () => {
    const r = compile('locale: en\nmessages:\n  fr.health.diabete: A chronic illness is health data.\n  fr.health.asthme: Asthma is health data.\n');
    expect(r.warnings).toEqual([]);
    expect(r.pack!.rules[0]!.translations).toEqual({ en: 'A chronic illness is health data.' });
    const linter = new Linter([r.pack!]);
    expect(linter.lint('Client diabétique', { locale: 'fr', messageLocale: 'en' })[0]!.message).toBe('A chronic illness is health data.');
    expect(linter.lint('Client diabétique', { locale: 'fr', messageLocale: 'fr' })[0]!.message).toBe('Une maladie chronique est une donnée de santé.');
    expect(linter.lint('Client diabétique', { locale: 'fr' })[0]!.message).toBe('Une maladie chronique est une donnée de santé.');
  });

  it('refuses a pack that ships translations but leaves an entry untranslated, and warns about a translation of no entry, with file and line', () => {
    const r = compile('locale: en\nmessages:\n  fr.health.diabete: A chronic illness is health data.\n  fr.health.renamed: Health data, of an entry that is gone.\n');
    expect(r.pack).toBeUndefined();
    expect(r.problems.map((w) => [w.entry, w.file, w.line, w.message])).toEqual([
      ['fr.health.asthme', 'fr/health.yaml', 10, 'no English message: add it to fr/messages.en.yaml'],
    ]);
    expect(r.warnings.map((w) => [w.entry, w.file, w.line, w.message])).toEqual([
      ['fr.health.renamed', 'fr/messages.en.yaml', 4, 'translates no entry of the pack (renamed or removed?)'],
    ]);
  });

  it('asks nothing of a pack without translation files (one language is a valid pack)', () => {
    const src = parseSourceText('fr/health.yaml', SOURCE).value!;
    const r = compilePack(META, [src], { messages: [] });
    expect(r.problems).toEqual([]);
    expect(r.pack).toBeDefined();
  });

  it('refuses a file whose language disagrees with its name, or a message that is not a sentence', () => {
    expect(parseMessagesText('fr/messages.en.yaml', 'locale: fr\nmessages: {}\n').problems[0]!.message).toBe('is "fr" but the file name says "en"');
    const short = parseMessagesText('fr/messages.en.yaml', 'locale: en\nmessages:\n  fr.health.diabete: Bad\n').problems[0]!;
    expect([short.entry, short.line, short.message]).toEqual(['fr.health.diabete', 3, 'must be one short sentence']);
  });
});

describe('legal bases in both UI languages', () => {
  const MESSAGES = 'locale: en\nmessages:\n  fr.health.diabete: A chronic illness is health data.\n  fr.health.asthme: Asthma is health data.\n';
  it('ship with the rules when the file lists them, and the engine shows the one of messageLocale', () => {
    const r = compile(`${MESSAGES}sources:\n  "RGPD art. 9": "GDPR art. 9"\n`);
    expect(r.problems).toEqual([]);
    expect(r.pack!.rules.map((x) => x.sourceTranslations)).toEqual([{ en: 'GDPR art. 9' }, { en: 'GDPR art. 9' }]);
    const linter = new Linter([r.pack!]);
    expect(linter.lint('Client diabétique', { locale: 'fr', messageLocale: 'en' })[0]!.source).toBe('GDPR art. 9');
    expect(linter.lint('Client diabétique', { locale: 'fr', messageLocale: 'fr' })[0]!.source).toBe('RGPD art. 9');
  });

  it('refuses a file that lists legal bases but leaves one of the entries\' out, naming it', () => {
    const r = compile(`${MESSAGES}sources:\n  "RGPD art. 10": "GDPR art. 10"\n`);
    expect(r.pack).toBeUndefined();
    expect(r.problems.map((w) => [w.entry, w.file, w.message])).toEqual([
      ['sources', 'fr/messages.en.yaml', 'no English legal basis for "RGPD art. 9": add it under sources:'],
    ]);
  });

  it('gives identifiers their legal basis in the reader\'s language', () => {
    const r = compile(MESSAGES);
    const linter = new Linter([r.pack!]);
    const iban = 'IBAN FR76 3000 6000 0112 3456 7890 189';
    expect(linter.lint(iban, { locale: 'fr', messageLocale: 'en' })[0]!.source).toMatch(/^GDPR art\. 32/);
    expect(linter.lint(iban, { locale: 'fr', messageLocale: 'fr' })[0]!.source).toMatch(/^RGPD art\. 32/);
  });
});
