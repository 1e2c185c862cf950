/**
 * One live copy of the content script per frame. After an extension update Chrome
 * leaves the old copy running in open tabs, orphaned (its runtime is dead), and the new
 * version injects a fresh copy (lib/background/reinject.ts); a tab loading at that very
 * moment can even get two live copies. So each copy announces itself with a cancelable
 * event on its document before it does anything: an older copy that is still alive
 * cancels it (the newcomer stands down), an orphaned one retires at once — UI removed,
 * unsent counts kept — so the newcomer never lints a field twice. An orphan also
 * notices on its own: `ctx.isInvalid` (a dead `browser.runtime.id`) on a timer.
 */
export const STARTED_EVENT = 'crm-note-lint:content-script-started';

/** What the content script gets from WXT (`ContentScriptContext`). */
export interface ScriptContext {
  readonly isInvalid: boolean;
  onInvalidated(cb: () => void): unknown;
}

/**
 * Announces this copy; false when a live older copy keeps the frame (this one must not
 * start). When it may start, UI hosts still in the page (`leftoverTags`) are a dead
 * copy's: Firefox stops an updated add-on's old content script outright, so it never
 * gets to remove its own UI. They are removed here.
 */
export function announce(doc: Document, leftoverTags: readonly string[] = []): boolean {
  if (!doc.dispatchEvent(new CustomEvent(STARTED_EVENT, { cancelable: true }))) return false;
  if (leftoverTags.length) for (const el of doc.querySelectorAll(leftoverTags.join(','))) el.remove();
  return true;
}

/**
 * Calls `retire` once, when this copy is orphaned or replaced: its context invalidated
 * (WXT), a dead runtime found by the timer, or a newer copy announcing itself while
 * this one is dead. Returns what retires it now.
 */
export function watchSuccession(ctx: ScriptContext, doc: Document, retire: () => void, everyMs = 1000): () => void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    clearInterval(timer);
    doc.removeEventListener(STARTED_EVENT, onStarted);
    retire();
  };
  const onStarted = (e: Event) => {
    if (ctx.isInvalid) once();
    else e.preventDefault(); // alive: this frame is ours
  };
  doc.addEventListener(STARTED_EVENT, onStarted);
  const timer = setInterval(() => {
    if (ctx.isInvalid) once();
  }, everyMs);
  ctx.onInvalidated(once);
  return once;
}
