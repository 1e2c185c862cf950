/**
 * Content-script side of the forms issue: starts the sensitive-field scanner of
 * this frame (lib/content/sensitive-fields/scanner.ts) with the extension's messaging. The
 * field rules (`get-field-config`: a few kB, not the whole packs) are requested
 * only once the page has a form field; lists go to
 * the background as `page-fields`, counts through the content script's queue
 * (`count-events`, action `field-seen`). Never a field value.
 */
import { browser } from '../extension-api.ts';
import type { CountEvent, Message } from '../../messages.ts';
import { send } from '../../send.ts';
import { fieldClassLabel } from '../../fields/class-labels.ts';
import { SensitiveFieldScanner } from './scanner.ts';
import { locale, t } from '../../i18n.ts';

export interface InvalidationContext {
  onInvalidated(cb: () => void): unknown;
}

export function startSensitiveFields(
  ctx: InvalidationContext,
  doc: Document,
  host: string,
  count: (events: CountEvent[]) => void,
): SensitiveFieldScanner {
  const scanner = new SensitiveFieldScanner(doc, {
    config: () => send({ type: 'get-field-config', host }),
    report: (fields) => void send({ type: 'page-fields', host, fields }).catch(() => undefined),
    count,
    classLabel: (c) => fieldClassLabel(c, (k) => t(k), locale()),
  });
  scanner.start();
  const onMessage = (msg: unknown) => {
    if ((msg as Message)?.type === 'config-changed') void scanner.reconfigure();
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => {
    scanner.stop();
    try {
      browser.runtime.onMessage.removeListener(onMessage);
    } catch {
      // Invalidated by an extension update: the runtime and its listeners are gone.
    }
  });
  return scanner;
}
