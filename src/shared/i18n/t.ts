import { deferMessage, renderDeferred } from './deferred';
import { renderMessage, type MessageArgs, type MessageFile, type MessageKey } from './messages';

/** Set by tests (and Node tools) in place of chrome.i18n; null in the extension. */
let injected: MessageFile | null = null;

/**
 * Renders messages from this file instead of chrome.i18n, as Chrome would for its language:
 * the popup's unit tests render in English or German without a browser. Null goes back to chrome.i18n.
 */
export function setMessages(file: MessageFile | null): void {
  injected = file;
}

function chromeI18n(): typeof chrome.i18n | undefined {
  return typeof chrome === 'undefined' ? undefined : chrome.i18n;
}

function render(key: string, args: readonly string[]): string {
  if (injected) {
    const entry = injected[key];
    return entry ? renderMessage(entry, args) : '';
  }
  const i18n = chromeI18n();
  return i18n ? i18n.getMessage(key, [...args]) : deferMessage(key, args);
}

/**
 * One message in the browser's language (Chrome picks the messages file; English when the
 * language has none). A missing key renders as '' like chrome.i18n. Where there is no
 * chrome.i18n (the offscreen document) the message is deferred: written as its key and
 * arguments for the context that receives it to render (localize()).
 */
export function t<K extends MessageKey>(key: K, ...args: MessageArgs<K>): string {
  return render(key, args);
}

/** Text from another context with its deferred messages rendered here, in the browser's language. */
export function localize(text: string): string {
  // An unknown key (from another version's document) still shows what it was about.
  return renderDeferred(text, (key, args) => render(key, args) || [key, ...args].join(' '));
}

/** Whether this context can render messages at all (the offscreen document cannot). */
const rendersHere = () => injected !== null || chromeI18n() !== undefined;

/** The language of the messages shown ("en", "de"): each messages file names its own. */
export function messagesLanguage(): string {
  return rendersHere() ? t('lang') : 'en';
}

/**
 * The locale numbers and dates are written in: the browser's own (en-GB, de-AT) when its
 * language is the messages' language, otherwise the messages' language, so a number never
 * reads in one language inside a sentence in another.
 */
export function formatLocale(): string {
  const lang = messagesLanguage();
  const ui = injected ? undefined : chromeI18n()?.getUILanguage();
  return ui && (ui === lang || ui.startsWith(`${lang}-`)) ? ui : lang;
}

/** The writing direction of the messages shown: each messages file names its own. */
export function messagesDirection(): 'ltr' | 'rtl' {
  return rendersHere() && t('dir') === 'rtl' ? 'rtl' : 'ltr';
}
