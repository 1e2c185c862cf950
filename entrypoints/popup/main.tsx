import { render } from 'preact';
import { browser } from 'wxt/browser';
import { setI18n } from '@/lib/i18n';
import { Popup } from '@/lib/pages/popup/Popup';
import { POPUP_CSS } from '@/lib/pages/popup/styles';

setI18n((k, subs) => browser.i18n.getMessage(k as never, subs), browser.i18n.getUILanguage());
document.documentElement.lang = browser.i18n.getUILanguage();
const style = document.createElement('style');
style.textContent = POPUP_CSS;
document.head.appendChild(style);
render(<Popup />, document.getElementById('app')!);
