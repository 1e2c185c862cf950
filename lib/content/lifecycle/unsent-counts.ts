/**
 * Counts an orphaned content script could not deliver, handed to the next copy in the
 * same tab: the copy the updated extension injects at once, or the one that loads
 * when the rep reloads the page. They wait in the tab's `sessionStorage` (per origin,
 * gone when the tab closes). A count is a category, a rule id and an action — never
 * text, and nothing the page does not already hold (the note these counts describe is
 * in the page). What is read back is checked before it is sent again (the page could
 * have written anything there) and the background validates it once more.
 */
import { CATEGORY_IDS } from '../../categories.ts';
import { COUNT_ACTIONS, RULE_ID_RE, type CountEvent } from '../../schema/count.ts';

const KEY = 'crm-note-lint.unsent-counts';
/** One `count-events` message's worth (the background's own cap); more is dropped rather than letting the entry grow. */
const MAX_EVENTS = 2000;

interface Parcel { host: string; events: CountEvent[] }

const isEvent = (e: unknown): e is CountEvent => {
  const x = e as Partial<CountEvent> | null;
  return !!x && (CATEGORY_IDS as readonly unknown[]).includes(x.category) && typeof x.rule === 'string' && RULE_ID_RE.test(x.rule) &&
    (COUNT_ACTIONS as readonly unknown[]).includes(x.action);
};

function read(store: Storage): Parcel[] {
  try {
    const raw: unknown = JSON.parse(store.getItem(KEY) ?? '[]');
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((p: Partial<Parcel> | null) =>
      p && typeof p.host === 'string' && Array.isArray(p.events)
        ? [{ host: p.host, events: p.events.filter(isEvent).map(({ category, rule, action }) => ({ category, rule, action })) }]
        : []);
  } catch {
    return [];
  }
}

function write(store: Storage, parcels: Parcel[]): void {
  if (parcels.length) store.setItem(KEY, JSON.stringify(parcels));
  else store.removeItem(KEY);
}

/** Keeps `events` of `host` for the next copy. Storage refused (sandboxed frame, quota): they are lost, nothing throws. */
export function keepUnsent(storage: () => Storage, host: string, events: readonly CountEvent[]): void {
  if (!events.length) return;
  try {
    const store = storage();
    const parcels = read(store);
    const total = parcels.reduce((n, p) => n + p.events.length, 0);
    const room = Math.max(0, MAX_EVENTS - total);
    if (room) write(store, [...parcels, { host, events: events.slice(0, room) }]);
  } catch {
    // Nowhere to keep them.
  }
}

/** Takes (and removes) what an earlier copy kept for `host`. */
export function takeUnsent(storage: () => Storage, host: string): CountEvent[] {
  try {
    const store = storage();
    const parcels = read(store);
    const mine = parcels.filter((p) => p.host === host);
    if (!mine.length) return [];
    write(store, parcels.filter((p) => p.host !== host));
    return mine.flatMap((p) => p.events);
  } catch {
    return [];
  }
}
