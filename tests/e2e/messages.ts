/** What the extension says in each of its languages (every folder of _locales), for e2e tests and tools that check or show words. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderMessage, type MessageFile, type MessageKey } from '../../src/shared/i18n/messages';

const LOCALES = resolve(import.meta.dirname, '../../_locales');

export const MESSAGES: Record<string, MessageFile> = Object.fromEntries(
  readdirSync(LOCALES)
    .sort()
    .map((lang) => [lang, JSON.parse(readFileSync(join(LOCALES, lang, 'messages.json'), 'utf8')) as MessageFile]),
);
export const LANGUAGES = Object.keys(MESSAGES);

/** A message as the extension shows it in `lang`. */
export function say(lang: string, key: MessageKey, ...args: string[]): string {
  return renderMessage(MESSAGES[lang][key], args);
}

/** A message as a pattern: each null argument (a time, a count) matches any text. */
export function sayPattern(lang: string, key: MessageKey, ...args: (string | null)[]): RegExp {
  const hole = '\u0000';
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    `^${escape(say(lang, key, ...args.map((a) => a ?? hole)))
      .split(hole)
      .join('.+')}$`,
  );
}

/** Each placeholder's example, in argument order: what a message looks like filled in. */
export function examples(key: MessageKey): string[] {
  return Object.values(MESSAGES.en[key].placeholders ?? {})
    .sort((a, b) => a.content.localeCompare(b.content))
    .map((p) => p.example ?? '');
}
