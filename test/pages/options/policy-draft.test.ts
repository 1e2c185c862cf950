import { describe, expect, it } from 'vitest';
import { compact, diffPolicies, issuesAt, linesOf, numberOf, validateDraft } from '../../../lib/pages/options/policy-editor/policy-draft.ts';

describe('policy editor model', () => {
  it('drops what an empty form leaves', () => {
    expect(compact({ mode: '', sites: { allow: [], deny: ['  '] }, reporting: { teamLabel: 'a', token: '' } })).toEqual({ reporting: { teamLabel: 'a' } });
  });

  it('validates with the policy schema and names each field', () => {
    const r = validateDraft({ mode: 'loud' as never, reporting: { intervalMinutes: 5 } });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.path).sort()).toEqual(['mode', 'reporting.intervalMinutes']);
    // The cross-key rule of the schema: a remote pack needs its signing key.
    expect(validateDraft({ packUrl: 'https://p.example.com/x.json' }).issues.map((i) => i.path)).toEqual(['packPublicKey']);
    expect(issuesAt(r.issues, 'reporting')).toHaveLength(1);
    expect(r.issues.find((i) => i.path === 'reporting.intervalMinutes')).toMatchObject({ code: 'too_small', minimum: 15 });
    expect(validateDraft({ mode: 'warn', disabledRules: ['diet'] })).toMatchObject({ ok: true, policy: { mode: 'warn', disabledRules: ['diet'] } });
  });

  it('diffs against the policy in force, key order aside', () => {
    expect(diffPolicies({ mode: 'suggest', sites: { allow: ['a.com'], deny: ['b.com'] } }, { sites: { deny: ['b.com'], allow: ['a.com'] }, mode: 'warn', locales: ['fr'] }))
      .toEqual([{ key: 'mode', kind: 'changed', before: 'suggest', after: 'warn' }, { key: 'locales', kind: 'added', after: ['fr'] }]);
    expect(diffPolicies({ disabledRules: ['x'] }, {})).toEqual([{ key: 'disabledRules', kind: 'removed', before: ['x'] }]);
  });

  it('reads lines and numbers as typed', () => {
    expect(linesOf(' a \n\n b\r\n')).toEqual(['a', 'b']);
    expect(numberOf(' 60 ')).toBe(60);
    expect(numberOf('sixty')).toBe('sixty');
    expect(numberOf('')).toBeUndefined();
  });
});
