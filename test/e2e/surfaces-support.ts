/**
 * Shared checks of the extension pages' end-to-end tests: axe-core with zero
 * violations, "one language per screen" (visible text against the locale
 * files), screenshots under test-results/ (untracked).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CATEGORIES } from '../../lib/categories.ts';
import { ROOT } from './harness.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const SHOTS = join(ROOT, 'test-results/surfaces');

export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol: extension pages' CSP forbids an injected <script>.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const res = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return res.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

type Catalogue = Record<string, { message: string }>;
const catalogue = (loc: string): Catalogue => JSON.parse(readFileSync(join(ROOT, 'public/_locales', loc, 'messages.json'), 'utf8'));

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A message as a pattern: each $PLACEHOLDER$ stands for any text. */
const pattern = (m: string) => new RegExp(`^${escape(m.trim()).replace(/\\\$[A-Z0-9_]+\\\$/g, '.+?')}$`, 's');

/** Text that is data, not wording: numbers, dates, hosts, ids, punctuation, the product name. */
const DATA = [/^[\d\s.,:;%/()\-–—→+<>·…×✕🔒?—]*$/u, /^[\w.-]+\.[a-z]{2,}(:\d+)?$/i, /^[a-z]{2}\.[a-z]+\.[a-z0-9_-]+$/, /^CRM Note Lint$/, /^\d{1,2} [\p{L}.]+$/u, /^[\p{L}.]+ \d{1,2}$/u];

/**
 * The visible text nodes of the page (and placeholders, labels of buttons), each
 * checked: a string of this language's catalogue (or a category label of it), or
 * data. Returns the ones that are neither, and those that are the other language's.
 * Dictionary content (`[data-dictionary]`: a rule's explanation and rewrites) is the
 * dictionaries' text, not the page's, and is left out.
 */
export async function foreignText(page: Page, loc: 'fr' | 'en'): Promise<{ unknown: string[]; otherLanguage: string[] }> {
  const texts = await page.evaluate(() => {
    const out: string[] = [];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const el = n.parentElement;
      const s = n.textContent?.trim();
      if (!s || !el || el.closest('script,style,[hidden],code,textarea,[data-dictionary]')) continue;
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true } as never)) continue;
      out.push(s);
    }
    for (const el of document.querySelectorAll<HTMLElement>('[placeholder],[aria-label],[title]')) {
      if (!el.checkVisibility()) continue;
      for (const a of ['placeholder', 'aria-label']) if (el.getAttribute(a)) out.push(el.getAttribute(a)!);
    }
    return out;
  });
  const mine = catalogue(loc);
  const other = catalogue(loc === 'fr' ? 'en' : 'fr');
  const own = [...Object.values(mine).map((m) => pattern(m.message)), ...Object.values(CATEGORIES).map((c) => pattern(c.label[loc]))];
  const theirs = new Set(Object.entries(other).filter(([k, m]) => mine[k]?.message !== m.message).map(([, m]) => m.message.trim()));
  for (const c of Object.values(CATEGORIES)) if (c.label.fr !== c.label.en) theirs.add(c.label[loc === 'fr' ? 'en' : 'fr']);
  const unknown: string[] = [];
  const otherLanguage: string[] = [];
  for (const s of texts) {
    if (theirs.has(s) && !own.some((p) => p.test(s))) otherLanguage.push(s);
    else if (!own.some((p) => p.test(s)) && !DATA.some((p) => p.test(s))) unknown.push(s);
  }
  return { unknown: [...new Set(unknown)], otherLanguage: [...new Set(otherLanguage)] };
}
