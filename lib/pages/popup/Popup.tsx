/**
 * Toolbar popup: this page's findings, most severe first, each with its
 * category; a click focuses the field and opens the card (lib/content/popup-bridge.ts).
 * Also the counts per category, pause on this site, the options link. Outside a
 * web page it shows one state: this page cannot be checked.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { CATEGORIES, type CategoryId, type Severity } from '../../categories.ts';
import type { FindingSummary, Message, Replies } from '../../messages.ts';
import { send } from '../../send.ts';
import { locale, t } from '../../i18n.ts';
import { SensitiveFields } from './SensitiveFields.tsx';

type Summary = Replies['get-tab-summary'];
type Listed = FindingSummary & { frameId: number };

const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'suggestion'];

/** "1 finding on this page" / "3 findings…": Intl.PluralRules picks the message. */
export function countText(n: number, loc: string): string {
  const cat = new Intl.PluralRules(loc).select(n);
  const key = cat === 'one' ? 'popup_total_one' : 'popup_total_other';
  return t(key, new Intl.NumberFormat(loc).format(n));
}

export function sortFindings(list: Listed[]): Listed[] {
  return [...list].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.frameId - b.frameId);
}

export function Popup() {
  const [tabId, setTabId] = useState<number | null>(null);
  const [host, setHost] = useState('');
  /** false for browser pages, the store, files… (no content script there). */
  const [webPage, setWebPage] = useState(false);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [findings, setFindings] = useState<Map<number, FindingSummary[]>>(new Map());
  const [busy, setBusy] = useState(false);

  const refresh = async (id: number) => {
    const s = await send({ type: 'get-tab-summary', tabId: id });
    setSummary(s);
    if (s.host) {
      setHost((h) => h || s.host);
      setWebPage(true); // a content script reported from it
    }
    // Every frame answers with `frame-findings` (frames without findings stay silent).
    void browser.tabs.sendMessage(id, { type: 'list-findings' } satisfies Message).catch(() => undefined);
  };

  useEffect(() => {
    const onMessage = (msg: unknown, sender: { tab?: { id?: number }; frameId?: number }) => {
      const m = msg as Message;
      if (m?.type !== 'frame-findings' || sender.tab?.id === undefined) return undefined;
      const frameId = sender.frameId ?? 0;
      setFindings((prev) => (sender.tab?.id === tabRef.id ? new Map(prev).set(frameId, m.findings) : prev));
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    void (async () => {
      // ?tab=<id> lets tests and the demo open the popup for a given tab.
      const param = new URLSearchParams(location.search).get('tab');
      let id: number | undefined = param ? Number(param) : undefined;
      const tab = id === undefined ? (await browser.tabs.query({ active: true, currentWindow: true }))[0] : await browser.tabs.get(id).catch(() => undefined);
      id ??= tab?.id;
      let web = false;
      try {
        const u = new URL(tab?.url ?? '');
        web = u.protocol === 'http:' || u.protocol === 'https:';
        if (web) setHost(u.hostname);
      } catch {
        // no URL: not a web page we may read
      }
      setWebPage((w) => w || web);
      if (id === undefined) return;
      tabRef.id = id;
      setTabId(id);
      await refresh(id);
    })();
    return () => browser.runtime.onMessage.removeListener(onMessage);
  }, []);

  const togglePause = async (paused: boolean) => {
    if (!host || tabId === null) return;
    setBusy(true);
    setFindings(new Map());
    await send({ type: 'set-site-paused', host, paused });
    await refresh(tabId);
    setBusy(false);
  };

  const open = async (f: Listed) => {
    if (tabId === null) return;
    await browser.tabs.sendMessage(tabId, { type: 'open-finding', key: f.key } satisfies Message, { frameId: f.frameId }).catch(() => undefined);
    // A toolbar popup closes so the card is visible; a popup opened as a tab (tests, demo) stays.
    if (new URLSearchParams(location.search).get('tab') === null) window.close();
  };

  const loc = locale();
  const cats = Object.entries(summary?.counts ?? {})
    .filter(([, n]) => (n ?? 0) > 0)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0)) as [CategoryId, number][];
  const listed = sortFindings([...findings].flatMap(([frameId, list]) => list.map((f) => ({ ...f, frameId }))));
  const total = summary?.total ?? 0;

  return (
    <main class="popup">
      <header>
        <img class="logo" src="/logo.svg" alt="" width={22} height={22} />
        <h1>{t('popup_title')}</h1>
        {total > 0 && <span class="total" data-total={total}>{countText(total, loc)}</span>}
      </header>
      {summary && !webPage ? (
        <p class="none" id="not-a-page">{t('popup_not_web')}</p>
      ) : summary?.paused ? (
        <p class="paused">{t('popup_paused')}</p>
      ) : cats.length ? (
        <>
          <ul class="cats" aria-label={t('popup_by_category')}>
            {cats.map(([cat, n]) => (
              <li data-category={cat} key={cat}>
                <span class="label">{CATEGORIES[cat]?.label[loc] ?? cat}</span>
                <span class="n">{new Intl.NumberFormat(loc).format(n)}</span>
              </li>
            ))}
          </ul>
          {listed.length > 0 && (
            <>
              <h2 class="list-title">{t('popup_findings')}</h2>
              <ul class="findings">
                {listed.map((f) => (
                  <li key={`${f.frameId}:${f.key}`} data-finding={f.key} data-rule={f.rule} data-severity={f.severity}>
                    <button type="button" class={`finding sev-${f.severity}`} onClick={() => void open(f)}>
                      <span class="sev">{t(`severity_${f.severity}`)}</span>
                      <span class="wording">{t('popup_quoted', f.wording)}</span>
                      <span class="cat">{CATEGORIES[f.category]?.label[loc] ?? f.category}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      ) : (
        <p class="none">{summary ? t('popup_none') : '…'}</p>
      )}
      {webPage && host && (
        summary?.canPause === false ? (
          <p class="locked">{t('popup_locked')}</p>
        ) : (
          <label class="switch">
            <input type="checkbox" role="switch" data-action="pause" checked={!!summary?.paused} disabled={busy}
              onChange={(e) => void togglePause((e.currentTarget as HTMLInputElement).checked)} />
            <span>{t('popup_pause', host)}</span>
          </label>
        )
      )}
      {webPage && tabId !== null && <SensitiveFields tabId={tabId} />}
      <footer>
        <a href="#" data-action="options" onClick={(e) => {
          e.preventDefault();
          void browser.runtime.openOptionsPage().catch(() => browser.tabs.create({ url: browser.runtime.getURL('/options.html' as never) }));
        }}>{t('popup_options')}</a>
      </footer>
    </main>
  );
}

/** The tab the popup is about, for the message listener (set once). */
const tabRef: { id: number | null } = { id: null };
