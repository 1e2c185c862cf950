/**
 * Popup section: the current tab's form fields that collect
 * sensitive data, with their class and the reason. Asked from the background
 * (`get-tab-fields`); refreshed when the list in storage.session changes.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Replies } from '../../messages.ts';
import { send } from '../../send.ts';
import { fieldClassLabel, FIELD_CLASSES_ORDER } from '../../fields/class-labels.ts';
import { locale, t } from '../../i18n.ts';

type Fields = Replies['get-tab-fields']['fields'];
/** lib/background/fields-service.ts FIELDS_SESSION_KEY (not imported: the popup needs no zod). */
const FIELDS_SESSION_KEY = 'crmNoteLint.tabFields';

const MATCHED_ON: Record<Fields[number]['matchedOn'], string> = {
  label: 'label', ariaLabel: 'aria-label', placeholder: 'placeholder', name: 'name', id: 'id',
};

export const SENSITIVE_FIELDS_CSS = `
.sf { margin: 0 0 10px; }
.sf h2 { font-size: 13px; margin: 0 0 6px; }
.sf ul { list-style: none; padding: 0; margin: 0; border: 1px solid #e0e0e0; border-radius: 6px; max-height: 260px; overflow: auto; }
.sf li { padding: 6px 10px; border-top: 1px solid #eee; }
.sf li:first-child { border-top: 0; }
.sf .top { display: flex; justify-content: space-between; gap: 8px; align-items: baseline; }
.sf .lbl { font-weight: 600; overflow-wrap: anywhere; }
.sf .cls { font-size: 11px; font-weight: 700; white-space: nowrap; padding: 0 6px; border-radius: 4px; border: 1px solid; }
.sf .cls.do-not-collect { color: #fff; background: #c5221f; border-color: #c5221f; }
.sf .cls.protect { color: #b06000; background: #fef7e0; }
.sf .cls.restricted { color: #1a73e8; background: #e8f0fe; }
.sf .why { margin: 2px 0 0; color: #3c4043; font-size: 12px; }
.sf .how { margin: 2px 0 0; color: #80868b; font-size: 11px; }
.sf .none { color: #5f6368; margin: 0; }
@media (prefers-color-scheme: dark) { .sf ul, .sf li { border-color: #5f6368; } .sf .why { color: #bdc1c6; } }
`;

export function SensitiveFields({ tabId }: { tabId: number }) {
  const [fields, setFields] = useState<Fields | null>(null);

  useEffect(() => {
    let alive = true;
    const load = async () => {
      try {
        const r = await send({ type: 'get-tab-fields', tabId });
        if (alive) setFields(r?.fields ?? []);
      } catch {
        if (alive) setFields([]);
      }
    };
    void load();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && FIELDS_SESSION_KEY in changes) void load();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      alive = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [tabId]);

  const loc = locale();
  const sorted = [...(fields ?? [])].sort((a, b) => FIELD_CLASSES_ORDER.indexOf(a.class) - FIELD_CLASSES_ORDER.indexOf(b.class));
  return (
    <section class="sf" data-testid="sensitive-fields" aria-labelledby="sf-h">
      <style>{SENSITIVE_FIELDS_CSS}</style>
      <h2 id="sf-h">{t('popup_fields_title')}</h2>
      {fields === null ? <p class="none">…</p> : sorted.length === 0 ? <p class="none">{t('popup_fields_none')}</p> : (
        <ul>
          {sorted.map((f, i) => (
            <li key={`${f.rule}|${f.label}|${i}`} data-field-rule={f.rule} data-class={f.class}>
              <div class="top">
                <span class="lbl">{f.label}</span>
                <span class={`cls ${f.class}`}>{fieldClassLabel(f.class, (k) => t(k), loc)}</span>
              </div>
              <p class="why">{f.message}</p>
              <p class="how">{t('popup_fields_matched', MATCHED_ON[f.matchedOn] ?? f.matchedOn)} · {f.source}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
