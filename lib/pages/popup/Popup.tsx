/** Toolbar popup: this page's findings by category, pause on this site, options link. */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { CATEGORIES, type CategoryId } from '../../categories.ts';
import type { Replies } from '../../messages.ts';
import { send } from '../../send.ts';
import { locale, t } from '../../i18n.ts';
import { SensitiveFields } from './SensitiveFields.tsx';

type Summary = Replies['get-tab-summary'];

export function Popup() {
  const [tabId, setTabId] = useState<number | null>(null);
  const [host, setHost] = useState('');
  const [summary, setSummary] = useState<Summary | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = async (id: number) => {
    const s = await send({ type: 'get-tab-summary', tabId: id });
    setSummary(s);
    if (s.host) setHost((h) => h || s.host);
  };

  useEffect(() => {
    void (async () => {
      // ?tab=<id> lets tests and the demo open the popup for a given tab.
      const param = new URLSearchParams(location.search).get('tab');
      let id: number | undefined = param ? Number(param) : undefined;
      if (id === undefined) {
        const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
        id = tab?.id;
        if (tab?.url) {
          try {
            const u = new URL(tab.url);
            if (u.protocol === 'http:' || u.protocol === 'https:') setHost(u.hostname);
          } catch {
            // not a web page
          }
        }
      }
      if (id === undefined) return;
      setTabId(id);
      await refresh(id);
    })();
  }, []);

  const togglePause = async (paused: boolean) => {
    if (!host || tabId === null) return;
    setBusy(true);
    await send({ type: 'set-site-paused', host, paused });
    await refresh(tabId);
    setBusy(false);
  };

  const entries = Object.entries(summary?.counts ?? {})
    .filter(([, n]) => (n ?? 0) > 0)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0)) as [CategoryId, number][];
  const loc = locale();

  return (
    <main class="popup">
      <header>
        <h1>{t('popup_title')}</h1>
        {summary && summary.total > 0 && <span class="total" data-total={summary.total}>{t('popup_total', String(summary.total))}</span>}
      </header>
      {summary?.paused ? (
        <p class="paused">{t('popup_paused')}</p>
      ) : entries.length ? (
        <ul class="cats">
          {entries.map(([cat, n]) => (
            <li data-category={cat} key={cat}>
              <span class="label">{CATEGORIES[cat]?.label[loc] ?? cat}</span>
              <span class="n">{n}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="none">{summary ? t('popup_none') : '…'}</p>
      )}
      {host ? (
        summary?.canPause === false ? (
          <p class="locked">{t('popup_locked')}</p>
        ) : (
          <label class="switch">
            <input type="checkbox" role="switch" data-action="pause" checked={!!summary?.paused} disabled={busy}
              onChange={(e) => void togglePause((e.currentTarget as HTMLInputElement).checked)} />
            <span>{t('popup_pause', host)}</span>
          </label>
        )
      ) : (
        <p class="none">{t('popup_no_site')}</p>
      )}
      {tabId !== null && <SensitiveFields tabId={tabId} />}
      <footer>
        <a href="#" data-action="options" onClick={(e) => {
          e.preventDefault();
          void browser.runtime.openOptionsPage().catch(() => browser.tabs.create({ url: browser.runtime.getURL('/options.html' as never) }));
        }}>{t('popup_options')}</a>
      </footer>
    </main>
  );
}
