/** The site a frame belongs to, for the pause list: the top page's host name. */
export function siteHost(win: Window): string {
  try {
    const h = win.top?.location.hostname;
    if (h) return h;
  } catch {
    // Cross-origin top: fall through.
  }
  const ancestors = win.location.ancestorOrigins;
  if (ancestors?.length) {
    try {
      return new URL(ancestors[ancestors.length - 1]!).hostname;
    } catch {
      // ignore
    }
  }
  return win.location.hostname;
}
