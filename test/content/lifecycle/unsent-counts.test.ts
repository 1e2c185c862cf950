// @vitest-environment happy-dom
/** Counts an orphaned copy could not send wait in the tab's sessionStorage for the next copy. */
import { beforeEach, describe, expect, it } from 'vitest';
import { keepUnsent, takeUnsent } from '../../../lib/content/lifecycle/unsent-counts.ts';
import type { CountEvent } from '../../../lib/messages.ts';

const session = () => window.sessionStorage;
const shown: CountEvent = { category: 'health', rule: 'fr.health.diabetes', action: 'shown' };
const applied: CountEvent = { category: 'diet', rule: 'fr.diet.menu-hallal', action: 'applied' };

beforeEach(() => window.sessionStorage.clear());

describe('unsent counts', () => {
  it('hands the events of a host to the next copy once, and leaves other frames\' hosts alone', () => {
    keepUnsent(session, 'crm.example', [shown]);
    keepUnsent(session, 'other.example', [applied]);
    keepUnsent(session, 'crm.example', [applied]);
    expect(takeUnsent(session, 'crm.example')).toEqual([shown, applied]);
    expect(takeUnsent(session, 'crm.example')).toEqual([]);
    expect(takeUnsent(session, 'other.example')).toEqual([applied]);
    expect(window.sessionStorage.length).toBe(0);
  });

  it('keeps only the count fields and drops what the page may have written there', () => {
    window.sessionStorage.setItem('crm-note-lint.unsent-counts', JSON.stringify([
      { host: 'crm.example', events: [
        { ...shown, text: 'Client diabétique' },
        { category: 'health', rule: 'a sentence with spaces', action: 'shown' },
        { category: 'nope', rule: 'x', action: 'shown' },
        { category: 'health', rule: 'fr.health.diabetes', action: 'typed' },
        null,
      ] },
      { host: 42, events: [shown] },
    ]));
    expect(takeUnsent(session, 'crm.example')).toEqual([shown]);
    window.sessionStorage.setItem('crm-note-lint.unsent-counts', '{not json');
    expect(takeUnsent(session, 'crm.example')).toEqual([]);
  });

  it('never throws when storage is refused (sandboxed frame) and caps what it keeps', () => {
    const refused = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    expect(() => keepUnsent(refused, 'crm.example', [shown])).not.toThrow();
    expect(takeUnsent(refused, 'crm.example')).toEqual([]);
    keepUnsent(session, 'crm.example', Array.from({ length: 2500 }, () => shown));
    keepUnsent(session, 'crm.example', [applied]);
    expect(takeUnsent(session, 'crm.example')).toHaveLength(2000);
  });
});
