// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MoodError } from '../../../src/shared/errors';
import { createBridge, type Bridge } from '../../../src/content/bridge';
import { createYouTubeMusic } from '../../../src/content/sites/youtube-music';
import { deliverPostMessageLikeChrome, FAST, fixturePlayer, loadFixture, unloadFixture } from './site-fixture-dom';

const TRACKS = [
  { title: 'Levitating', artist: 'Dua Lipa' },
  { title: 'Good as Hell', artist: 'Lizzo' },
  { title: 'Dancing Queen', artist: 'ABBA' },
];

/** A page where the MAIN-world helper is missing or was blocked. */
const silentBridge: Bridge = { request: async () => null, dispose() {} };

let bridges: Bridge[] = [];
function site(bridge?: Bridge) {
  const b = bridge ?? createBridge(window, 1000);
  bridges.push(b);
  return createYouTubeMusic(FAST, b);
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (err) {
    return err instanceof MoodError ? err.code : String(err);
  }
}

beforeAll(async () => {
  deliverPostMessageLikeChrome();
  // The MAIN-world helper, installed into this window as the manifest does on the page.
  await import('../../../src/content/main-world/youtube-music');
});

afterEach(() => {
  // No path through the adapter may press like or dislike.
  if (document.querySelector('ytmusic-app')) expect(fixturePlayer().ratingTouches).toEqual([]);
  bridges.forEach((b) => b.dispose());
  bridges = [];
  unloadFixture();
  vi.restoreAllMocks();
});

describe('YouTube Music readiness', () => {
  it('is ready on the logged-in home page', () => {
    loadFixture('youtube-music');
    expect(site().readiness()).toEqual({ ready: true });
  });

  it('plays when logged out, but says so', () => {
    loadFixture('youtube-music', 'logged-out');
    expect(site().readiness()).toEqual({ ready: true, hint: 'site-logged-out' });
  });

  it('reports a loaded page without a player as changed', () => {
    loadFixture('youtube-music', 'player-missing');
    expect(site().readiness()).toEqual({ ready: false, problem: 'site-changed' });
  });

  it('is not ready before the app has rendered', () => {
    unloadFixture();
    expect(site().readiness()).toEqual({ ready: false, problem: 'site-not-ready' });
  });
});

const HAPPY = { title: 'Happy', artist: 'Pharrell Williams', playing: true };

describe("YouTube Music through the app's own client", () => {
  it('searches playlists with the filter params and starts the playlist by its watch endpoint, without leaving the page', async () => {
    loadFixture('youtube-music');
    const ytm = site();
    expect(await ytm.nowPlaying()).toBeNull();
    const result = await ytm.playPlaylistFor('happy pop');
    expect(result).toEqual({ status: 'started', nowPlaying: HAPPY });
    expect(location.pathname).toBe('/');
    expect(fixturePlayer().fetches).toEqual(['/search']);
    expect(fixturePlayer().navigations).toEqual([{ watchPlaylistEndpoint: { playlistId: 'PLmoodhappypop' } }]);
  });

  it('queues songs at the end through the queue store, without interrupting the song', async () => {
    loadFixture('youtube-music');
    const ytm = site();
    await ytm.playPlaylistFor('happy pop');
    const before = fixturePlayer().queue.length;
    const result = await ytm.enqueue([...TRACKS, { title: 'No Such Song', artist: 'Nobody' }]);
    expect(result).toEqual({ queued: 3, notFound: ['No Such Song – Nobody'] });
    expect(
      fixturePlayer()
        .queue.slice(before)
        .map((t) => t.title),
    ).toEqual(TRACKS.map((t) => t.title));
    expect(fixturePlayer().fetches).toContain('/music/get_queue');
    expect(location.pathname).toBe('/');
    expect(await ytm.nowPlaying()).toMatchObject({ title: 'Happy', playing: true });
  });

  it("when the app ignores the dispatched endpoint, presses the playlist row's play button instead", async () => {
    loadFixture('youtube-music', 'no-watch-nav');
    const result = await site().playPlaylistFor('happy pop');
    expect(result).toEqual({ status: 'started', nowPlaying: HAPPY });
    expect(location.pathname).toBe('/search');
    // Only the play button's own click reached the player; the dispatched events were ignored.
    expect(fixturePlayer().navigations).toEqual([{ watchPlaylistEndpoint: { playlistId: 'PLmoodhappypop' } }]);
  });

  it('reports no results from the data', async () => {
    loadFixture('youtube-music');
    expect(await codeOf(site().playPlaylistFor('zzz nothing'))).toBe('no-results');
  });

  it('reports every mechanism as there in its site check', async () => {
    loadFixture('youtube-music');
    const report = await site().check();
    const byName = Object.fromEntries(report.lines.map((l) => [l.mechanism, l.ok]));
    expect(report.site).toBe('youtube-music');
    expect(Object.values(byName).filter((ok) => ok === false)).toEqual([]);
    expect(new Set(report.lines.map((l) => l.area))).toEqual(new Set(['search', 'play', 'queue', 'controls', 'now playing', 'login']));
  });
});

describe.each(['layout=flat', 'layout=shelves'])('YouTube Music DOM fallback (%s, no app client)', (layout) => {
  const flags = `${layout},no-api`;

  it('searches in the page and starts the playlist row, not the first (song) row', async () => {
    loadFixture('youtube-music', flags);
    const result = await site().playPlaylistFor('happy pop');
    expect(location.pathname + location.search).toBe('/search?q=happy%20pop');
    expect(result).toEqual({ status: 'started', nowPlaying: HAPPY });
  });

  it("queues by the row's ⋮ menu, past the like/dislike buttons, by its label in another language", async () => {
    loadFixture('youtube-music', `${flags},lang=de`);
    const ytm = site();
    const result = await ytm.enqueue([TRACKS[0]]);
    expect(result).toEqual({ queued: 1, notFound: [] });
    expect(fixturePlayer().queue.map((t) => t.title)).toEqual(['Levitating']);
  });

  it('reports no results', async () => {
    loadFixture('youtube-music', flags);
    expect(await codeOf(site().playPlaylistFor('zzz nothing'))).toBe('no-results');
  });

  it('the site check marks the missing app client and queue store, without throwing', async () => {
    loadFixture('youtube-music', flags);
    const report = await site().check();
    const failed = report.lines.filter((l) => l.ok === false).map((l) => l.mechanism);
    expect(failed).toEqual(expect.arrayContaining([expect.stringContaining('networkManager'), expect.stringContaining('queue store')]));
    expect(report.lines.find((l) => l.mechanism === '#movie_player API')?.ok).toBe(true);
  });
});

describe('YouTube Music DOM fallback with renderer data', () => {
  it('classifies rows by their .data and plays through the endpoint when the client is missing', async () => {
    loadFixture('youtube-music', 'layout=flat', { path: '/search?q=happy%20pop' });
    // Only the app client is gone; rows still carry .data.
    delete (document.querySelector('ytmusic-app') as unknown as { networkManager?: unknown }).networkManager;
    await new Promise((r) => setTimeout(r, 300));
    const result = await site().playPlaylistFor('happy pop');
    expect(result).toEqual({ status: 'started', nowPlaying: HAPPY });
    expect(fixturePlayer().navigations).toEqual([{ watchPlaylistEndpoint: { playlistId: 'PLmoodhappypop' } }]);
  });
});

describe('YouTube Music playback', () => {
  it('pauses, skips and goes back through the player API', async () => {
    loadFixture('youtube-music');
    const ytm = site();
    await ytm.playPlaylistFor('happy pop');
    await ytm.pause();
    expect(await ytm.nowPlaying()).toMatchObject({ title: 'Happy', playing: false });
    await ytm.next();
    expect(await ytm.nowPlaying()).toMatchObject({ title: 'Levitating', playing: true });
    await ytm.previous();
    expect(await ytm.nowPlaying()).toMatchObject({ title: 'Happy', playing: true });
  });

  it('uses the player bar and the page when the MAIN-world helper does not answer', async () => {
    loadFixture('youtube-music', '', { path: '/search?q=happy%20pop' });
    await new Promise((r) => setTimeout(r, 300));
    const bare = site(silentBridge);
    const result = await bare.playPlaylistFor('happy pop');
    expect(result).toEqual({ status: 'started', nowPlaying: HAPPY });
    await bare.pause();
    expect(await bare.nowPlaying()).toMatchObject({ playing: false });
    await bare.next();
    expect(await bare.nowPlaying()).toMatchObject({ title: 'Levitating', playing: true });
    const report = await bare.check();
    expect(report.lines.filter((l) => l.ok === false).length).toBeGreaterThan(0);
  });

  it('loads the search page itself when neither the client nor the router answers', async () => {
    loadFixture('youtube-music', 'no-router,no-api');
    const assign = vi.spyOn(location, 'assign').mockImplementation(() => undefined);
    const ytm = site();
    expect(await ytm.playPlaylistFor('happy pop')).toEqual({ status: 'navigating' });
    expect(assign).toHaveBeenCalledWith('https://music.youtube.com/search?q=happy%20pop');
    // While the page unloads it neither reports ready nor navigates again.
    expect(ytm.readiness()).toEqual({ ready: false, problem: 'site-not-ready' });
    expect(await ytm.playPlaylistFor('happy pop')).toEqual({ status: 'navigating' });
    expect(assign).toHaveBeenCalledTimes(1);
  });

  it('never reloads to queue songs, which would stop the music', async () => {
    loadFixture('youtube-music', 'no-router,no-api');
    const assign = vi.spyOn(location, 'assign').mockImplementation(() => undefined);
    expect(await codeOf(site().enqueue([TRACKS[0]]))).toBe('site-changed');
    expect(assign).not.toHaveBeenCalled();
  });

  it('asks for one click when autoplay rules keep it silent', async () => {
    loadFixture('youtube-music', 'autoplay-blocked');
    const error = await site()
      .playPlaylistFor('happy pop')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MoodError);
    expect((error as MoodError).code).toBe('autoplay-blocked');
    expect((error as MoodError).message).toMatch(/Click play once in the YouTube Music tab/);
  });

  it('in a tab never shown, plays with a warning instead', async () => {
    loadFixture('youtube-music', 'autoplay-blocked');
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    const result = await site().playPlaylistFor('happy pop');
    expect(result).toMatchObject({ status: 'started', warning: { code: 'autoplay-blocked' } });
  });

  it('answers "Continue watching?" before playing', async () => {
    loadFixture('youtube-music', 'you-there');
    await site().playPlaylistFor('happy pop');
    expect(document.querySelector('ytmusic-you-there-renderer')).toBeNull();
  });
});
