/**
 * Keystroke → updated underline, end to end in Chromium with the built extension
 * (`npx wxt build` first, or `npm run bench:ext`). A 5,000-character note with
 * findings in a textarea and in a contenteditable; real key events typed at the
 * start (every keystroke moves every underline). Measured in the page: from the
 * keydown to the moment the overlay's [data-finding] boxes change (DOM updated)
 * and to the next animation frame (painted). Also: a 1 MB paste, longest
 * main-thread task while the extension lints it. First: the time to the first finding in
 * fresh tabs of plain.html (tab opened → first [data-finding]; typing ended → first
 * finding), the first tab right after the browser started, then more tabs; and from the first
 * focus of a field already holding a note to its first finding. Printed, not asserted.
 */
import { join } from 'node:path';
import { launch, ROOT, startServer } from '../test/e2e/harness.ts';

const PARA = [
  'Appel du 12/03 avec M. Benali : client diabétique, pas de RDV le vendredi, rappeler la semaine prochaine pour le devis.',
  'Prévoir 6 menus hallal pour le séminaire de juin ; la salle de Lyon convient, 40 personnes, vidéoprojecteur.',
  'Point sur les tarifs : remise de 8 % acceptée si signature avant la fin du trimestre ; envoyer les CGV révisées.',
  'RAS sur la livraison, le transporteur confirme le créneau de mardi matin, quai numéro 3, contact sur place Julie.',
];
function note(size: number): string {
  let out = '';
  for (let i = 0; out.length < size; i++) out += `${PARA[i % PARA.length]}${i % 3 === 2 ? '\n' : ' '}`;
  return out.slice(0, size);
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

/** A short note with one finding, typed as a hurried rep does (no pause between keys). */
const FIRST_NOTE = 'Appel du 12/03 : prévoir 6 menus hallal pour le séminaire.';
const FRESH_TABS = Number(process.env.FRESH_TABS ?? 6);

/**
 * Fresh tabs, one after the other: times in the page from navigation start (tab opened),
 * the end of typing (last input event) and the first [data-finding] in the overlay.
 */
async function firstFindings(b: Awaited<ReturnType<typeof launch>>, origin: string): Promise<string[]> {
  const opened: number[] = [];
  const afterTyping: number[] = [];
  for (let i = 0; i < FRESH_TABS; i++) {
    const page = await b.context.newPage();
    await page.addInitScript('window.__name = (f) => f'); // tsx's name helper, for the script below
    await page.addInitScript(() => {
      const w = window as unknown as { __lastInput: number; __first: number | null };
      w.__lastInput = 0;
      w.__first = null;
      document.addEventListener('input', () => { w.__lastInput = performance.now(); }, true);
      const seen = () => {
        if (w.__first === null && document.querySelector('crm-note-lint')?.shadowRoot?.querySelector('[data-finding]')) w.__first = performance.now();
        else if (w.__first === null) requestAnimationFrame(seen);
      };
      requestAnimationFrame(seen);
    });
    await page.goto(`${origin}/plain.html`);
    await page.click('#notes');
    await page.keyboard.type(FIRST_NOTE);
    await page.waitForFunction(() => (window as unknown as { __first: number | null }).__first !== null, undefined, { timeout: 60_000, polling: 20 });
    const r = await page.evaluate(() => {
      const w = window as unknown as { __lastInput: number; __first: number };
      // 0: the finding was there before the typing ended (the rep never waited).
      return { opened: w.__first, typed: Math.max(0, w.__first - w.__lastInput) };
    });
    opened.push(r.opened);
    afterTyping.push(r.typed);
    await page.close();
  }
  const med = (xs: number[]) => pct(xs, 50).toFixed(0);
  const max = (xs: number[]) => Math.max(...xs).toFixed(0);
  return [
    `first finding, ${FRESH_TABS} fresh tabs of plain.html (the first one right after the browser started): ` +
    `typing ended → first finding median ${med(afterTyping)} ms, max ${max(afterTyping)} ms (first tab ${afterTyping[0]!.toFixed(0)} ms); ` +
    `tab opened → first finding median ${med(opened)} ms, max ${max(opened)} ms`,
  ];
}

/**
 * First focus, the engine's cost alone: fresh tabs of plain.html whose notes field already
 * holds FIRST_NOTE (no typing); from the focus event to the first [data-finding]. Covers the
 * configuration request, the index files, the engine module's import and the first lint.
 */
async function focusToFinding(b: Awaited<ReturnType<typeof launch>>, origin: string): Promise<string[]> {
  const times: number[] = [];
  for (let i = 0; i < FRESH_TABS; i++) {
    const page = await b.context.newPage();
    await page.addInitScript('window.__name = (f) => f');
    await page.addInitScript(() => {
      const w = window as unknown as { __focus: number | null; __first: number | null };
      w.__focus = null;
      w.__first = null;
      document.addEventListener('focusin', () => { w.__focus ??= performance.now(); }, true);
      const seen = () => {
        if (w.__first === null && document.querySelector('crm-note-lint')?.shadowRoot?.querySelector('[data-finding]')) w.__first = performance.now();
        else if (w.__first === null) requestAnimationFrame(seen);
      };
      requestAnimationFrame(seen);
    });
    await page.goto(`${origin}/plain.html`);
    await page.evaluate((note) => { (document.getElementById('notes') as HTMLTextAreaElement).value = note; }, FIRST_NOTE);
    await page.waitForTimeout(300); // the content script is in (document_idle) before the focus
    await page.click('#notes');
    await page.waitForFunction(() => (window as unknown as { __first: number | null }).__first !== null, undefined, { timeout: 60_000, polling: 20 });
    times.push(await page.evaluate(() => {
      const w = window as unknown as { __focus: number; __first: number };
      return w.__first - w.__focus;
    }));
    await page.close();
  }
  return [
    `first focus → first finding, ${FRESH_TABS} fresh tabs of plain.html with the note already in the field: ` +
    `median ${pct(times, 50).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(', ')})`,
  ];
}

async function main() {
  const s = await startServer({ '/bench.html': join(ROOT, 'bench/keystroke.html') });
  const b = await launch();
  const results: string[] = [...await firstFindings(b, s.origin), ...await focusToFinding(b, s.origin)];
  if (process.env.FIRST_ONLY) {
    await b.close();
    await s.close();
    console.log('\nFirst finding (Chromium, extension loaded)\n' + results.map((r) => `  ${r}`).join('\n'));
    return;
  }
  const page = await b.context.newPage();
  // tsx keeps function names with a __name() helper that page.evaluate bodies need too.
  await page.addInitScript('window.__name = (f) => f');
  await page.goto(`${s.origin}/bench.html`);
  const text = note(5000);

  // In-page probe: keydown time → first mutation of the overlay → next frame.
  await page.evaluate(() => {
    const w = window as unknown as { __lat: { dom: number; frame: number }[]; __t0: number | null };
    w.__lat = [];
    w.__t0 = null;
    document.addEventListener('keydown', () => { w.__t0 = performance.now(); }, true);
    const hook = () => {
      const host = document.querySelector('crm-note-lint');
      if (!host?.shadowRoot) return void setTimeout(hook, 20);
      new MutationObserver(() => {
        if (w.__t0 === null) return;
        const t0 = w.__t0;
        w.__t0 = null;
        const dom = performance.now() - t0;
        requestAnimationFrame(() => w.__lat.push({ dom, frame: performance.now() - t0 }));
      }).observe(host.shadowRoot, { subtree: true, childList: true, attributes: true });
    };
    hook();
  });

  for (const [name, sel] of [['textarea', '#ta'], ['contenteditable', '#ce']] as const) {
    await page.evaluate(({ sel, text }) => {
      const el = document.querySelector(sel) as HTMLTextAreaElement | HTMLElement;
      if (el instanceof HTMLTextAreaElement) el.value = text;
      else el.innerHTML = text.split('\n').map((l) => `<p>${l}</p>`).join('');
    }, { sel, text });
    await page.click(sel);
    await page.waitForFunction(() => (document.querySelector('crm-note-lint')?.shadowRoot?.querySelectorAll('[data-finding]').length ?? 0) > 10);
    await page.evaluate((sel) => {
      const el = document.querySelector(sel) as HTMLElement;
      if (el instanceof HTMLTextAreaElement) el.setSelectionRange(0, 0);
      else getSelection()!.collapse(el.querySelector('p')!.firstChild!, 0);
      el.scrollTop = 0;
      (window as unknown as { __lat: unknown[] }).__lat = [];
    }, sel);
    await page.waitForTimeout(300);
    const N = 150;
    for (let i = 0; i < N; i++) {
      await page.keyboard.press(i % 2 ? 'Backspace' : 'KeyA'); // insert / delete at the start: every underline moves
      await page.waitForTimeout(25);
    }
    await page.waitForTimeout(300);
    const lat = await page.evaluate(() => (window as unknown as { __lat: { dom: number; frame: number }[] }).__lat);
    const dom = lat.map((l) => l.dom);
    const frame = lat.map((l) => l.frame);
    const count = await page.evaluate(() => document.querySelector('crm-note-lint')!.shadowRoot!.querySelectorAll('[data-finding]').length);
    results.push(
      `${name.padEnd(16)} ${String(text.length).padStart(5)} chars, ${count} findings, ${lat.length}/${N} keystrokes measured: ` +
      `DOM updated p50 ${pct(dom, 50).toFixed(1)} ms, p95 ${pct(dom, 95).toFixed(1)} ms; next frame p50 ${pct(frame, 50).toFixed(1)} ms, p95 ${pct(frame, 95).toFixed(1)} ms`,
    );
  }

  // 1 MB paste into a textarea (value set + input event, as a framework's paste handler does):
  // the long main-thread tasks that follow, with the site paused (the page alone) and active.
  const big = note(1_000_000);
  const sw = b.context.serviceWorkers()[0]!;
  const setPaused = (paused: boolean) => sw.evaluate(async (paused) => {
    const c = (globalThis as unknown as { chrome: { storage: { local: { set(o: object): Promise<void> } } } }).chrome;
    await c.storage.local.set({ pausedSites: paused ? ['127.0.0.1'] : [] });
  }, paused);
  for (const paused of [true, false]) {
    await setPaused(paused);
    await page.reload();
    await page.click('#ta');
    await page.waitForTimeout(500);
    const r = await page.evaluate(async ({ big, paused }) => {
      const tasks: number[] = [];
      const po = new PerformanceObserver((l) => { for (const e of l.getEntries()) tasks.push(e.duration); });
      po.observe({ type: 'longtask', buffered: false });
      const el = document.getElementById('big') as HTMLTextAreaElement;
      el.focus();
      const t0 = performance.now();
      el.value = big;
      el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
      const count = () => document.querySelector('crm-note-lint')?.shadowRoot?.querySelectorAll('[data-finding]').length ?? 0;
      const tEnd = t0 + 20_000;
      if (!paused) while (performance.now() < tEnd && count() < 100) await new Promise((res) => setTimeout(res, 20));
      const shown = performance.now() - t0;
      await new Promise((res) => setTimeout(res, 1000));
      po.disconnect();
      return { shown, tasks, count: count() };
    }, { big, paused });
    results.push(
      `1 MB paste, ${paused ? 'site paused (page only) ' : 'extension active       '}` +
      (paused ? '' : `${r.count} findings underlined after ${r.shown.toFixed(0)} ms; `) +
      `long tasks: ${r.tasks.length ? r.tasks.map((d) => `${d.toFixed(0)} ms`).join(', ') : 'none'}`,
    );
  }

  await b.close();
  await s.close();
  console.log('\nKeystroke → underline (Chromium, extension loaded)\n' + results.map((r) => `  ${r}`).join('\n'));
}

await main();
