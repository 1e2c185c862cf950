/**
 * Content script (every frame, about:blank/srcdoc frames included). Thin: wires
 * the in-page framework to the background. Until a notes field is focused it
 * only listens: no configuration request, no pack, no linting.
 */
import { browser } from 'wxt/browser';
import type { Linter } from '@/lib/engine/lint';
import type { EffectiveConfig } from '@/lib/config';
import type { Finding } from '@/lib/engine/types';
import type { CountAction, CountEvent, Message } from '@/lib/messages';
import { siteHost } from '@/lib/content/site';
import { locale, setI18n } from '@/lib/i18n';
import { send } from '@/lib/send';
import { LintFramework, type FrameworkHost } from '@/lib/content/lint/lint-framework';
import { startSensitiveFields } from '@/lib/content/sensitive-fields/wiring';
import { wireSaveGuard, type SaveGuardWiring } from '@/lib/content/save-guard/wiring';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  matchOriginAsFallback: true,
  runAt: 'document_idle',
  main(ctx) {
    if (document.documentElement?.namespaceURI !== 'http://www.w3.org/1999/xhtml') return;
    setI18n((k, subs) => browser.i18n.getMessage(k as never, subs), browser.i18n.getUILanguage());
    const host = siteHost(window);

    let config: EffectiveConfig | null = null;
    let linter: Linter | null = null;
    let loading: Promise<boolean> | null = null;
    let queue: CountEvent[] = [];
    let flushTimer: ReturnType<typeof setTimeout> | null = null;
    let saveGuard: SaveGuardWiring | null = null;

    const tell = (m: Extract<Message, { type: 'count-events' | 'page-findings' }>) => void send(m).catch(() => undefined);
    const flush = () => {
      if (flushTimer) clearTimeout(flushTimer);
      flushTimer = null;
      if (!queue.length) return;
      const events = queue;
      queue = [];
      tell({ type: 'count-events', host, events });
    };

    const count = (events: CountEvent[]) => {
      queue.push(...events);
      flushTimer ??= setTimeout(flush, 1000);
    };
    const event = (x: Finding, action: CountAction): CountEvent => ({ category: x.category, rule: x.rule, action });

    const fw: FrameworkHost = {
      ready() {
        return (loading ??= (async () => {
          config = await send({ type: 'get-config', host });
          saveGuard?.sync(); // warn/block modes guard saves; suggest installs nothing
          if (!config?.enabled) {
            // Paused or off here: only tell the toolbar which site this is (for its switch).
            tell({ type: 'page-findings', frameUrlHost: host, counts: {}, bySeverity: {} });
            return false;
          }
          // The engine module loads with the first focused field (a separate chunk where the build allows it).
          const { Linter } = await import('@/lib/engine/lint');
          linter = new Linter(config.packs, config.linter);
          return true;
        })().catch(() => {
          loading = null; // the background was not reachable: the next focus retries
          return false;
        }));
      },
      lint: (text) => linter!.lint(text, { locale: config?.locale ?? 'auto', openTail: true, messageLocale: locale() }),
      allowIgnore: () => config?.allowUserOverrides ?? true,
      fieldSelectors: () => config?.fieldSelectors ?? [],
      onShown: (findings) => count(findings.map((x) => event(x, 'shown'))),
      onApplied: (x) => count([event(x, 'applied')]),
      onIgnored: (x) => count([event(x, 'ignored')]),
      report(counts, bySeverity) {
        tell({ type: 'page-findings', frameUrlHost: host, counts, bySeverity });
      },
    };

    const framework = new LintFramework(document, fw);
    framework.start();
    saveGuard = wireSaveGuard(document, { config: () => config, tracker: framework, count });
    // Sensitive form fields: nothing is loaded until the page has a form field.
    startSensitiveFields(ctx, document, host, count);

    const onMessage = (msg: unknown) => {
      if ((msg as Message)?.type === 'config-changed') {
        loading = null;
        linter = null;
        void framework.reconfigure();
      }
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && flush());
    ctx.onInvalidated(() => {
      flush();
      browser.runtime.onMessage.removeListener(onMessage);
      framework.stop();
      saveGuard?.stop();
    });
  },
});
