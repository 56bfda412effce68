/**
 * Loads the offline fixture page (tests/fixtures/<site>/index.html plus its app.js)
 * into the happy-dom test window, so adapters run against the same markup as e2e.
 * Variants are the page's flags (see each app.js), e.g. "layout=shelves,no-api".
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { vi } from 'vitest';
import { fixtureScript } from '../../e2e/site-fixtures';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures');

type Listener = [string, EventListenerOrEventListenerObject];
let pageListeners: Listener[] = [];

/**
 * happy-dom's postMessage reports a `source` that is not the test's `window`, unlike a real
 * browser, and drops transferred ports; this stand-in delivers messages the way Chrome does.
 */
export function deliverPostMessageLikeChrome(): void {
  window.postMessage = ((data: unknown, _origin: string, transfer: MessagePort[] = []) => {
    setTimeout(() => {
      // Transferred ports arrive as the event's `ports`, as in Chrome (happy-dom drops them).
      const event = new MessageEvent('message', { data: structuredClone(data), origin: location.origin, ports: transfer });
      Object.defineProperty(event, 'source', { value: window });
      window.dispatchEvent(event);
    });
  }) as typeof window.postMessage;
}

export interface LoadOptions {
  /** Page path and query, e.g. "/search?q=x". */
  path?: string;
}

export function loadFixture(site: 'youtube-music' | 'spotify', flags = '', opts: LoadOptions = {}): void {
  unloadFixture();
  const origin = site === 'spotify' ? 'https://open.spotify.com' : 'https://music.youtube.com';
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(origin + (opts.path ?? '/'));
  const parsed = new DOMParser().parseFromString(readFileSync(join(FIXTURES, site, 'index.html'), 'utf8'), 'text/html');
  const html = document.documentElement;
  for (const name of html.getAttributeNames()) html.removeAttribute(name);
  for (const attr of parsed.documentElement.attributes) html.setAttribute(attr.name, attr.value);
  html.dataset.flags = flags;
  parsed.querySelectorAll('script').forEach((s) => s.remove());
  document.body.innerHTML = parsed.body.innerHTML;

  // Track the fake app's window listeners so the next page starts clean.
  const add = window.addEventListener.bind(window);
  const spy = vi
    .spyOn(window, 'addEventListener')
    .mockImplementation((type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions) => {
      pageListeners.push([type, listener]);
      add(type, listener, options);
    });
  try {
    new Function(fixtureScript(site))();
  } finally {
    spy.mockRestore();
  }
}

export function unloadFixture(): void {
  for (const [type, listener] of pageListeners) window.removeEventListener(type, listener);
  pageListeners = [];
  document.body.innerHTML = '';
}

/** The fake player's state, as the page sees it. */
export interface FixturePlayer {
  queue: { title: string; id: string }[];
  index: number;
  /** Every touch of a like/dislike (or save) control; must stay empty. */
  ratingTouches: string[];
  /** YouTube Music: endpoints the app navigated to; its client's fetched paths. */
  navigations?: unknown[];
  fetches?: string[];
  /** YouTube Music: how often the idle prompt and an ad were shown. */
  youThereShown?: number;
  adsShown?: number;
}

export function fixturePlayer(): FixturePlayer {
  return (window as unknown as { __fixture: FixturePlayer }).__fixture;
}

export const FAST = { navigateMs: 400, resultsMs: 800, startMs: 800, reactMs: 400, adRoundMs: 1500, adTotalMs: 4000, bridgeMs: 1000 };
