/**
 * Applies one edit through the editor's own input pipeline, so the page's
 * framework sees it and one Ctrl+Z undoes it. Order of attempts:
 *  - textarea/input: setSelectionRange + execCommand('insertText'|'delete');
 *  - rich editors: a `beforeinput` of type insertReplacementText WITH target
 *    ranges (CKEditor 5, Quill 2, Lexical, Slate handle it and preventDefault);
 *    if nobody handles it, execCommand('insertText') on the DOM selection
 *    (ProseMirror/Tiptap, TinyMCE, plain contenteditable); a paste event last.
 * Each attempt is verified by re-reading the field's text. Which attempt each
 * editor takes is recorded in editors.ts. Keys typed during an apply are held and
 * replayed at the caret afterwards (type-ahead.ts).
 */
import { extractText, offsetOf, rangeFor, type TextMap } from './text-map.ts';
import { holdTypeAhead, type TypeAhead } from './type-ahead.ts';
import { nextFrame as frame } from './frame.ts';

export interface Edit {
  start: number;
  end: number;
  replacement: string;
}

export type ApplyMethod = 'execCommand' | 'beforeinput' | 'paste' | 'setRangeText' | 'failed';

/** How long the caret must stay where it was put back after an apply, and the most we wait for it. */
const CARET_SETTLE_MS = 400;
const CARET_SETTLE_MAX_MS = 1000;
/** How long an editor that took the edit into its model may take to render it. */
const TAKEN_RENDER_MAX_MS = 1500;

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

function keepScroll<T>(win: Window, fn: () => T): T {
  const x = win.scrollX;
  const y = win.scrollY;
  try {
    return fn();
  } finally {
    if (win.scrollX !== x || win.scrollY !== y) win.scrollTo(x, y);
  }
}

function focusNoScroll(el: HTMLElement): void {
  const root = el.getRootNode() as Document | ShadowRoot;
  if (root.activeElement !== el && !el.contains(root.activeElement)) el.focus({ preventScroll: true });
}

export function applyToTextField(el: HTMLTextAreaElement | HTMLInputElement, edit: Edit): ApplyMethod {
  const doc = el.ownerDocument;
  const win = doc.defaultView!;
  const before = el.value;
  const expected = before.slice(0, edit.start) + edit.replacement + before.slice(edit.end);
  const caret = el.selectionStart === el.selectionEnd ? el.selectionStart : null;
  const scrollTop = el.scrollTop;
  const scrollLeft = el.scrollLeft;
  let method: ApplyMethod = 'execCommand';
  keepScroll(win, () => {
    focusNoScroll(el);
    el.setSelectionRange(edit.start, edit.end);
    const ok = edit.replacement
      ? doc.execCommand('insertText', false, edit.replacement)
      : doc.execCommand('delete', false);
    if (!ok || el.value !== expected) {
      // Last resort for browsers without execCommand in text fields.
      if (el.value !== before) return;
      method = 'setRangeText';
      el.setRangeText(edit.replacement, edit.start, edit.end, 'end');
      el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: edit.replacement }));
    }
  });
  if (el.value !== expected) return 'failed';
  const pos = caret === null ? edit.start + edit.replacement.length : mapCaret(caret, edit);
  el.setSelectionRange(pos, pos);
  el.scrollTop = scrollTop;
  el.scrollLeft = scrollLeft;
  return method;
}

/** Where a caret moves when `edit` is applied. */
export function mapCaret(caret: number, edit: Edit): number {
  if (caret <= edit.start) return caret;
  if (caret >= edit.end) return caret + edit.replacement.length - (edit.end - edit.start);
  return edit.start + edit.replacement.length;
}

function selectionOf(root: HTMLElement): Selection | null {
  const rn = root.getRootNode() as ShadowRoot & { getSelection?: () => Selection | null };
  return (typeof rn.getSelection === 'function' ? rn.getSelection() : null) ?? root.ownerDocument.getSelection();
}

function caretOffset(root: HTMLElement, map: TextMap): number | null {
  const sel = selectionOf(root);
  if (!sel || !sel.rangeCount || !sel.anchorNode || !root.contains(sel.anchorNode)) return null;
  return offsetOf(map, sel.focusNode!, sel.focusOffset);
}

function selectRange(root: HTMLElement, range: Range): void {
  const sel = root.ownerDocument.getSelection();
  if (!sel) return;
  sel.setBaseAndExtent(range.startContainer, range.startOffset, range.endContainer, range.endOffset);
}

/**
 * Resolves as soon as the edit has landed (the caller counts it and re-lints); the caret is
 * then kept in place for a moment longer, and keys typed meanwhile wait until it is back
 * (type-ahead.ts).
 */
export async function applyToRichField(root: HTMLElement, edit: Edit): Promise<ApplyMethod> {
  const typeAhead = holdTypeAhead(root);
  let settled: Promise<void> = Promise.resolve();
  try {
    const applied = await applyThroughEditor(root, edit, typeAhead);
    settled = applied.settled;
    return applied.method;
  } finally {
    // Whatever happens to the caret, the held keys are given back.
    void settled.catch(() => undefined).then(() => typeAhead.release()).catch(() => undefined);
  }
}

interface Applied {
  method: ApplyMethod;
  /** Resolves once the caret has stayed where it was put back. */
  settled: Promise<void>;
}

async function applyThroughEditor(root: HTMLElement, edit: Edit, typeAhead: TypeAhead): Promise<Applied> {
  const doc = root.ownerDocument;
  const win = doc.defaultView!;
  const map = extractText(root);
  const expected = map.text.slice(0, edit.start) + edit.replacement + map.text.slice(edit.end);
  const caret = caretOffset(root, map);
  const scrollTop = root.scrollTop;
  const done = () => extractText(root).text === expected;
  const changed = () => extractText(root).text !== map.text;
  // Where the rep's caret goes back to (shifted by the edit). Placed in the same task the
  // edit is seen to land, so keys typed right after the apply go there (Slate under load).
  const pos = caret === null ? edit.start + edit.replacement.length : mapCaret(caret, edit);
  const placeCaret = (): true => {
    const r = rangeFor(extractText(root), pos, pos, doc);
    if (r) keepScroll(win, () => selectRange(root, r));
    return true;
  };

  const attempt = async (method: ApplyMethod, run: (range: Range) => boolean | void): Promise<ApplyMethod | null> => {
    let current = extractText(root);
    if (current.text !== map.text) return null;
    let range = rangeFor(current, edit.start, edit.end, doc);
    if (!range) return null;
    keepScroll(win, () => {
      focusNoScroll(root);
      selectRange(root, range!);
    });
    // Let the editor see the selection change first (selectionchange is async): it also
    // closes any pending typing batch, so the edit is its own undo step (CKEditor 5).
    await tick();
    current = extractText(root);
    if (current.text !== map.text) return null;
    range = rangeFor(current, edit.start, edit.end, doc);
    if (!range) return null;
    let taken = false;
    keepScroll(win, () => {
      selectRange(root, range!);
      taken = typeAhead.own(() => run(range!)) === true;
    });
    if (done() && placeCaret()) return method;
    await tick();
    if (done() && placeCaret()) return method;
    await frame(win);
    if (done() && placeCaret()) return method;
    // An editor that took the edit into its model (it cancelled our beforeinput) renders it
    // when it can: several frames on a loaded tab. Wait for it rather than try the next way,
    // which would apply the edit a second time once the first one renders.
    const t0 = win.performance.now();
    while (taken && !changed() && win.performance.now() - t0 < TAKEN_RENDER_MAX_MS) await frame(win);
    if (done() && placeCaret()) return method;
    return changed() ? 'failed' : null;
  };

  /**
   * The input event browsers send for a spelling replacement: editors with a
   * "typing" undo state (TinyMCE) close the current undo level on it. Sent before
   * and after the edit so that the edit is exactly one undo step.
   */
  const replacementInput = () =>
    root.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText', dataTransfer: null }));

  let result = await attempt('beforeinput', (range) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', edit.replacement);
    const ev = new InputEvent('beforeinput', {
      bubbles: true, cancelable: true, composed: true, inputType: 'insertReplacementText',
      data: edit.replacement, dataTransfer: dt, targetRanges: [new StaticRange(range)],
    });
    root.dispatchEvent(ev);
    return ev.defaultPrevented;
  });
  if (result === null) {
    result = await attempt('execCommand', () => {
      replacementInput();
      const ok = edit.replacement ? doc.execCommand('insertText', false, edit.replacement) : doc.execCommand('delete', false);
      if (ok) replacementInput();
      return ok;
    });
  }
  if (result === null) {
    result = await attempt('paste', () => {
      const dt = new DataTransfer();
      dt.setData('text/plain', edit.replacement);
      root.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, cancelable: true, composed: true, clipboardData: dt }));
    });
  }
  if (!result || result === 'failed') return { method: 'failed', settled: Promise.resolve() };
  return { method: result, settled: keepCaret(root, expected, pos, placeCaret, scrollTop) };
}

async function keepCaret(root: HTMLElement, expected: string, pos: number, placeCaret: () => void, scrollTop: number): Promise<void> {
  const win = root.ownerDocument.defaultView!;
  // An editor that re-renders later may move the caret again, and a model-driven one types
  // at its model's selection until its throttled selectionchange handler has read ours (Slate:
  // 100 ms, several times that on a loaded tab): put the caret back, unless the text changed
  // meanwhile, until it has stayed put that long. Keys typed meanwhile are held and replayed
  // at the caret (type-ahead.ts): the wait loses the rep nothing, at most delays a few letters.
  const t0 = win.performance.now();
  let steady = 0;
  while (win.performance.now() - t0 < CARET_SETTLE_MAX_MS) {
    await frame(win);
    const after = extractText(root);
    if (after.text !== expected) break;
    if (caretOffset(root, after) === pos) steady++;
    else (steady = 0, placeCaret());
    if (steady >= 2 && win.performance.now() - t0 >= CARET_SETTLE_MS) break;
  }
  root.scrollTop = scrollTop;
}
