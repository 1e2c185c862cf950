// @vitest-environment happy-dom
/**
 * The options page's policy status and the dashboard's quarantine notice,
 * rendered: what an admin or a rep reads for each state.
 */
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { PolicyState } from '../../../lib/background/policy/state.ts';
import type { StatsSnapshot } from '../../../lib/background/stats/snapshot.ts';
import { ManagedPolicyStatus } from '../../../lib/pages/options/ManagedPolicyStatus.tsx';
import { QuarantineNotice } from '../../../lib/pages/dashboard/QuarantineNotice.tsx';

const root = () => document.body.appendChild(document.createElement('div'));
afterEach(() => {
  document.body.innerHTML = '';
});

const withStatus = (managedStatus: PolicyState['managedStatus']) => ({ managedStatus }) as PolicyState;

describe('ManagedPolicyStatus', () => {
  it('says nothing without a managed policy', () => {
    const el = root();
    render(<ManagedPolicyStatus state={withStatus(undefined)} />, el);
    render(<ManagedPolicyStatus state={withStatus({ state: 'none', at: '', dropped: [] })} />, el);
    expect(el.textContent).toBe('');
  });

  it('names the dropped keys and the reason of a refusal', () => {
    const el = root();
    render(<ManagedPolicyStatus state={withStatus({ state: 'refused', at: 'x', dropped: ['allowUserOverrides', 'reporting'], reason: 'managed policy refused: …' })} />, el);
    expect(el.querySelector('#managed-status')!.getAttribute('data-state')).toBe('refused');
    expect(el.querySelector('#managed-dropped')!.textContent).toMatch(/(dropped keys|écarté les clés) allowUserOverrides, reporting/);
    expect(el.querySelector('#managed-reason')!.textContent).toContain('managed policy refused');
  });

  it('one dropped key reads in the singular', () => {
    const el = root();
    render(<ManagedPolicyStatus state={withStatus({ state: 'refused', at: 'x', dropped: ['mode'] })} />, el);
    expect(el.querySelector('#managed-dropped')!.textContent).toMatch(/(dropped key mode: check its type|écarté la clé mode : vérifiez son type)/);
  });
});

describe('QuarantineNotice', () => {
  const snap = (total: number, keys: string[]) => ({ quarantined: { total, keys } }) as StatsSnapshot;

  it('shows how many entries were moved aside, by day', () => {
    const el = root();
    render(<QuarantineNotice snap={snap(2, ['stats.d.2026-03-08', 'stats.m.2025-01'])} />, el);
    const p = el.querySelector('[data-testid="cnl-quarantined"]')!;
    expect(p.getAttribute('data-total')).toBe('2');
    expect(p.textContent).toMatch(/2 .*2026-03-08, 2025-01/);
  });

  it('is absent when nothing was moved', () => {
    const el = root();
    render(<QuarantineNotice snap={snap(0, [])} />, el);
    expect(el.textContent).toBe('');
  });
});
