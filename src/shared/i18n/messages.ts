/**
 * Every word a user reads lives in _locales/<language>/messages.json, Chrome's own format, so
 * chrome.i18n serves it in the browser's language in every context (service worker, offscreen
 * document, content scripts, popup). This file types those files from the English one and
 * renders a message by Chrome's rules, for where there is no chrome.i18n (unit tests, Node).
 */
import type english from '../../../_locales/en/messages.json';

type English = typeof english;
export type MessageKey = keyof English;

export interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type MessageFile = Record<string, MessageEntry>;

/** A message with placeholders needs its arguments; one without takes none. */
export type MessageArgs<K extends MessageKey> = English[K] extends { placeholders: object } ? [string, ...string[]] : [];

/** Keys of messages that come in plural forms: `<base>_one`, `<base>_other` (and `_few`, `_many`… where a language has them). */
export type PluralBase = { [K in MessageKey]: K extends `${infer Base}_other` ? Base : never }[MessageKey];

/** `$name$` in a message: a named placeholder (names are case-insensitive). */
const NAMED = /\$([a-z0-9_@]+)\$/gi;

/**
 * Chrome's base::ReplaceStringPlaceholders: `$1`-`$9` take the arguments (missing ones give
 * nothing), a run of `$`s after the first keeps the rest, and `$` before anything else drops both.
 */
function substitute(text: string, args: readonly string[]): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '$') {
      out += text[i];
      continue;
    }
    if (i + 1 >= text.length) break;
    i++;
    if (text[i] === '$') {
      while (i < text.length && text[i] === '$') {
        out += '$';
        i++;
      }
      i--;
    } else if (text[i] >= '1' && text[i] <= '9') {
      out += args[text.charCodeAt(i) - 49] ?? '';
    }
  }
  return out;
}

/** A message as chrome.i18n.getMessage gives it: named placeholders by their content, then the arguments. */
export function renderMessage(entry: MessageEntry, args: readonly string[] = []): string {
  const placeholders = Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]));
  const named = entry.message.replace(NAMED, (whole, name: string) => placeholders[name.toLowerCase()] ?? whole);
  return substitute(named, args);
}
