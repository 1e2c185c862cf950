/**
 * The extension in Chromium on plain fields: textarea, contenteditable,
 * role=textbox, a textarea in an open shadow root, a same-origin iframe, a
 * cross-origin iframe, a srcdoc iframe; skipped fields (search, short input,
 * read-only, opt-out).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Locator, Page } from 'playwright-core';
import { ENGINE_FILE } from '../../lib/content/engine-file.ts';
import { cardIn, DIET_LABELS, findingsIn, FIXED, launch, leaked, NOTE, RULE, startServer, waitFor, type Browser, type FixtureServer } from './harness.ts';

let b: Browser;
let s: FixtureServer;
let page: Page;

beforeAll(async () => {
  s = await startServer();
  b = await launch();
  // Record the count events the background receives (they must never carry text).
  const [sw] = b.context.serviceWorkers();
  await sw!.evaluate(() => {
    const g = globalThis as unknown as { __events: unknown[]; chrome: { runtime: { onMessage: { addListener(f: (m: { type?: string }) => undefined): void } } } };
    g.__events = [];
    g.chrome.runtime.onMessage.addListener((m: { type?: string }) => {
      if (m?.type === 'count-events') g.__events.push(m);
      return undefined;
    });
  });
});
afterAll(async () => {
  await b?.close();
  await s?.close();
});

const pageOf = (w: Page | Frame): Page => ('page' in w && typeof w.page === 'function' ? w.page() : (w as Page));

async function openPlain(): Promise<Page> {
  page = await b.context.newPage();
  await page.goto(`${s.origin}/plain.html`);
  return page;
}

/** Flag → card → apply → model → caret → undo, for one field. */
async function roundTrip(where: Page | Frame, field: Locator, read: () => Promise<string>, caret?: () => Promise<number>) {
  await field.click();
  await pageOf(where).keyboard.type(NOTE);
  const f = findingsIn(where, RULE);
  await f.first().waitFor({ state: 'attached' });
  expect(await f.count()).toBe(1);
  expect(await f.first().getAttribute('data-category')).toBe('diet');
  const scrollY = await pageOf(where).evaluate(() => window.scrollY);
  await f.first().click();
  const card = cardIn(where);
  await card.waitFor();
  expect(DIET_LABELS).toContain(await card.locator('.cat').textContent());
  // The message follows the browser's UI language (French or English): both name the diet.
  expect(await card.locator('.msg').textContent()).toMatch(/hall?al/i);
  // So does the legal basis: the French rule's source, translated on an English screen (never both).
  const legal = (await card.locator('.legal').textContent())!;
  const french = /Base légale/.test(legal);
  expect(legal).toMatch(french ? /RGPD art\. 9/ : /GDPR art\. 9/);
  expect(legal).not.toMatch(french ? /GDPR/ : /RGPD/);
  const apply = card.locator('[data-action="apply"]');
  expect(await apply.count()).toBeGreaterThanOrEqual(1);
  expect(await apply.first().textContent()).toBe('menus spéciaux');
  await expect.poll(() => card.locator('[data-action="ignore"]').count()).toBe(1);
  // The card never takes focus from the field.
  expect(await field.evaluate((el) => {
    const root = el.getRootNode() as Document | ShadowRoot;
    return root.activeElement === el || el.contains(root.activeElement);
  })).toBe(true);
  await apply.first().click();
  await expect.poll(read).toBe(FIXED);
  await expect.poll(() => f.count()).toBe(0);
  if (caret) expect(await caret()).toBe(FIXED.length);
  expect(await pageOf(where).evaluate(() => window.scrollY)).toBe(scrollY);
  // One undo restores the wording.
  await pageOf(where).keyboard.press('Control+z');
  await expect.poll(read).toBe(NOTE);
  await expect.poll(() => f.count()).toBe(1);
}

describe('plain fields', () => {
  it('imports the engine module only on a focused notes field where the extension is on', async () => {
    const engineRequests = (p: Page) => {
      const seen: string[] = [];
      p.on('request', (r) => { if (r.url().endsWith(`/${ENGINE_FILE}`)) seen.push(r.url()); });
      return seen;
    };
    const sw = b.context.serviceWorkers().at(-1);
    type Chrome = { storage: { local: { set(o: object): Promise<void> } } };
    const setPaused = (paused: boolean) => sw!.evaluate(async (paused) => {
      await (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.set({ pausedSites: paused ? ['127.0.0.1'] : [] });
    }, paused);
    await setPaused(true);
    try {
      const p = await b.context.newPage();
      const seen = engineRequests(p);
      await p.goto(`${s.origin}/plain.html`);
      await p.locator('#notes').click();
      await p.keyboard.type(NOTE);
      await p.waitForTimeout(1500);
      expect(await findingsIn(p).count()).toBe(0);
      expect(seen).toEqual([]); // paused here: the page got the in-page half only
      await p.close();
    } finally {
      await setPaused(false);
    }
    const p = await b.context.newPage();
    const seen = engineRequests(p);
    await p.goto(`${s.origin}/plain.html`);
    await p.waitForTimeout(800);
    expect(seen).toEqual([]); // no notes field focused yet
    await p.locator('#notes').click();
    await p.keyboard.type(NOTE);
    await findingsIn(p, RULE).first().waitFor({ state: 'attached' });
    // At the per-session URL (use_dynamic_url), not at the extension's fixed id.
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect(new URL(seen[0]!).host).not.toBe(b.extensionId);
    await p.close();
  }, 60_000);

  it('textarea: flag, card, apply through execCommand, caret, undo', async () => {
    const p = await openPlain();
    const ta = p.locator('#notes');
    await roundTrip(p, ta, () => ta.inputValue(), () => ta.evaluate((el: HTMLTextAreaElement) => el.selectionStart));
    expect(await p.evaluate(() => (window as unknown as { submits: number }).submits)).toBe(0);
  });

  it('contenteditable: flag, apply, undo', async () => {
    const p = await openPlain();
    const ce = p.locator('#ce');
    await roundTrip(p, ce, () => ce.evaluate((el) => (el as HTMLElement).innerText.trim()));
  });

  it('role=textbox editor', async () => {
    const p = await openPlain();
    const tb = p.locator('#tb');
    await roundTrip(p, tb, () => tb.evaluate((el) => (el as HTMLElement).innerText.trim()));
  });

  it('textarea in an open shadow root', async () => {
    const p = await openPlain();
    const inner = p.locator('#shadow-host textarea');
    await roundTrip(p, inner, () => inner.inputValue());
  });

  it('textarea in a same-origin iframe', async () => {
    const p = await openPlain();
    const frame = p.frame({ url: /frame\.html/ })!;
    await frame.waitForLoadState();
    const ta = frame.locator('#notes');
    await roundTrip(frame, ta, () => ta.inputValue());
  });

  it('textarea in a cross-origin iframe (another host name, so another origin)', async () => {
    page = await b.context.newPage();
    await page.goto(`${s.origin}/cross-origin.html`);
    const isCross = (f: Frame) => /localhost:\d+\/frame\.html/.test(f.url());
    await waitFor(async () => page.frames().some(isCross), 10_000, 'the cross-origin frame');
    const frame = page.frames().find(isCross)!;
    await frame.waitForLoadState();
    expect(new URL(frame.url()).origin).not.toBe(new URL(page.url()).origin);
    const ta = frame.locator('#notes');
    await roundTrip(frame, ta, () => ta.inputValue());
  });

  it('contenteditable in a srcdoc iframe', async () => {
    const p = await openPlain();
    const el = p.locator('#srcdoc');
    const frame = (await el.elementHandle())!.contentFrame();
    const f = (await frame)!;
    const ce = f.locator('#ce');
    await roundTrip(f, ce, () => ce.evaluate((e) => (e as HTMLElement).innerText.trim()));
  });

  it('skips search boxes, short inputs, read-only and opted-out fields', async () => {
    const p = await openPlain();
    await p.locator('#search').click();
    await p.keyboard.type('menus hallal');
    await p.locator('#subject').click();
    await p.keyboard.type('menus hallal');
    await p.locator('#optout').click();
    await p.keyboard.type('menus hallal');
    await p.locator('#ro').click();
    await p.waitForTimeout(800);
    expect(await findingsIn(p).count()).toBe(0);
    // A real field on the same page still works (the engine was loaded).
    await p.locator('#notes').click();
    await p.keyboard.type('menus hallal');
    await findingsIn(p, RULE).first().waitFor({ state: 'attached' });
    expect(await findingsIn(p).count()).toBe(1);
  });

  it('keyboard: Alt+Shift+N opens the card, Escape closes it, Alt+Shift+1 applies', async () => {
    const p = await openPlain();
    const ta = p.locator('#notes');
    await ta.click();
    await p.keyboard.type(`${NOTE}\nRIB : FR76 3000 6000 0112 3456 7890 189.`);
    await expect.poll(() => findingsIn(p).count()).toBe(2);
    await ta.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(0, 0));
    await p.keyboard.press('Alt+Shift+N');
    const card = cardIn(p);
    await card.waitFor();
    expect(await card.getAttribute('data-rule')).toBe(RULE);
    await p.keyboard.press('Alt+Shift+N');
    await expect.poll(() => card.getAttribute('data-category')).toBe('identifier');
    await p.keyboard.press('Escape');
    await expect.poll(() => card.count()).toBe(0);
    await p.keyboard.press('Alt+Shift+N');
    await card.waitFor();
    await p.keyboard.press('Alt+Shift+Digit1');
    await expect.poll(() => ta.inputValue()).toBe(`${FIXED}\nRIB : FR76 3000 6000 0112 3456 7890 189.`);
    expect(await p.evaluate(() => document.activeElement?.id)).toBe('notes');
  });

  it('ignore hides the finding; count events carry no text; shown once per editing session', async () => {
    // Its own host (localhost), so that events of the other tests' pages do not mix in.
    page = await b.context.newPage();
    await page.goto(`${s.origin.replace('127.0.0.1', 'localhost')}/plain.html`);
    const p = page;
    const ta = p.locator('#notes');
    await ta.click();
    await p.keyboard.type(NOTE);
    const f = findingsIn(p, RULE);
    await f.first().waitFor({ state: 'attached' });
    await p.keyboard.type(' Merci.'); // re-shown on each keystroke, counted once
    await f.first().click();
    await cardIn(p).locator('[data-action="apply"]').first().click();
    await expect.poll(() => ta.inputValue()).toContain('menus spéciaux');
    await p.keyboard.press('Control+z');
    await f.first().waitFor({ state: 'attached' });
    await f.first().click();
    await cardIn(p).locator('[data-action="ignore"]').click();
    await expect.poll(() => f.count()).toBe(0);
    const [sw] = b.context.serviceWorkers();
    type Msg = { host: string; events: { action: string; rule: string; category: string }[] };
    const read = () => sw!.evaluate(() => (globalThis as unknown as { __events: Msg[] }).__events);
    await waitFor(async () => JSON.stringify(await read()).includes('ignored'), 5000, 'ignored event');
    const msgs = (await read()).filter((m) => m.host === 'localhost');
    const events = msgs.flatMap((m) => m.events);
    expect(JSON.stringify(msgs)).not.toMatch(/menus hallal|séminaire|Appel|Merci|"text"/i);
    for (const e of events) expect(Object.keys(e).sort()).toEqual(['action', 'category', 'rule']);
    const mine = events.filter((e) => e.rule === RULE);
    // Shown once (however many keystrokes and the undo re-showed it), applied once, ignored once.
    expect(mine.map((e) => e.action).sort()).toEqual(['applied', 'ignored', 'shown']);
  });

  it('no request carries note text', () => {
    expect(leaked(b, s)).toEqual([]);
  });

});
