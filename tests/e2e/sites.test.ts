/**
 * The built extension drives the offline fixture sites, served at the real
 * music.youtube.com and open.spotify.com addresses, through the service worker's
 * music messages: the same path the popup uses.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchExtension, type ExtensionSession } from './harness';
import { serveFixtures, type FixtureServer, type FixtureSite } from './site-fixtures';

type Reply = { ok: true; value: any } | { ok: false; error: { code: string; message: string } };

const HOME: Record<FixtureSite, string> = { 'youtube-music': 'https://music.youtube.com/', spotify: 'https://open.spotify.com/' };

const TRACKS = [
  { title: 'Levitating', artist: 'Dua Lipa' },
  { title: 'Good as Hell', artist: 'Lizzo' },
  { title: 'Dancing Queen', artist: 'ABBA' },
];

let session: ExtensionSession;
let fixtures: FixtureServer;
let extensionPage: Page;

/** Sends a background message from an extension page, as the popup does. */
function ask(name: string, payload: unknown): Promise<Reply> {
  return extensionPage.evaluate((message) => chrome.runtime.sendMessage(message), { target: 'background', name, payload }) as Promise<Reply>;
}

async function siteTabs(site: FixtureSite): Promise<Page[]> {
  const pages = await session.browser.pages();
  return pages.filter((p) => p.url().startsWith(HOME[site]));
}

async function closeSiteTabs(): Promise<void> {
  for (const site of Object.keys(HOME) as FixtureSite[]) for (const page of await siteTabs(site)) await page.close();
  const consent = (await session.browser.pages()).filter((p) => p.url().includes('consent.youtube.com'));
  for (const page of consent) await page.close();
}

async function openSite(site: FixtureSite, scenario = 'index'): Promise<Page> {
  fixtures.scenario[site] = scenario;
  const page = await session.browser.newPage();
  await page.goto(HOME[site], { waitUntil: 'load' });
  return page;
}

/** The fixture player's queue, read from the page's own world. */
function fixtureQueue(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as any).__fixture.queue.map((t: { title: string }) => t.title));
}

beforeAll(async () => {
  session = await launchExtension();
  fixtures = await serveFixtures(session.browser);
  extensionPage = await session.browser.newPage();
  await extensionPage.goto(session.url('src/popup/options.html'));
  const probe = await ask('musicNowPlaying', { site: 'spotify' });
  if (!probe.ok && probe.error.code === 'bad-message') {
    throw new Error('The service worker does not route music messages: spread musicHandlers from src/background/music/handlers.ts into listen(\'background\', …) in src/background/index.ts');
  }
});

afterEach(async () => {
  await closeSiteTabs();
  fixtures.scenario = { 'youtube-music': 'index', spotify: 'index' };
});

afterAll(async () => {
  await fixtures?.stop();
  await session?.close();
});

describe.each(['youtube-music', 'spotify'] as const)('%s', (site) => {
  it('with no tab open, opens one in the background and plays a playlist for "happy pop"', async () => {
    const reply = await ask('musicPlay', { query: 'happy pop', site });
    expect(reply).toMatchObject({ ok: true, value: { site, nowPlaying: { playing: true } } });
    const tabs = await siteTabs(site);
    expect(tabs).toHaveLength(1);
    // Opened behind the user's current tab, not in front of it.
    const opened = await extensionPage.evaluate((url) => chrome.tabs.query({ url }), `${HOME[site]}*`);
    expect(opened.map((t) => t.active)).toEqual([false]);
    expect(tabs[0].url()).toContain(site === 'spotify' ? '/search/happy%20pop/playlists' : '/search?q=happy%20pop');
    // The first playlist's first song.
    expect(reply.ok && reply.value.nowPlaying.title).toBe('Happy');
    expect(reply.ok && reply.value.nowPlaying.artist).toBe('Pharrell Williams');
  });

  it('plays, queues three songs, pauses, skips and reads what is playing in an open tab', async () => {
    const page = await openSite(site);
    const played = await ask('musicPlay', { query: 'happy pop', site });
    expect(played).toMatchObject({ ok: true, value: { nowPlaying: { title: 'Happy', playing: true } } });
    // The open tab was used, not a new one.
    expect(await siteTabs(site)).toHaveLength(1);

    const queued = await ask('musicEnqueue', { tracks: TRACKS, site });
    expect(queued).toEqual({ ok: true, value: { queued: 3, notFound: [] } });
    expect((await fixtureQueue(page)).slice(-3)).toEqual(TRACKS.map((t) => t.title));
    // Queueing searched in the page without interrupting the music.
    expect(await ask('musicNowPlaying', { site })).toMatchObject({ ok: true, value: { title: 'Happy', playing: true } });

    const paused = await ask('musicControl', { action: 'pause', site });
    expect(paused).toMatchObject({ ok: true, value: { title: 'Happy', playing: false } });

    const next = await ask('musicControl', { action: 'next', site });
    expect(next.ok).toBe(true);
    const now = await ask('musicNowPlaying', { site });
    expect(now).toMatchObject({ ok: true, value: { playing: true } });
    expect(now.ok && now.value.title).not.toBe('Happy');

    const previous = await ask('musicControl', { action: 'previous', site });
    expect(previous).toMatchObject({ ok: true, value: { title: 'Happy' } });
    const toggled = await ask('musicControl', { action: 'toggle', site });
    expect(toggled).toMatchObject({ ok: true, value: { playing: false } });
    expect(await ask('musicControl', { action: 'play', site })).toMatchObject({ ok: true, value: { playing: true } });
  });

  it('reports a search with no results as a typed error', async () => {
    await openSite(site);
    const reply = await ask('musicPlay', { query: 'zzz nothing matches', site });
    expect(reply).toMatchObject({ ok: false, error: { code: 'no-results' } });
  });

  it('reports a page without a player as a typed error', async () => {
    await openSite(site, 'player-missing');
    const reply = await ask('musicPlay', { query: 'happy pop', site });
    expect(reply).toMatchObject({ ok: false, error: { code: 'site-changed' } });
  });

  it('reports a tab closed mid-command as tab-closed, without hanging', async () => {
    const page = await openSite(site);
    // A search that never answers keeps the command busy long enough to close the tab.
    const pending = ask('musicPlay', { query: 'hang forever', site });
    await new Promise((r) => setTimeout(r, 1500));
    await page.close();
    const reply = await pending;
    expect(reply).toMatchObject({ ok: false, error: { code: 'tab-closed' } });
  });

  it('tells the user to click once when autoplay is blocked', async () => {
    const page = await openSite(site, 'autoplay-blocked');
    await page.bringToFront();
    const reply = await ask('musicPlay', { query: 'happy pop', site });
    expect(reply).toMatchObject({ ok: false, error: { code: 'autoplay-blocked' } });
    expect(!reply.ok && reply.error.message).toMatch(/click play once/i);
  });

  it('falls back to loading the search page when the in-page router ignores it', async () => {
    await openSite(site, 'no-router');
    fixtures.requests.length = 0;
    const reply = await ask('musicPlay', { query: 'happy pop', site });
    expect(reply).toMatchObject({ ok: true, value: { nowPlaying: { title: 'Happy', playing: true } } });
    expect(fixtures.requests.filter((url) => url.includes('happy')), fixtures.requests.join('\n')).toHaveLength(1);
  });

  it('control and now-playing without any tab open', async () => {
    expect(await ask('musicNowPlaying', { site })).toEqual({ ok: true, value: null });
    expect(await ask('musicControl', { action: 'pause', site })).toMatchObject({ ok: false, error: { code: 'no-streaming-tab' } });
  });
});

describe('site-specific failures', () => {
  it('a logged-out Spotify asks the user to log in', async () => {
    await openSite('spotify', 'logged-out');
    const reply = await ask('musicPlay', { query: 'happy pop', site: 'spotify' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'site-logged-out' } });
    expect(!reply.ok && reply.error.message).toContain('Log in to Spotify');
  });

  it('a logged-out YouTube Music still plays', async () => {
    await openSite('youtube-music', 'logged-out');
    const reply = await ask('musicPlay', { query: 'happy pop', site: 'youtube-music' });
    expect(reply).toMatchObject({ ok: true, value: { nowPlaying: { playing: true } } });
  });

  it('Spotify playing on another device plays with a warning', async () => {
    await openSite('spotify', 'other-device');
    const reply = await ask('musicPlay', { query: 'happy pop', site: 'spotify' });
    expect(reply).toMatchObject({ ok: true, value: { warning: { code: 'other-device' } } });
  });

  it('YouTube Music behind a cookie-consent page reports that the tab left the site', async () => {
    fixtures.scenario['youtube-music'] = 'consent';
    const reply = await ask('musicPlay', { query: 'happy pop', site: 'youtube-music' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'site-left' } });
  });

  it('answers the "Continue watching?" dialog before playing', async () => {
    const page = await openSite('youtube-music', 'you-there');
    const reply = await ask('musicPlay', { query: 'happy pop', site: 'youtube-music' });
    expect(reply.ok).toBe(true);
    expect(await page.$('ytmusic-you-there-renderer')).toBeNull();
  });
});
