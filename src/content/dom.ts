/** Small DOM helpers shared by the site adapters. */

export function $(selector: string, root: ParentNode = document): HTMLElement | null {
  return root.querySelector<HTMLElement>(selector);
}

export function $all(selector: string, root: ParentNode = document): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(selector)];
}

export function textOf(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Lower case, no accents or punctuation, single spaces: for comparing visible text. */
export function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function matchesLabel(text: string | null | undefined, labels: readonly string[]): boolean {
  const t = normalize(text ?? '');
  return t !== '' && labels.some((label) => t.includes(normalize(label)));
}

/** The accessible name a button shows; sites put it in either attribute. */
export function labelOf(el: Element | null | undefined): string {
  return el?.getAttribute('aria-label') || el?.getAttribute('title') || '';
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

type Probe<T> = () => T | null | undefined | false | Promise<T | null | undefined | false>;

/**
 * Resolves with the probe's first truthy answer, or null after the timeout. Checks on
 * every DOM change as well as on a timer: a background tab's timers may be throttled
 * to one a minute, but mutation callbacks are not.
 */
export function waitFor<T>(probe: Probe<T>, timeoutMs: number, root: Node = document): Promise<T | null> {
  return new Promise((resolve) => {
    let done = false;
    let running = false;
    let again = false;
    const finish = (value: T | null) => {
      if (done) return;
      done = true;
      observer.disconnect();
      clearInterval(interval);
      clearTimeout(timeout);
      resolve(value);
    };
    const check = async (): Promise<void> => {
      if (done) return;
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        const value = await probe();
        if (value) finish(value);
      } catch {
        // A probe that throws has simply not found what it waits for yet.
      }
      running = false;
      if (again && !done) {
        again = false;
        void check();
      }
    };
    const observer = new MutationObserver(() => void check());
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    const interval = setInterval(() => void check(), 250);
    const timeout = setTimeout(() => finish(null), timeoutMs);
    void check();
  });
}

/** Media playback state the page published, when it did. */
export function mediaSessionState(): { title: string; artist: string; state: MediaSessionPlaybackState } | null {
  const session = typeof navigator !== 'undefined' ? navigator.mediaSession : undefined;
  if (!session) return null;
  const meta = session.metadata;
  return { title: meta?.title ?? '', artist: meta?.artist ?? '', state: session.playbackState ?? 'none' };
}

export function pageIsHidden(): boolean {
  return document.visibilityState === 'hidden';
}

/**
 * Shown on the page: not hidden by an ancestor's aria-hidden or `hidden`, nor by style.
 * Looks at computed style only, never at sizes: a background tab is not laid out.
 */
export function shown(el: Element | null | undefined): boolean {
  if (!el?.isConnected) return false;
  if (el.closest('[aria-hidden="true"], [hidden]')) return false;
  return typeof el.checkVisibility === 'function' ? el.checkVisibility() : true;
}
