/**
 * Keys the rep types while a rewrite is being applied to a rich editor. A model-driven editor
 * (Slate, Lexical) takes the edit into its model at once but re-renders the field a frame or
 * more later; keys typed in between go to the editor's own selection, which it put after the
 * replaced words, not where the rep was typing. So while an apply runs, the rep's text input is
 * held (the browser's own, trusted `beforeinput` events only), then replayed at the caret once
 * the edit has landed and the caret is back: nothing typed is lost or moved.
 */

import { nextFrame as frame } from './frame.ts';

/** What can be replayed: text, new paragraphs and line breaks, deletions by one. */
const REPLAYABLE: Record<string, string> = {
  insertText: 'insertText',
  insertParagraph: 'insertParagraph',
  insertLineBreak: 'insertLineBreak',
  deleteContentBackward: 'delete',
  deleteContentForward: 'forwardDelete',
};

interface HeldInput {
  inputType: string;
  data: string | null;
}

export interface TypeAhead {
  /**
   * Runs the apply's own edit with holding off: Firefox sends a trusted `beforeinput` for
   * `execCommand('insertText')`, which must reach the editor, not the queue.
   */
  own<T>(edit: () => T): T;
  /** Stops holding and types what was held, in order, at the current caret. */
  release(): Promise<void>;
}


export function holdTypeAhead(root: HTMLElement): TypeAhead {
  const doc = root.ownerDocument;
  const win = doc.defaultView!;
  const held: HeldInput[] = [];
  let owning = false;
  // On the window, capturing: before the editor's own listeners on the field.
  const hold = (e: Event) => {
    const ev = e as InputEvent;
    if (owning || !ev.isTrusted || !(ev.inputType in REPLAYABLE) || !ev.composedPath().includes(root)) return;
    ev.preventDefault();
    ev.stopImmediatePropagation();
    const last = held[held.length - 1];
    if (ev.inputType === 'insertText' && last?.inputType === 'insertText') last.data = (last.data ?? '') + (ev.data ?? '');
    else held.push({ inputType: ev.inputType, data: ev.data });
  };
  win.addEventListener('beforeinput', hold, true);
  return {
    own(edit) {
      owning = true;
      try {
        return edit();
      } finally {
        owning = false;
      }
    },
    async release() {
      win.removeEventListener('beforeinput', hold, true);
      for (const [i, input] of held.entries()) {
        // Let a model-driven editor render the previous input first: its caret is read from the page.
        if (i > 0) await frame(win);
        replay(root, input);
      }
    },
  };
}

/** Through the editor's pipeline as the browser would (beforeinput), else the browser's own command. */
function replay(root: HTMLElement, input: HeldInput): void {
  const doc = root.ownerDocument;
  const sel = doc.getSelection();
  const targetRanges = sel?.rangeCount ? [new StaticRange(sel.getRangeAt(0))] : [];
  const ev = new InputEvent('beforeinput', {
    bubbles: true, cancelable: true, composed: true, inputType: input.inputType, data: input.data, targetRanges,
  });
  root.dispatchEvent(ev);
  if (ev.defaultPrevented) return;
  const command = REPLAYABLE[input.inputType]!;
  doc.execCommand(command, false, command === 'insertText' ? input.data ?? '' : undefined);
}
