// @vitest-environment happy-dom
/**
 * The card's placement and accessibility: above the wording when the field's text goes
 * on below it, a polite announcement, aria-describedby on the field while it is open,
 * and Tab to another field closes it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Finding } from '../../../lib/engine/types.ts';
import { cardTop } from '../../../lib/content/lint/Card.tsx';
import { CARD_DESCRIPTION_ID } from '../../../lib/content/lint/overlay.tsx';
import { LintFramework, type FrameworkHost } from '../../../lib/content/lint/lint-framework.ts';

const WORD = 'diabétique';

function fakeLint(text: string): Finding[] {
  const i = text.indexOf(WORD);
  return i < 0 ? [] : [{
    start: i, end: i + WORD.length, text: WORD, category: 'health', rule: 'fr.health.diabetes', severity: 'error',
    message: 'Health data has no place in a customer record.', suggestions: ['client'], source: 'GDPR art. 9', locale: 'fr',
    fixes: [{ start: i, end: i + WORD.length, replacement: 'client' }],
  }];
}

const host: FrameworkHost = {
  ready: async () => true, lint: fakeLint, allowIgnore: () => true, fieldSelectors: () => [],
  onShown: () => {}, onApplied: () => {}, onIgnored: () => {}, report: () => {},
};

describe('cardTop', () => {
  const line = (top: number) => new DOMRect(100, top, 80, 18);
  it('goes above the wording when the field has text below it and there is room', () => {
    expect(cardTop(line(300), 150, 720, new DOMRect(0, 200, 600, 300))).toBe(300 - 150 - 6);
  });
  it('goes below when the wording is on the field\'s last line', () => {
    expect(cardTop(line(480), 150, 720, new DOMRect(0, 200, 600, 300))).toBe(498 + 6);
  });
  it('goes below when there is no room above, and stays inside the viewport', () => {
    expect(cardTop(line(40), 150, 720, new DOMRect(0, 20, 600, 300))).toBe(58 + 6);
    expect(cardTop(line(40), 700, 720, new DOMRect(0, 20, 600, 300))).toBe(16);
  });
});

describe('card accessibility', () => {
  let fw: LintFramework | null = null;
  beforeEach(() => {
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(() => new DOMRect(0, 0, 400, 120));
    document.body.innerHTML = '<p id="help">Notes du rendez-vous</p><textarea id="notes" aria-describedby="help"></textarea><input id="other">';
  });
  afterEach(() => {
    vi.restoreAllMocks();
    fw?.stop();
    fw = null;
    document.body.innerHTML = '';
  });

  it('announces the finding, describes the field by the card while open, and closes when Tab moves to another field', async () => {
    fw = new LintFramework(document, host);
    fw.start();
    const ta = document.querySelector<HTMLTextAreaElement>('#notes')!;
    ta.focus();
    ta.value = `Le client est ${WORD}.`;
    ta.dispatchEvent(new Event('input', { bubbles: true }));
    const shadow = () => document.querySelector('crm-note-lint')!.shadowRoot!;
    await vi.waitFor(() => expect(shadow().querySelectorAll('[data-finding]')).toHaveLength(1));
    document.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyN', altKey: true, shiftKey: true, bubbles: true }));
    await vi.waitFor(() => expect(shadow().querySelector('[data-card]')).not.toBeNull());

    const live = shadow().querySelector('[aria-live="polite"]')!;
    expect(live.textContent).toContain(`« ${WORD} »`);
    expect(live.textContent).toContain('Health data has no place in a customer record.');
    expect(ta.getAttribute('aria-describedby')).toBe(`help ${CARD_DESCRIPTION_ID}`);
    expect(document.getElementById(CARD_DESCRIPTION_ID)!.textContent).toBe(live.textContent);

    document.querySelector<HTMLInputElement>('#other')!.focus(); // what Tab does
    await vi.waitFor(() => expect(shadow().querySelector('[data-card]')).toBeNull());
    expect(ta.getAttribute('aria-describedby')).toBe('help');
    expect(live.textContent).toBe('');
  });
});
