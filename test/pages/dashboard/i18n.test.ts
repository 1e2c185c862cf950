import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const messages = (loc: string) => JSON.parse(readFileSync(join(ROOT, 'public/_locales', loc, 'messages.json'), 'utf8')) as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const dir = join(ROOT, 'lib/pages/dashboard');
const used = new Set(readdirSync(dir).flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/tr\('(dash_[a-z0-9_]+)'/g)].map((m) => m[1]!)));

describe('dashboard strings', () => {
  it('every key the dashboard uses exists in French and English, with the same placeholders', () => {
    expect(used.size).toBeGreaterThan(30);
    const fr = messages('fr');
    const en = messages('en');
    for (const k of used) {
      expect(fr[k]?.message, `fr ${k}`).toBeTruthy();
      expect(en[k]?.message, `en ${k}`).toBeTruthy();
      expect(Object.keys(fr[k]!.placeholders ?? {}).sort(), k).toEqual(Object.keys(en[k]!.placeholders ?? {}).sort());
      for (const name of Object.keys(en[k]!.placeholders ?? {})) {
        expect(fr[k]!.message, `fr ${k} uses $${name}$`).toContain(`$${name.toUpperCase()}$`);
        expect(en[k]!.message, `en ${k} uses $${name}$`).toContain(`$${name.toUpperCase()}$`);
      }
    }
    expect(fr.dash_locale!.message).toBe('fr');
    expect(en.dash_locale!.message).toBe('en');
  });
});
