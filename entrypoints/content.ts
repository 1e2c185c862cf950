/**
 * Content script (every frame, about:blank/srcdoc frames included). Thin: wires
 * the in-page framework to the background. Until a notes field is focused it
 * only listens: no configuration request, no pack, no linting. After an extension
 * update it retires cleanly (lib/content/lifecycle/succession.ts): UI removed,
 * listeners gone, unsent counts kept for the copy that replaces it.
 */
import { browser } from '@/lib/content/extension-api';
import type { Linter } from '@/lib/engine/lint';
import type { EffectiveConfig } from '@/lib/config';
import type { Finding } from '@/lib/engine/types';
import type { CountAction, CountEvent, Message } from '@/lib/messages';
import { siteHost } from '@/lib/content/site';
import { fetchExtensionFile, keptFiles, prefetchBuiltinIndex } from '@/lib/content/extension-file';
import { engineLoader } from '@/lib/content/engine-file';
import { LOCALES } from '@/lib/categories';
import { locale, setI18n } from '@/lib/i18n';
import { send } from '@/lib/send';
import { LintFramework, type FrameworkHost } from '@/lib/content/lint/lint-framework';
import { HOST_TAG } from '@/lib/content/lint/overlay';
import { FIELD_HOST_TAG } from '@/lib/content/sensitive-fields/markers';
import { startSensitiveFields } from '@/lib/content/sensitive-fields/wiring';
import { wireSaveGuard, type SaveGuardWiring } from '@/lib/content/save-guard/wiring';
import { wirePopupBridge } from '@/lib/content/popup-bridge';
import { CountQueue } from '@/lib/content/lifecycle/count-queue';
import { announce, watchSuccession } from '@/lib/content/lifecycle/succession';
import { keepUnsent, takeUnsent } from '@/lib/content/lifecycle/unsent-counts';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  matchOriginAsFallback: true,
  runAt: 'document_idle',
  main(ctx) {
    if (document.documentElement?.namespaceURI !== 'http://www.w3.org/1999/xhtml') return;
    // A live copy already runs in this frame (injected twice around an update): it keeps it.
    if (!announce(document, [HOST_TAG, FIELD_HOST_TAG])) return;
    setI18n((k, subs) => browser.i18n.getMessage(k as never, subs), browser.i18n.getUILanguage());
    const host = siteHost(window);
    const files = keptFiles(fetchExtensionFile((path) => browser.runtime.getURL(`/${path}`)));
    // The engine is a module of its own, imported on the first focused notes field where the
    // extension is on (lib/content/engine-file.ts): every other page gets only this half.
    const engine = engineLoader();

    let config: EffectiveConfig | null = null;
    let linter: Linter | null = null;
    let loading: Promise<boolean> | null = null;
    let saveGuard: SaveGuardWiring | null = null;
    let retired = false;

    // Every call to the background first checks the context: a dead one retires this copy.
    const ask: typeof send = (m) => (retired || ctx.isInvalid ? Promise.reject(new Error('Extension context invalidated')) : send(m));
    const tell = (m: Extract<Message, { type: 'page-findings' }>) => void ask(m).catch(() => undefined);
    const session = () => window.sessionStorage;
    // Undelivered (orphaned, or the background failed): the next copy in this tab sends them.
    const counts = new CountQueue((events) => ask({ type: 'count-events', host, events }), (events) => keepUnsent(session, host, events));
    const count = (events: CountEvent[]) => counts.add(events);
    const event = (x: Finding, action: CountAction): CountEvent => ({ category: x.category, rule: x.rule, action });

    const fw: FrameworkHost = {
      ready() {
        return (loading ??= (async () => {
          // The built-in pack's index files are read while the background answers (lib/content/builtin-index.ts).
          prefetchBuiltinIndex(files, LOCALES);
          config = await ask({ type: 'get-config', host });
          saveGuard?.sync(); // warn/block modes guard saves; suggest installs nothing
          if (!config?.enabled) {
            // Paused or off here: only tell the toolbar which site this is (for its switch).
            tell({ type: 'page-findings', frameUrlHost: host, counts: {}, bySeverity: {} });
            files.drop();
            void engine.loaded()?.then((m) => m.dropBuiltinIndex(), () => undefined);
            return false;
          }
          const { Linter, attachBuiltinIndex } = await engine.load().catch((e: unknown) => {
            if (!ctx.isInvalid) console.warn('[crm-note-lint] engine module:', e);
            throw e;
          });
          // The built-in pack came slim: its prebuilt index is read from the extension's files.
          // Unreadable (or another build's): the full packs, as the background has them.
          await attachBuiltinIndex(config, files.read)
            .catch(async (e: unknown) => {
              console.warn('[crm-note-lint] prebuilt index:', e);
              config = await ask({ type: 'get-config', host, fullPacks: true });
            });
          if (!config?.enabled) return false;
          linter = new Linter(config.packs, config.linter);
          return !retired;
        })().catch(() => {
          loading = null; // the background was not reachable (or the engine module): the next focus retries
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
        if (!retired) tell({ type: 'page-findings', frameUrlHost: host, counts, bySeverity });
      },
    };

    const framework = new LintFramework(document, fw);
    framework.start();
    saveGuard = wireSaveGuard(document, { config: () => config, tracker: framework.notes, count });
    // Sensitive form fields: nothing is loaded until the page has a form field.
    startSensitiveFields(ctx, document, host, count);
    ctx.onInvalidated(wirePopupBridge(document, framework.notes)); // the popup's finding list and "open this finding"
    // Counts an earlier copy in this tab could not deliver (it was orphaned by an update).
    counts.add(takeUnsent(session, host));

    const onMessage = (msg: unknown) => {
      if ((msg as Message)?.type === 'config-changed') {
        loading = null;
        linter = null;
        void framework.reconfigure();
      }
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    const flush = () => counts.flush();
    const onHidden = () => document.visibilityState === 'hidden' && flush();
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onHidden);

    watchSuccession(ctx, document, () => {
      retired = true;
      keepUnsent(session, host, counts.take());
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHidden);
      framework.stop();
      saveGuard?.stop();
      try {
        browser.runtime.onMessage.removeListener(onMessage);
      } catch {
        // The runtime is gone, and its listeners with it.
      }
    });
  },
});
