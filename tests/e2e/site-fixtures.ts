/**
 * Serves the offline fixture pages at the streaming sites' real https addresses,
 * for every tab in the browser (the service worker's background tabs included), so
 * content scripts inject exactly as they do in production.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, CDPSession, Protocol } from 'puppeteer-core';

const FIXTURES = resolve(import.meta.dirname, '../fixtures');

export type FixtureSite = 'youtube-music' | 'spotify';

const HOSTS: Record<string, FixtureSite> = {
  'music.youtube.com': 'youtube-music',
  'open.spotify.com': 'spotify',
};

export interface FixtureServer {
  /**
   * The variant each site's one fixture page is served as: its flags, comma-separated
   * (see tests/fixtures/<site>/app.js), e.g. "layout=shelves,no-api"; "" or "index" for
   * the plain page; "consent" for YouTube's cookie-consent redirect.
   */
  scenario: Record<FixtureSite, string>;
  /** Every URL asked for, in order. */
  requests: string[];
  stop(): Promise<void>;
}

/** The page's script: the shared flag reader, then the site's fake app. */
export function fixtureScript(site: FixtureSite): string {
  return readFileSync(join(FIXTURES, 'flags.js'), 'utf8') + '\n' + readFileSync(join(FIXTURES, site, 'app.js'), 'utf8');
}

/**
 * The page's own first script, as early as a page script can run (first in <head>): it records
 * every window message it is shown, as a hostile page would listen (tests/e2e/trust.test.ts).
 */
const PAGE_LISTENER =
  "window.__pageMessages = []; addEventListener('message', function (e) { window.__pageMessages.push(JSON.stringify(e.data) || String(e.data)); }, true);";

function respond(status: number, type: string, body: string | Buffer, extra: Protocol.Fetch.HeaderEntry[] = []) {
  return {
    responseCode: status,
    responseHeaders: [{ name: 'Content-Type', value: type }, { name: 'Cache-Control', value: 'no-store' }, ...extra],
    body: Buffer.from(body).toString('base64'),
  };
}

export async function serveFixtures(browser: Browser): Promise<FixtureServer> {
  const cdp: CDPSession = await browser.target().createCDPSession();
  const server: FixtureServer = {
    scenario: { 'youtube-music': 'index', spotify: 'index' },
    requests: [],
    stop: async () => {
      await cdp.send('Fetch.disable').catch(() => undefined);
      await cdp.detach().catch(() => undefined);
    },
  };

  function answer(url: URL) {
    if (url.hostname === 'consent.youtube.com') {
      return respond(
        200,
        'text/html; charset=utf-8',
        '<!doctype html><title>Before you continue to YouTube</title><button onclick="document.title = \'touched\'">Accept all</button>',
      );
    }
    const site = HOSTS[url.hostname];
    if (!site) return respond(404, 'text/plain', 'not a fixture host');
    const scenario = server.scenario[site];
    if (url.pathname === '/__fixture__/app.js') return respond(200, 'text/javascript', fixtureScript(site));
    if (url.pathname === '/favicon.ico') return respond(404, 'text/plain', '');
    // EU visitors meet a consent page on another host before YouTube Music.
    if (scenario === 'consent')
      return respond(302, 'text/html', '', [{ name: 'Location', value: 'https://consent.youtube.com/m?continue=' + encodeURIComponent(url.href) }]);
    const flags = scenario === 'index' ? '' : scenario.replace(/[^\w=,-]/g, '');
    const page = readFileSync(join(FIXTURES, site, 'index.html'), 'utf8')
      .replace('data-flags=""', `data-flags="${flags}"`)
      .replace('<head>', `<head>\n    <script>${PAGE_LISTENER}</script>`);
    return respond(200, 'text/html; charset=utf-8', page);
  }

  cdp.on('Fetch.requestPaused', (event: Protocol.Fetch.RequestPausedEvent) => {
    const url = new URL(event.request.url);
    server.requests.push(url.href);
    void cdp.send('Fetch.fulfillRequest', { requestId: event.requestId, ...answer(url) }).catch(() => undefined);
  });
  await cdp.send('Fetch.enable', {
    patterns: [{ urlPattern: 'https://music.youtube.com/*' }, { urlPattern: 'https://open.spotify.com/*' }, { urlPattern: 'https://consent.youtube.com/*' }],
  });
  return server;
}
