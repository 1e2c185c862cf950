import { describe, expect, it } from 'vitest';
import { importFile } from '../../../lib/pages/options/import-file.ts';
import { makePack } from '../../support/policy-pack.ts';

const YAML_OK = `pack:
  id: acme
  version: 1.0.0
  description: Acme terms
locale: fr
category: health
entries:
  - id: fr.health.licorne
    terms: [licorne]
    suggestions: [client]
    message: Terme interne à éviter dans les notes.
    source: RGPD art. 9
    examples:
      flag: [une licorne]
`;

describe('options page import', () => {
  it('compiles a YAML pack in the page', async () => {
    const r = await importFile('acme.yaml', YAML_OK);
    expect(r.kind).toBe('pack');
    if (r.kind === 'pack') {
      expect(r.compiled).toBe(true);
      expect(r.pack.id).toBe('acme');
      expect(r.pack.phrases.map((p) => p[0])).toContain('licornes');
    }
  });

  it('reports YAML source errors by line', async () => {
    const r = await importFile('acme.yaml', YAML_OK.replace('suggestions: [client]', 'suggestions: []'));
    expect(r.kind).toBe('error');
    if (r.kind === 'error') expect(r.problems[0]).toMatchObject({ file: 'acme.yaml', line: 10, entry: 'fr.health.licorne', field: 'suggestions' });
  });

  it('reports invalid YAML by line', async () => {
    const r = await importFile('bad.yaml', 'pack:\n  id: [x\nlocale: fr\n');
    expect(r.kind).toBe('error');
    if (r.kind === 'error') expect(r.problems[0]!.message).toMatch(/invalid YAML/);
  });

  it('accepts a compiled pack and locates its schema errors by line', async () => {
    const pack = makePack('acme', '1.0.0');
    expect((await importFile('p.json', JSON.stringify(pack))).kind).toBe('pack');
    const bad = JSON.stringify({ ...pack, version: 'one' }, null, 2);
    const r = await importFile('p.json', bad);
    expect(r.kind).toBe('error');
    if (r.kind === 'error') expect(r.problems[0]).toMatchObject({ line: 4, field: 'version' });
  });

  it('recognises a policy file and locates its errors', async () => {
    expect((await importFile('team.json', '{"mode":"warn"}')).kind).toBe('policy');
    const r = await importFile('team.json', '{\n  "mode": "warn",\n  "disabledRules": [\n    "OK NOT"\n  ]\n}');
    expect(r.kind).toBe('error');
    if (r.kind === 'error') expect(r.problems[0]).toMatchObject({ line: 4, field: 'disabledRules[0]' });
  });

  it('refuses a signed envelope with advice', async () => {
    const r = await importFile('s.json', '{"format":"crm-note-lint/signed-pack"}');
    expect(r.kind === 'error' && r.problems[0]!.message).toMatch(/packUrl/);
  });
});
