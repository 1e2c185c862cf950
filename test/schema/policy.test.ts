import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { managedStorageSchema, policySchema, POLICY_KEYS } from '../../lib/schema/policy.ts';
import { MANAGED_SCHEMA_FILE, managedSchemaText } from '../../lib/cli/write-managed-schema.ts';
import { validatePolicy } from '../../lib/background/policy/validate.ts';
import { makePack } from '../support/policy-pack.ts';

// Attributes Chrome accepts per type (components/policy/core/common/schema.cc).
const ALLOWED: Record<string, string[]> = {
  array: ['description', 'id', 'items', 'sensitiveValue', 'title', 'type'],
  boolean: ['description', 'id', 'sensitiveValue', 'title', 'type'],
  integer: ['description', 'enum', 'id', 'maximum', 'minimum', 'sensitiveValue', 'title', 'type'],
  number: ['description', 'id', 'sensitiveValue', 'title', 'type'],
  object: ['additionalProperties', 'description', 'id', 'patternProperties', 'properties', 'required', 'sensitiveValue', 'title', 'type'],
  string: ['description', 'enum', 'id', 'pattern', 'sensitiveValue', 'title', 'type'],
};

function checkChromeSubset(s: Record<string, unknown>, path: string): void {
  const type = s.type as string;
  expect(ALLOWED[type], `${path}: type`).toBeDefined();
  for (const k of Object.keys(s)) expect(ALLOWED[type], `${path}: attribute ${k}`).toContain(k);
  if (type === 'array') {
    expect(s.items, `${path}: arrays need items`).toBeDefined();
    checkChromeSubset(s.items as Record<string, unknown>, `${path}[]`);
  }
  for (const [k, v] of Object.entries((s.properties as Record<string, Record<string, unknown>>) ?? {})) checkChromeSubset(v, `${path}.${k}`);
  if (s.additionalProperties) checkChromeSubset(s.additionalProperties as Record<string, unknown>, `${path}.*`);
}

describe('policy schema', () => {
  it('public/managed_schema.json is in sync (npm run build:managed-schema)', () => {
    expect(readFileSync(MANAGED_SCHEMA_FILE, 'utf8')).toBe(managedSchemaText());
  });

  it('the managed schema declares every policy key, and only Chrome-supported attributes', () => {
    const s = managedStorageSchema();
    expect(Object.keys(s.properties as object).sort()).toEqual([...POLICY_KEYS].sort());
    expect(s).not.toHaveProperty('additionalProperties');
    checkChromeSubset(s, 'policy');
    const props = s.properties as Record<string, Record<string, unknown>>;
    const sub = (k: string) => Object.keys(props[k]!.properties as object).sort();
    expect(sub('reporting')).toEqual(['endpoint', 'intervalMinutes', 'minCount', 'teamLabel', 'token']);
    expect(sub('sites')).toEqual(['allow', 'deny', 'selectors']);
    expect(Object.keys((props.extraTerms!.items as { properties: object }).properties).sort())
      .toEqual(['category', 'locale', 'message', 'severity', 'suggestion', 'term']);
  });

  it('accepts a complete policy, packs as objects or JSON text', () => {
    const pack = makePack('org', '1.0.0');
    const r = validatePolicy({
      mode: 'block', locales: ['fr'], packs: [pack, JSON.stringify(pack)],
      packUrl: 'https://packs.example.com/org.signed.json', packPublicKey: 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEXB7uueMWZVbeY4F57DyHLhJBreSKzMJWEOfoZs8WDllQk8BRknFMsqOOoR18xkKejuZnt9lUNtVxYmvZr9H0RA==',
      disabledRules: ['fr.diet.menu-hallal', 'insult'], severityOverrides: { diet: 'error' },
      extraTerms: [{ term: 'dossier rouge', category: 'criminal', locale: 'fr', suggestion: 'dossier suivi' }],
      sites: { allow: ['https://*.my.salesforce.com/*', 'crm.example.com'], deny: ['*://*.example.com/admin/*'], selectors: { 'crm.example.com': ['#notes'] } },
      allowUserOverrides: false, allowJustification: true, markSensitiveFields: true,
      reporting: { endpoint: 'https://collect.example.com/v1', intervalMinutes: 60, minCount: 5, teamLabel: 'Ventes Ouest' },
    }, 'test');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.packs![1]!.id).toBe('org');
  });

  it.each([
    [{ mode: 'strict' }, /mode/],
    [{ packUrl: 'https://x.example.com/p.json' }, /packPublicKey: is required with packUrl/],
    [{ packUrl: 'ftp://x.example.com/p.json', packPublicKey: 'x' }, /packUrl/],
    [{ packs: ['{not json'] }, /packs\[0\]: is not valid JSON/],
    [{ packs: [{ format: 1, id: 'x' }] }, /packs\[0\]\.version/],
    [{ extraTerms: [{ term: 'x', category: 'nope', locale: 'fr' }] }, /extraTerms\[0\]\.category/],
    [{ sites: { allow: ['not a pattern/*'] } }, /sites\.allow\[0\]/],
    [{ severityOverrides: { diet: 'fatal' } }, /severityOverrides\.diet/],
    [{ unknownKey: true }, /unknownKey|Unrecognized/],
    [{ reporting: { endpoint: 'http://evil.example.com' } }, /reporting\.endpoint/],
    [[], /must be a JSON object/],
  ])('refuses %j as a whole with a clear error', (raw, re) => {
    const r = validatePolicy(raw, 'managed policy');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error + '\n' + r.details.join('\n')).toMatch(re);
  });

  it('policySchema is strict at every level', () => {
    expect(policySchema.safeParse({ sites: { allow: [], extra: 1 } }).success).toBe(false);
    expect(policySchema.safeParse({ extraTerms: [{ term: 'a', category: 'health', locale: 'fr', note: 1 }] }).success).toBe(false);
  });
});
