import { Fragment, type ComponentChildren } from 'preact';

/** Private-use characters around a part's index: they never occur in a message or in what a user types. */
const mark = (i: number) => `\uE000${i}\uE001`;
const MARKS = /\uE000(\d)\uE001/;

/**
 * A message whose placeholders hold elements (a bold query, a number field, a site name with
 * its test hook): rendered with one marker per element, then cut at the markers, so each
 * language orders the sentence its own way around them.
 * rich((q) => t('key', q), <strong>…</strong>)
 */
export function rich(render: (...marks: string[]) => string, ...parts: ComponentChildren[]): ComponentChildren[] {
  return render(...parts.map((_, i) => mark(i)))
    .split(MARKS)
    .map((piece, i) => (i % 2 ? <Fragment key={i}>{parts[Number(piece)]}</Fragment> : piece));
}
