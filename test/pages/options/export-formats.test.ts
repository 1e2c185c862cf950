import { describe, expect, it } from 'vitest';
import { chromeLinuxJson, exportFile, firefoxPoliciesJson, googleAdminJson, macMobileconfig, utf16le, windowsReg } from '../../../lib/pages/options/policy-editor/export-formats.ts';
import { policySchema, type Policy } from '../../../lib/schema/policy.ts';
import { readFileSync } from 'node:fs';
import { readReg, registryToJson } from '../../support/chrome-registry.ts';

const ids = { chrome: 'pbgighifpnfcgfdchcojkhpnhpgfmloj', edge: 'abcdefghijklmnopabcdefghijklmnop', firefox: 'crm-note-lint@crm-note-lint.invalid' };
const policy: Policy = policySchema.parse({
  mode: 'block', locales: ['fr'], disabledRules: ['fr.diet.menu-hallal'], allowJustification: true,
  extraTerms: [{ term: 'dossier "rouge"', category: 'criminal', locale: 'fr', suggestion: 'dossier suivi' }],
  sites: { allow: ['https://*.example.com/*'] }, reporting: { endpoint: 'https://c.example.com/v1/ingest', intervalMinutes: 60 },
});

describe('policy export formats', () => {
  it('Chrome/Edge on Linux: 3rdparty → extensions → id → the policy, which the schema reads back', () => {
    const out = JSON.parse(chromeLinuxJson(policy, ids));
    expect(Object.keys(out['3rdparty'].extensions)).toEqual([ids.chrome]);
    expect(policySchema.parse(out['3rdparty'].extensions[ids.chrome])).toEqual(policy);
  });

  it('Google Admin console: each key wrapped as { Value }', () => {
    const out = JSON.parse(googleAdminJson(policy));
    expect(out.mode).toEqual({ Value: 'block' });
    expect(out.extraTerms.Value[0].term).toBe('dossier "rouge"');
  });

  it('Firefox: policies → 3rdparty → Extensions → add-on id', () => {
    const out = JSON.parse(firefoxPoliciesJson(policy, ids));
    expect(policySchema.parse(out.policies['3rdparty'].Extensions[ids.firefox])).toEqual(policy);
  });

  it('Windows .reg: the policy key cleared then written; lists and objects as sub-keys; quotes escaped', () => {
    const reg = windowsReg(policy, 'Google\\Chrome', ids.chrome);
    const root = `HKEY_LOCAL_MACHINE\\Software\\Policies\\Google\\Chrome\\3rdparty\\extensions\\${ids.chrome}\\policy`;
    const lines = reg.split('\r\n');
    expect(lines[0]).toBe('Windows Registry Editor Version 5.00');
    expect(lines).toContain(`[-${root}]`);
    expect(lines).toContain('"mode"="block"');
    expect(lines).toContain('"allowJustification"=dword:00000001');
    expect(lines).toContain(`[${root}\\disabledRules]`);
    expect(lines).toContain('"1"="fr.diet.menu-hallal"');
    expect(lines).toContain(`[${root}\\extraTerms\\1]`);
    expect(lines).toContain('"term"="dossier \\"rouge\\""');
    expect(lines).toContain(`[${root}\\reporting]`);
    expect(lines).toContain('"intervalMinutes"=dword:0000003c');
    expect(exportFile('windows-edge', policy, ids).text).toContain(`Microsoft\\Edge\\3rdparty\\extensions\\${ids.edge}\\policy`);
  });

  it('Windows .reg read back the way Chrome\'s registry loader reads it gives the same policy: twelve sites in order, a multi-line key, accents', () => {
    const schema = JSON.parse(readFileSync(new URL('../../../public/managed_schema.json', import.meta.url), 'utf8'));
    const pem = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEl8mLXd4k1yVx2VnVq1s4gNnK4yTzJmFy\nS1c7xQ3u0F1o7o2m3ZqzQH1y0O2PqfDkD3f2q6wVdQ1oGkq9Xh9v1A==\n-----END PUBLIC KEY-----';
    const wide: Policy = policySchema.parse({
      ...policy,
      sites: { allow: Array.from({ length: 12 }, (_, i) => `https://crm${i + 1}.example.com/*`) },
      severityOverrides: { 'fr.diet.menu-hallal': 'error', diet: 'suggestion' },
      extraTerms: [{ term: 'dossier « rouge » é', category: 'criminal', locale: 'fr', suggestion: 'dossier suivi' }],
      packUrl: 'https://packs.example.com/acme.signed.json', packPublicKey: pem,
    });
    const root = `HKEY_LOCAL_MACHINE\\Software\\Policies\\Google\\Chrome\\3rdparty\\extensions\\${ids.chrome}\\policy`;
    const reg = windowsReg(wide, 'Google\\Chrome', ids.chrome);
    expect(reg).toContain('"01"="https://crm1.example.com/*"');
    expect(policySchema.parse(registryToJson(readReg(reg, root), schema))).toEqual(wide);
  });

  it('the .reg file is UTF-16LE with a byte-order mark (accents survive regedit)', () => {
    const b = utf16le('é');
    expect([...b]).toEqual([0xff, 0xfe, 0xe9, 0x00]);
  });

  it('macOS profile: one payload per browser domain, XML-escaped values', () => {
    let n = 0;
    const xml = macMobileconfig(policy, ids, () => `00000000-0000-4000-8000-00000000000${n++}`);
    expect(xml).toContain(`<string>com.google.Chrome.extensions.${ids.chrome}</string>`);
    expect(xml).toContain(`<string>com.microsoft.Edge.extensions.${ids.edge}</string>`);
    expect(xml).toContain('<key>allowJustification</key>\n      <true/>');
    expect(xml).toContain('<string>dossier "rouge"</string>');
    expect(xml.match(/<key>PayloadUUID<\/key>/g)).toHaveLength(3);
    expect(macMobileconfig(policySchema.parse({ extraTerms: [{ term: 'a<b&c', category: 'health', locale: 'en' }] }), ids)).toContain('a&lt;b&amp;c');
  });
});
