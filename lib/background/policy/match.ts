/**
 * Site match patterns (Chrome syntax) for the policy's `sites` key:
 * `<all_urls>`, `*://*.example.com/*`, `https://crm.example.com/notes/*`, or a
 * bare host (`crm.example.com`, `*.example.com`) meaning any scheme and path.
 * When only a host is known (a content script asking for its host's config),
 * the scheme and path parts of a pattern are not compared.
 */
import { MATCH_PATTERN } from '../../schema/policy.ts';

export interface Target {
  host: string;
  /** Full URL when known: then scheme and path are compared too. */
  url?: string;
}

export function matchesPattern(pattern: string, target: Target): boolean {
  const p = pattern.trim();
  if (p === '<all_urls>') return true;
  const m = MATCH_PATTERN.exec(p);
  if (!m) return false;
  const [, scheme, hostPat, pathPat] = m;
  const host = target.host.toLowerCase().replace(/\.$/, '');
  if (!hostMatches(hostPat!.toLowerCase(), host)) return false;
  if (!target.url) return true;
  let url: URL;
  try {
    url = new URL(target.url);
  } catch {
    return false;
  }
  const s = url.protocol.replace(/:$/, '');
  if (scheme && scheme !== '*' && scheme !== s) return false;
  if (scheme === '*' && s !== 'http' && s !== 'https') return false;
  if (pathPat && pathPat !== '/*') {
    const re = new RegExp('^' + pathPat.split('*').map(escapeRe).join('.*') + '$');
    if (!re.test(url.pathname + url.search)) return false;
  }
  return true;
}

function hostMatches(pat: string, host: string): boolean {
  if (pat === '*') return true;
  if (pat.startsWith('*.')) {
    const base = pat.slice(2);
    return host === base || host.endsWith('.' + base);
  }
  return host === pat;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function matchesAny(patterns: readonly string[] | undefined, target: Target): boolean {
  return !!patterns?.some((p) => matchesPattern(p, target));
}
