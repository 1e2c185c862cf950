/** Laziness (no work on pages without notes fields) and underline alignment on scroll/resize. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingsIn, launch, NOTE, RULE, startServer, type Browser, type FixtureServer } from './harness.ts';

let b: Browser;
let s: FixtureServer;

beforeAll(async () => {
  s = await startServer();
  b = await launch();
  const sw = b.context.serviceWorkers()[0]!;
  await sw.evaluate(() => {
    const g = globalThis as unknown as { __configs: string[]; chrome: { runtime: { onMessage: { addListener(f: (m: { type?: string }, s: { url?: string }) => undefined): void } } } };
    g.__configs = [];
    g.chrome.runtime.onMessage.addListener((m, sender) => {
      if (m?.type === 'get-config') g.__configs.push(sender.url ?? '');
      return undefined;
    });
  });
});
afterAll(async () => {
  await b?.close();
  await s?.close();
});

const rectOf = (r: { x: number; y: number; width: number; height: number } | null) => r!;

describe('overlay', () => {
  it('does nothing on a page without notes fields (no config request, no host element)', async () => {
    const p = await b.context.newPage();
    await p.goto(`${s.origin}/nofield.html`);
    await p.locator('input[type=search]').click();
    await p.keyboard.type('menus hallal');
    await p.waitForTimeout(800);
    expect(await p.locator('crm-note-lint').count()).toBe(0);
    const configs = await b.context.serviceWorkers()[0]!.evaluate(() => (globalThis as unknown as { __configs: string[] }).__configs);
    expect(configs.filter((u) => u.includes('nofield'))).toEqual([]);
    await p.close();
  });

  it('underlines sit on the wording in a contenteditable and follow page scroll', async () => {
    const p = await b.context.newPage();
    await p.goto(`${s.origin}/plain.html`);
    await p.locator('#ce').click();
    await p.keyboard.type(NOTE);
    const strip = findingsIn(p, RULE).first();
    await strip.waitFor({ state: 'attached' });
    const text = await p.evaluate(() => {
      const el = document.getElementById('ce')!;
      const node = el.firstChild as Text;
      const i = node.data.indexOf('menus hallal');
      const r = document.createRange();
      r.setStart(node, i);
      r.setEnd(node, i + 'menus hallal'.length);
      const b = r.getBoundingClientRect();
      return { left: b.left, width: b.width, bottom: b.bottom };
    });
    const box = rectOf(await strip.boundingBox());
    expect(Math.abs(box.x - text.left)).toBeLessThan(1.5);
    expect(Math.abs(box.width - text.width)).toBeLessThan(2);
    expect(Math.abs(box.y - (text.bottom - 4))).toBeLessThan(1.5);
    // Underline painted by the Highlight API, nothing inserted in the field.
    expect(await p.evaluate(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('crm-note-lint-warning'))).toBe(true);
    expect(await p.locator('#ce').evaluate((el) => el.children.length)).toBe(0);
    await p.evaluate(() => window.scrollBy(0, 120));
    await expect.poll(async () => Math.round(rectOf(await strip.boundingBox()).y)).toBe(Math.round(box.y - 120));
    await p.close();
  });

  it('textarea underlines follow page scroll, field scroll and field resize', async () => {
    const p = await b.context.newPage();
    await p.goto(`${s.origin}/plain.html`);
    const ta = p.locator('#notes');
    await ta.click();
    await p.keyboard.type(`${'Ligne sans objet.\n'.repeat(8)}${NOTE}`);
    const strip = findingsIn(p, RULE).first();
    await strip.waitFor({ state: 'attached' });
    const tb = rectOf(await ta.boundingBox());
    await ta.evaluate((el) => { el.scrollTop = el.scrollHeight; });
    await expect.poll(async () => (await strip.boundingBox())?.y ?? -1).toBeGreaterThan(tb.y);
    const first = rectOf(await strip.boundingBox());
    expect(first.y + first.height).toBeLessThanOrEqual(tb.y + tb.height + 4);
    await p.evaluate(() => window.scrollBy(0, 50));
    await expect.poll(async () => Math.round(rectOf(await strip.boundingBox()).y)).toBe(Math.round(first.y - 50));
    // Narrower field: the text wraps differently, the underline moves with it.
    await ta.evaluate((el) => { el.style.width = '260px'; el.scrollTop = el.scrollHeight; });
    await expect.poll(async () => {
      const r = await strip.boundingBox();
      return r ? Math.round(r.x) !== Math.round(first.x) || Math.round(r.y) !== Math.round(first.y - 50) : false;
    }).toBe(true);
    const after = rectOf(await strip.boundingBox());
    const nb = rectOf(await ta.boundingBox());
    expect(after.x).toBeGreaterThanOrEqual(nb.x);
    expect(after.x + after.width).toBeLessThanOrEqual(nb.x + nb.width);
    await p.close();
  });
});
