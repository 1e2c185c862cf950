/**
 * The dashboard's HTML pages and its script. The package ships the script
 * prebuilt (dist/org-dashboard.js, written by scripts/build-lib.mjs through
 * `bundleDashboard`); from a source checkout it is bundled with esbuild when the
 * server starts (in memory, a few hundred ms), so it never lags behind the sources.
 * `wxt/browser` is aliased to a shim so the extension dashboard's modules run in a
 * plain page.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import { isPackageBuild } from '../../build-info.ts';

export interface DashboardAssets { js: string }


/** The prebuilt script's name beside the bundled code. */
export const DIST_DASHBOARD_FILE = 'org-dashboard.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export async function dashboardAssets(): Promise<DashboardAssets> {
  if (isPackageBuild()) return { js: readFileSync(new URL(`./${DIST_DASHBOARD_FILE}`, import.meta.url), 'utf8') };
  return { js: await bundleDashboard() };
}

/** Bundles the dashboard's script from the sources. */
export async function bundleDashboard(): Promise<string> {
  const esbuild = await import('esbuild');
  const out = await esbuild.build({
    entryPoints: [here('./App.tsx')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    minify: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    alias: { 'wxt/browser': here('./browser-shim.ts') },
    logLevel: 'silent',
    legalComments: 'none',
  });
  return out.outputFiles[0]!.text;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function localeOf(req: IncomingMessage): 'fr' | 'en' {
  const asked = new URL(req.url ?? '/', 'http://x').searchParams.get('lang');
  if (asked === 'fr' || asked === 'en') return asked;
  const al = (req.headers['accept-language'] ?? '').toLowerCase();
  return al.startsWith('en') ? 'en' : 'fr';
}

export function dashboardHtml(req: IncomingMessage, signOut: boolean): string {
  const lang = localeOf(req);
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>CRM Note Lint</title></head><body><div id="app" data-sign-out="${signOut}"></div><script src="/assets/dashboard.js"></script></body></html>`;
}

const LOGIN = {
  fr: { title: 'Connexion — CRM Note Lint', h: 'Comptages de l’organisation', label: 'Mot de passe administrateur', go: 'Se connecter', wrong: 'Mot de passe incorrect.', rate: 'Trop d’essais : réessayez dans une minute.' },
  en: { title: 'Sign in — CRM Note Lint', h: 'Organisation counts', label: 'Admin password', go: 'Sign in', wrong: 'Wrong password.', rate: 'Too many attempts: try again in a minute.' },
};

export function loginHtml(req: IncomingMessage, problem?: 'wrong' | 'rate'): string {
  const lang = localeOf(req);
  const t = LOGIN[lang];
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t.title)}</title>
<style>body{font:15px/1.45 system-ui,sans-serif;display:grid;place-items:center;min-height:90vh;margin:0;color:#202124}form{border:1px solid #e0e0e0;border-radius:8px;padding:24px;min-width:280px}
label{display:block;margin:12px 0 4px}input,button{font:inherit;padding:6px 10px;border-radius:6px;border:1px solid #bbb;width:100%;box-sizing:border-box}button{margin-top:14px;cursor:pointer;background:#1a73e8;color:#fff;border:0}
.err{color:#c5221f}@media (prefers-color-scheme:dark){body{background:#202124;color:#e8eaed}form{border-color:#5f6368}}</style></head>
<body><form method="post" action="/login" data-testid="login"><h1 style="font-size:18px;margin:0">${esc(t.h)}</h1>
${problem ? `<p class="err" role="alert">${esc(t[problem])}</p>` : ''}
<label for="pw">${esc(t.label)}</label><input id="pw" name="password" type="password" autocomplete="current-password" required autofocus>
<button type="submit">${esc(t.go)}</button></form></body></html>`;
}
