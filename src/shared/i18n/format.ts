/**
 * Numbers, counts, lists and times for sentences, through Intl in the messages' locale
 * (formatLocale), so "1.5 s" reads "1,5 s" in German and a count picks its plural form by
 * the language's own rules, not by `n === 1`.
 */
import type { PluralBase } from './messages';
import { formatLocale, t } from './t';

export function number(n: number, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(formatLocale(), options).format(n);
}

/** 0.823 → "82%" (English), "82 %" (German). */
export function percent(p: number): string {
  return number(p, { style: 'percent', maximumFractionDigits: 0 });
}

/** A figure with exactly `digits` decimals: 1.25 → "1.3" (English), "1,3" (German). */
export function decimal(n: number, digits = 1): string {
  return number(n, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/**
 * "1 check", "2 checks": the count, in the form the language's plural rules choose
 * (<base>_one, <base>_other, and _few/_many where a language has them; _other stands in
 * for a form a messages file lacks).
 */
export function count(n: number, base: PluralBase): string {
  const category = new Intl.PluralRules(formatLocale()).select(n);
  // The key exists for every category the language has (tests/unit/shared/locales.test.ts).
  const text = t(`${base}_${category}` as `${PluralBase}_other`, number(n));
  return text || t(`${base}_other`, number(n));
}

/** "a, b and c" in the language's words. */
export function list(items: string[], type: Intl.ListFormatType = 'conjunction'): string {
  return new Intl.ListFormat(formatLocale(), { type }).format(items);
}

/** "14:05" or "02:05 PM", as the locale writes a time of day. */
export function clock(at: number): string {
  return new Intl.DateTimeFormat(formatLocale(), { hour: '2-digit', minute: '2-digit' }).format(at);
}

/** "Tue 14:05": a time within the last week. */
export function weekdayClock(at: number): string {
  return new Intl.DateTimeFormat(formatLocale(), { weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(at);
}

/** Date and time in full, for a stored item (a catalog import, a repaired value). */
export function dateTime(at: number): string {
  return new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}
