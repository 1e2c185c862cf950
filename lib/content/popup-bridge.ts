/**
 * The toolbar popup's view into this frame: on `list-findings` the frame tells
 * the popup its findings (rule, category, severity, the flagged wording — for the
 * popup's list only: the background does not take the message and nothing
 * stores it); on `open-finding` it brings the finding's field into view, focuses
 * it with the caret on the wording and opens the card through the underline's
 * own click (the `[data-finding]` contract of the overlay).
 */
import { browser } from './extension-api.ts';
import type { Finding } from '../engine/types.ts';
import type { FindingSummary, Message } from '../messages.ts';
import { nextFrame as frame } from './dom/frame.ts';

/** What the bridge needs of the lint framework (LintFramework has it). */
export interface FindingSource {
  notesFindings(accept: (el: HTMLElement) => boolean): { field: HTMLElement; key: string; finding: Finding }[];
}

const WORDING_MAX = 60;

export function summarize(source: FindingSource): FindingSummary[] {
  return source.notesFindings(() => true).map(({ key, finding: f }) => ({
    key, rule: f.rule, category: f.category, severity: f.severity,
    wording: f.text.length > WORDING_MAX ? `${f.text.slice(0, WORDING_MAX - 1)}…` : f.text,
  }));
}


export async function openFinding(doc: Document, source: FindingSource, key: string): Promise<boolean> {
  const hit = source.notesFindings(() => true).find((x) => x.key === key);
  if (!hit) return false;
  const el = hit.field;
  el.scrollIntoView({ block: 'center', inline: 'nearest' });
  el.focus({ preventScroll: true });
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) el.setSelectionRange(hit.finding.start, hit.finding.start);
  // The overlay re-measures on the next frames (scroll, focus): then the underline is where it is drawn.
  const win = doc.defaultView!;
  for (let i = 0; i < 10; i++) {
    await frame(win);
    const strip = doc.querySelector('crm-note-lint')?.shadowRoot?.querySelector<HTMLElement>(`[data-finding="${CSS.escape(key)}"]:not(.offscreen)`);
    if (strip) {
      strip.click();
      return true;
    }
  }
  return false;
}

/** Listens for the popup; returns the function that stops listening. */
export function wirePopupBridge(doc: Document, source: FindingSource): () => void {
  const onMessage = (msg: unknown) => {
    const m = msg as Message | undefined;
    if (m?.type === 'list-findings') {
      const findings = summarize(source);
      if (findings.length) void browser.runtime.sendMessage({ type: 'frame-findings', findings } satisfies Message).catch(() => undefined);
    } else if (m?.type === 'open-finding') {
      void openFinding(doc, source, m.key);
    }
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);
  return () => browser.runtime.onMessage.removeListener(onMessage);
}
