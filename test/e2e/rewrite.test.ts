/**
 * Issue 12 in Chromium: a clause removal (wider than the flagged word) applied
 * from the card in a textarea and in CKEditor 5 — the card previews the sentence
 * as it will read and says what "remove" removes, the field text is exactly the
 * rewrite, and one Ctrl+Z restores the note.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cardIn, findingsIn, launch, startServer, type Browser, type FixtureServer } from './harness.ts';

let b: Browser;
let s: FixtureServer;

beforeAll(async () => {
  s = await startServer();
  b = await launch();
});
afterAll(async () => {
  await b?.close();
  await s?.close();
});

const RULE = 'fr.religion.appartenance';

async function applyFromCard(p: Page, preview: string, removes: string): Promise<void> {
  const f = findingsIn(p, RULE);
  await f.first().waitFor({ state: 'attached' });
  expect(await f.count()).toBe(1);
  await f.first().click();
  const card = cardIn(p);
  await card.waitFor();
  const line = card.locator('[data-preview="0"]');
  expect(await line.locator('.after').textContent()).toBe(preview);
  // The card speaks the browser's language (en-US unless chromium-l10n is installed).
  expect([`Supprime « ${removes} »`, `Removes “${removes}”`]).toContain(await line.locator('.removes').textContent());
  await card.locator('[data-action="apply"]').first().click();
}

describe('clause removal from the card', () => {
  it('textarea: the subject stays as "Le client :", one Ctrl+Z restores', async () => {
    const note = 'Le client est musulman, pas de rendez-vous le vendredi.';
    const p = await b.context.newPage();
    await p.goto(`${s.origin}/plain.html`);
    const field = p.locator('#notes');
    await field.click();
    await p.keyboard.type(note);
    await applyFromCard(p, 'Le client : pas de rendez-vous le vendredi.', 'est musulman,');
    await expect.poll(() => field.inputValue()).toBe('Le client : pas de rendez-vous le vendredi.');
    await expect.poll(() => findingsIn(p, RULE).count()).toBe(0);
    await p.keyboard.press('Control+z');
    await expect.poll(() => field.inputValue()).toBe(note);
    await p.close();
  });

  it('CKEditor 5: the whole clause goes and the next word is capitalised, one Ctrl+Z restores', async () => {
    const note = 'Il est musulman, pas de rendez-vous le vendredi.';
    const p = await b.context.newPage();
    await p.goto(`${s.origin}/ckeditor.html`);
    await p.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true, undefined, { timeout: 20_000 });
    const model = () => p.evaluate(() => {
      const div = document.createElement('div');
      div.innerHTML = (window as unknown as { modelText: () => string }).modelText();
      return (div.textContent ?? '').replace(/\u00a0/g, ' ').trim();
    });
    await p.locator('.ck-editor__editable').click();
    await p.keyboard.type(note);
    await expect.poll(model).toBe(note);
    await applyFromCard(p, 'Pas de rendez-vous le vendredi.', 'Il est musulman,');
    await expect.poll(model).toBe('Pas de rendez-vous le vendredi.');
    await p.keyboard.press('Control+z');
    await expect.poll(model).toBe(note);
    await p.close();
  });
});
