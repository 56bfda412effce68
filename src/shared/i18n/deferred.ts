/**
 * A message written as its key and arguments, for a context that cannot render it: Chrome
 * gives the offscreen document chrome.runtime only, no chrome.i18n. Whoever receives the text
 * (the service worker, for the document's replies) renders it in the browser's language.
 * Private-use characters mark it; they never occur in a message or in what a user types.
 */
const OPEN = '\uE020';
const NEXT = '\uE021';
const CLOSE = '\uE022';

/** The message `key` with `args`, to be rendered by the receiver; an argument may be deferred too. */
export function deferMessage(key: string, args: readonly string[]): string {
  return OPEN + [key, ...args].join(NEXT) + CLOSE;
}

/**
 * `text` with every deferred message rendered by `render`, nested ones first. A message cut
 * short (a reply trimmed to length) renders what arrived; stray marks are dropped.
 */
export function renderDeferred(text: string, render: (key: string, args: string[]) => string): string {
  if (!text.includes(OPEN)) return text;
  let at = 0;
  const read = (inside: boolean): string => {
    let out = '';
    while (at < text.length) {
      const c = text[at];
      if (c === OPEN) {
        at++;
        out += message();
      } else if (inside && (c === NEXT || c === CLOSE)) {
        return out;
      } else {
        at++;
        if (c !== NEXT && c !== CLOSE) out += c;
      }
    }
    return out;
  };
  const message = (): string => {
    const fields = [read(true)];
    while (text[at] === NEXT) {
      at++;
      fields.push(read(true));
    }
    if (text[at] === CLOSE) at++;
    const [key, ...args] = fields;
    return render(key, args);
  };
  return read(false);
}
