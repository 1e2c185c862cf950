// @vitest-environment happy-dom
/**
 * One live copy of the content script per frame: a newcomer stands down before a live
 * copy, an orphaned copy retires (once) when a newcomer announces itself, when its
 * context is invalidated, or when the timer finds its runtime dead.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { announce, watchSuccession, type ScriptContext } from '../../../lib/content/lifecycle/succession.ts';

class FakeContext implements ScriptContext {
  dead = false;
  private readonly listeners: (() => void)[] = [];
  get isInvalid(): boolean {
    if (this.dead) this.invalidate(); // as WXT's: reading it on a dead runtime fires onInvalidated
    return this.dead;
  }
  onInvalidated(cb: () => void): void {
    this.listeners.push(cb);
  }
  invalidate(): void {
    this.dead = true;
    for (const cb of this.listeners.splice(0)) cb();
  }
}

const stops: (() => void)[] = [];
beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  for (const s of stops.splice(0)) s();
  vi.useRealTimers();
});

function copy(): { ctx: FakeContext; retired: number } {
  const c = { ctx: new FakeContext(), retired: 0 };
  stops.push(watchSuccession(c.ctx, document, () => void c.retired++));
  return c;
}

describe('content script succession', () => {
  it('a newcomer stands down while a live copy runs the frame', () => {
    expect(announce(document)).toBe(true); // nobody here yet
    const live = copy();
    expect(announce(document)).toBe(false);
    expect(live.retired).toBe(0);
  });

  it('an orphaned copy retires when the new version announces itself, so the newcomer starts', () => {
    const old = copy();
    old.ctx.dead = true; // the extension was updated: runtime gone, nothing fired yet
    expect(announce(document)).toBe(true);
    expect(old.retired).toBe(1);
    // Retired once only, and no longer listening.
    old.ctx.invalidate();
    expect(announce(document)).toBe(true);
    expect(old.retired).toBe(1);
  });

  it('a copy that may start removes the UI a dead copy left in the page (Firefox stops old copies outright)', () => {
    document.body.innerHTML = '<p>note</p>';
    document.documentElement.append(document.createElement('crm-note-lint'));
    expect(announce(document, ['crm-note-lint'])).toBe(true);
    expect(document.querySelector('crm-note-lint')).toBeNull();
    // Before a live copy, nothing is touched.
    const live = copy();
    const ours = document.documentElement.appendChild(document.createElement('crm-note-lint'));
    expect(announce(document, ['crm-note-lint'])).toBe(false);
    expect(ours.isConnected).toBe(true);
    expect(live.retired).toBe(0);
    ours.remove();
  });

  it('an orphan with no successor notices on its own, by the timer', async () => {
    const old = copy();
    old.ctx.dead = true;
    await vi.advanceTimersByTimeAsync(1000);
    expect(old.retired).toBe(1);
  });

  it('retires when its context is invalidated', () => {
    const old = copy();
    old.ctx.invalidate();
    expect(old.retired).toBe(1);
  });
});
