// First: sets zod's jitless mode before any schema module builds a schema (extension CSP forbids eval).
import '@/lib/schema/zod-config';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsApp } from '@/lib/pages/options/OptionsApp';
import { OPTIONS_CSS } from '@/lib/pages/options/styles';
import { t } from '@/lib/pages/options/i18n';
import { useZodLocale } from '@/lib/schema/zod-locale';

useZodLocale(browser.i18n.getUILanguage());

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('title');
const style = document.createElement('style');
style.textContent = OPTIONS_CSS;
document.head.appendChild(style);
render(<OptionsApp />, document.getElementById('app')!);
