import { messagesDirection, messagesLanguage } from '../shared/i18n/t';

/**
 * Each page says which language its words are in and which way they run: screen readers
 * pick their voice by `lang`, and `dir` lays the page out right to left where a language
 * needs it. The HTML files say English until this runs, before the first render.
 */
export function applyPageLanguage(title?: string): void {
  document.documentElement.lang = messagesLanguage();
  document.documentElement.dir = messagesDirection();
  if (title) document.title = title;
}
