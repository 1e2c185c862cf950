/**
 * Real rich-text editors from npm in fixture pages: for each, the extension flags
 * the wording, the card's apply goes through the editor's own input pipeline
 * (asserted on the editor's model, not the DOM), and one Ctrl+Z restores it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { cardIn, findingsIn, launch, leaked, NOTE, RULE, startServer, type Browser, type FixtureServer } from './harness.ts';

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

interface EditorCase {
  name: string;
  page: string;
  /** The editable element (in `frame(page)` when given). */
  editable: string;
  frame?: (p: Page) => Promise<Frame>;
  /** Editors whose history merges edits closer than this (ms). */
  settle?: number;
}

const CASES: EditorCase[] = [
  { name: 'Quill 2', page: 'quill.html', editable: '.ql-editor', settle: 1100 },
  { name: 'CKEditor 5', page: 'ckeditor.html', editable: '.ck-editor__editable' },
  {
    name: 'TinyMCE (iframe)', page: 'tinymce.html', editable: 'body#tinymce',
    frame: async (p) => (await (await p.waitForSelector('iframe.tox-edit-area__iframe')).contentFrame())!,
  },
  { name: 'Tiptap / ProseMirror', page: 'tiptap.html', editable: '.ProseMirror', settle: 600 },
  { name: 'Lexical', page: 'lexical.html', editable: '#editor', settle: 400 },
];

/** The editor's model as plain text (HTML tags and entities folded). */
const model = (p: Page) => p.evaluate(() => {
  const raw = (window as unknown as { modelText: () => string }).modelText();
  const div = document.createElement('div');
  div.innerHTML = raw;
  return (div.textContent ?? '').replace(/\u00a0/g, ' ').trim();
});

describe.each(CASES)('$name', (c) => {
  it('flags, applies through the editor, updates its model, undoes in one step', async () => {
    const p = await b.context.newPage();
    await p.goto(`${s.origin}/${c.page}`);
    await p.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true, undefined, { timeout: 20_000 });
    const where: Page | Frame = c.frame ? await c.frame(p) : p;
    const ed = where.locator(c.editable);
    await ed.click();
    await p.keyboard.type(NOTE);
    await expect.poll(() => model(p)).toBe(NOTE);
    const f = findingsIn(where, RULE);
    await f.first().waitFor({ state: 'attached' });
    expect(await f.count()).toBe(1);
    // Underlines drawn from outside: nothing of ours inside the editable.
    expect(await ed.evaluate((el) => el.querySelector('crm-note-lint, [data-finding]') === null)).toBe(true);
    if (c.settle) await p.waitForTimeout(c.settle);
    await f.first().click();
    const card = cardIn(where);
    await card.waitFor();
    await card.locator('[data-action="apply"]').first().click();
    await expect.poll(() => model(p)).toBe(NOTE.replace('menus hallal', 'menus spéciaux'));
    await expect.poll(() => f.count()).toBe(0);
    // Focus stayed in the editor.
    expect(await ed.evaluate((el) => el.ownerDocument.hasFocus() && (el === el.ownerDocument.activeElement || el.contains(el.ownerDocument.activeElement)))).toBe(true);
    if (c.settle) await p.waitForTimeout(c.settle);
    await p.keyboard.press('Control+z');
    await expect.poll(() => model(p)).toBe(NOTE);
    await expect.poll(() => f.count()).toBe(1);
    await p.close();
  });
});

describe('privacy', () => {
  it('no request carries note text', () => {
    expect(leaked(b, s)).toEqual([]);
  });
});
