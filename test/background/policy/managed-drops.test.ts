/**
 * Managed policy values the browser drops or the extension refuses: Chromium
 * drops a key whose value does not fit managed_schema.json (so that schema
 * types values and nothing more), the extension refuses enum members and
 * ranges as a whole with the reason, and a key named in `policyKeys` that did
 * not arrive is reported as dropped — in the refusal log and the policy status.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { droppedKeys } from '../../../lib/background/policy/dropped-keys.ts';
import { readErrorLog } from '../../../lib/background/policy/error-log.ts';
import { STORAGE_KEYS } from '../../../lib/background/policy/stored-inputs.ts';
import { validatePolicy } from '../../../lib/background/policy/validate.ts';
import type { Message, Replies } from '../../../lib/messages.ts';
import { managedStorageSchema, POLICY_KEYS } from '../../../lib/schema/policy.ts';
import { startFakeBackground } from '../fake-background.ts';

async function send<T extends Message['type']>(msg: Extract<Message, { type: T }>): Promise<Replies[T]> {
  return (await fakeBrowser.runtime.sendMessage(msg)) as Replies[T];
}
const settle = () => new Promise((r) => setTimeout(r, 30));
let bg: Awaited<ReturnType<typeof startFakeBackground>>;

beforeEach(async () => {
  fakeBrowser.reset();
  bg = await startFakeBackground();
});

/** Every JSON-schema node of the managed schema, with its path. */
function nodes(s: Record<string, unknown>, path = 'policy'): [string, Record<string, unknown>][] {
  const out: [string, Record<string, unknown>][] = [[path, s]];
  for (const [k, v] of Object.entries((s.properties as Record<string, Record<string, unknown>>) ?? {})) out.push(...nodes(v, `${path}.${k}`));
  if (s.items) out.push(...nodes(s.items as Record<string, unknown>, `${path}[]`));
  if (s.additionalProperties) out.push(...nodes(s.additionalProperties as Record<string, unknown>, `${path}.*`));
  return out;
}

describe('managed schema: what Chromium must type, nothing more', () => {
  it('has no enum, range or required list (the extension checks those and says why)', () => {
    for (const [path, n] of nodes(managedStorageSchema())) {
      for (const attr of ['enum', 'minimum', 'maximum', 'required', 'pattern']) expect(n, `${path}.${attr}`).not.toHaveProperty(attr);
      expect(n.type, `${path}: typed`).toMatch(/^(string|boolean|integer|array|object)$/);
    }
  });

  it('the extension refuses an off-list mode as a whole, naming the key and the allowed values', () => {
    const r = validatePolicy({ mode: 'explode', disabledRules: ['health'] }, 'managed policy');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/mode.*(suggest|warn|block)/);
  });

  it('policyKeys accepts every policy key and names one that is not', () => {
    expect(validatePolicy({ policyKeys: [...POLICY_KEYS] }, 'p').ok).toBe(true);
    const r = validatePolicy({ policyKeys: ['mode', 'Mode'] }, 'p');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.details.join('\n')).toMatch(/policyKeys\[1\]: "Mode" is not a policy key/);
  });
});

describe('keys the browser dropped', () => {
  it('are the listed keys missing from what storage.managed holds', () => {
    expect(droppedKeys({ mode: 'warn', policyKeys: ['mode', 'allowUserOverrides', 'reporting', 'nonsense', 'mode'] })).toEqual(['allowUserOverrides', 'reporting']);
    expect(droppedKeys({ mode: 'warn' })).toEqual([]);
    expect(droppedKeys({ mode: 'warn', policyKeys: 'mode' })).toEqual([]);
  });

  it('refuse the policy as a whole: logged, shown in the status, the previous policy stays', async () => {
    await fakeBrowser.storage.managed.set({ mode: 'warn', policyKeys: ['mode'] });
    await settle();
    expect((await bg.policy.effectiveConfig('crm.example.com')).mode).toBe('warn');
    expect((await send({ type: 'policy-get-state' })).managedStatus).toMatchObject({ state: 'applied', dropped: [] });

    // The admin wrote "allowUserOverrides": "false" and "reporting": [...]: Chromium dropped both.
    await fakeBrowser.storage.managed.set({ mode: 'block', policyKeys: ['mode', 'allowUserOverrides', 'reporting'] });
    await settle();
    expect((await bg.policy.effectiveConfig('crm.example.com')).mode).toBe('warn');
    const state = await send({ type: 'policy-get-state' });
    expect(state.managedStatus).toMatchObject({ state: 'refused', dropped: ['allowUserOverrides', 'reporting'] });
    expect(state.managedStatus!.reason).toBe('managed policy refused: the browser dropped keys allowUserOverrides, reporting: check their types against managed_schema.json');
    expect(state.errors[0]).toMatchObject({ source: 'managed' });
    expect(state.errors[0]!.message).toMatch(/dropped keys allowUserOverrides, reporting: check their types.*previous policy stays in force/);
  });

  it('an off-list enum value arrives (the schema no longer types it) and is refused with the reason', async () => {
    await fakeBrowser.storage.managed.set({ mode: 'explode' });
    await settle();
    const state = await send({ type: 'policy-get-state' });
    expect(state.managedStatus).toMatchObject({ state: 'refused', dropped: [] });
    expect(state.managedStatus!.reason).toMatch(/^managed policy refused .*mode/);
    expect(state.managed).toBe(false);
  });
});

describe('a refusal log that is not a list', () => {
  it.each([[{ oops: 1 }], ['text'], [42], [[{ at: 'x', source: 'managed', message: 'kept' }, 'junk', { source: 'nope' }]]])('%j never breaks policy-get-state', async (stored) => {
    await fakeBrowser.storage.local.set({ [STORAGE_KEYS.errors]: stored });
    const state = await send({ type: 'policy-get-state' });
    expect(Array.isArray(state.errors)).toBe(true);
    expect(state.errors).toEqual(readErrorLog(stored));
    // And the next refusal is logged on top of what could be read.
    await send({ type: 'policy-import-policy', policy: { mode: 'loud' } });
    expect((await send({ type: 'policy-get-state' })).errors[0]!.source).toBe('local-policy');
  });

  it('keeps the well-formed entries', () => {
    expect(readErrorLog([{ at: 'x', source: 'managed', message: 'kept' }, 'junk', { source: 'nope' }])).toEqual([{ at: 'x', source: 'managed', message: 'kept' }]);
  });
});
