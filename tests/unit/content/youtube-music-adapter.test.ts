// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MoodError } from '../../../src/shared/errors';
import { createBridge, type Bridge } from '../../../src/content/bridge';
import type { MusicSite } from '../../../src/content/music-site';
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
let sites: MusicSite[] = [];
function site(bridge?: Bridge) {
  const b = bridge ?? createBridge(window, 1000);
  bridges.push(b);
  const created = createYouTubeMusic(FAST, b);
  sites.push(created);
  return created;
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
  // An adapter left behind would keep answering the next page's prompts.
  sites.forEach((s) => s.dispose());
  sites = [];
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
    const assign = vi.spyOn(location, 'assign').mockImplementation(() => undefined);
    const result = await ytm.playPlaylistFor('happy pop');
    expect(result).toEqual({ status: 'started', nowPlaying: HAPPY });
    // The app's own router showed its watch page: no search page, no reload.
    expect(location.pathname + location.search).toBe('/watch?list=PLmoodhappypop');
    expect(assign).not.toHaveBeenCalled();
    expect(fixturePlayer().fetches).toEqual(['/search']);
    expect(fixturePlayer().navigations).toEqual([{ watchEndpoint: { playlistId: 'PLmoodhappypop' } }]);
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
    expect(location.pathname).not.toBe('/search');
    expect(await ytm.nowPlaying()).toMatchObject({ title: 'Happy', playing: true });
  });

  it("when the app ignores the dispatched endpoint, presses the playlist row's play button instead", async () => {
    loadFixture('youtube-music', 'no-watch-nav');
    const pushed = vi.spyOn(history, 'pushState');
    const result = await site().playPlaylistFor('happy pop');
    expect(result).toEqual({ status: 'started', nowPlaying: HAPPY });
    expect(pushed.mock.calls.map((c) => c[2])).toEqual(['/search?q=happy%20pop', '/watch?list=PLmoodhappypop']);
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
    const pushed = vi.spyOn(history, 'pushState');
    const result = await site().playPlaylistFor('happy pop');
    expect(pushed.mock.calls[0][2]).toBe('/search?q=happy%20pop');
    expect(result).toEqual({ status: 'started', nowPlaying: HAPPY });
    expect(fixturePlayer().navigations).toEqual([{ watchPlaylistEndpoint: { playlistId: 'PLmoodhappypop' } }]);
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
    expect(fixturePlayer().navigations).toEqual([{ watchEndpoint: { playlistId: 'PLmoodhappypop' } }]);
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

  it('answers "Continue watching?" before playing (every command first keeps the music going)', async () => {
    loadFixture('youtube-music', 'you-there');
    const ytm = site();
    await ytm.keepGoing();
    await ytm.playPlaylistFor('happy pop');
    expect(document.querySelector('ytmusic-you-there-renderer')).toBeNull();
  });
});

describe('YouTube Music keeps the music going', () => {
  it('answers the idle prompt that paused the music it plays, and keeps the activity time fresh', async () => {
    loadFixture('youtube-music', 'idle-pause=300');
    const lact = window as unknown as { _lact: number };
    const ytm = site();
    const started = Date.now();
    await ytm.playPlaylistFor('happy pop');
    expect(lact._lact).toBeGreaterThanOrEqual(started);
    // The app's idle check fires (activity is refreshed only once a minute): the prompt is answered.
    await vi.waitFor(() => expect(fixturePlayer().youThereShown).toBeGreaterThan(0), { timeout: 3000 });
    await vi.waitFor(async () => expect(await ytm.nowPlaying()).toMatchObject({ title: 'Happy', playing: true }), { timeout: 3000 });
    expect(document.querySelector('ytmusic-you-there-renderer')).toBeNull();
  });

  it('leaves a pause the user made alone, and says so after queueing', async () => {
    loadFixture('youtube-music');
    const ytm = site();
    await ytm.playPlaylistFor('happy pop');
    (document.querySelector('ytmusic-player-bar #play-pause-button') as HTMLElement).click();
    await ytm.keepGoing();
    expect(await ytm.nowPlaying()).toMatchObject({ title: 'Happy', playing: false });
  });

  it('after MoodDJ paused it, does not answer the prompt for it', async () => {
    loadFixture('youtube-music', 'idle-pause=200');
    const ytm = site();
    await ytm.playPlaylistFor('happy pop');
    await ytm.pause();
    (document.querySelector('#movie_player') as unknown as { playVideo(): void }).playVideo();
    await vi.waitFor(() => expect(document.querySelector('ytmusic-you-there-renderer')).not.toBeNull(), { timeout: 3000 });
    await new Promise((r) => setTimeout(r, 300));
    expect(document.querySelector('ytmusic-you-there-renderer')).not.toBeNull();
  });
});

describe('YouTube Music ads', () => {
  it('an ad before the music is reported as an ad, never as the song, and the start is confirmed after it', async () => {
    loadFixture('youtube-music', 'ad=600');
    const ytm = site();
    const first = await ytm.playPlaylistFor('happy pop');
    expect(first).toEqual({ status: 'ad', nowPlaying: { title: '', artist: '', playing: true, ad: true } });
    expect(await ytm.nowPlaying()).toMatchObject({ ad: true, title: '' });
    // "Next" says it cannot skip now, and touches no ad control.
    await expect(ytm.next()).rejects.toMatchObject({ code: 'ad-playing', message: expect.stringContaining('cannot skip') });
    expect(await ytm.awaitStart()).toEqual({ status: 'started', nowPlaying: HAPPY });
    expect(fixturePlayer().navigations).toHaveLength(1);
  });
});

describe('YouTube Music starts once', () => {
  it('a slow start through the app is waited for, never played a second way', async () => {
    loadFixture('youtube-music', `slow-start=${FAST.reactMs + 100}`);
    const pushed = vi.spyOn(history, 'pushState');
    const result = await site().playPlaylistFor('happy pop');
    expect(result).toEqual({ status: 'started', nowPlaying: HAPPY });
    expect(fixturePlayer().navigations).toEqual([{ watchEndpoint: { playlistId: 'PLmoodhappypop' } }]);
    expect(pushed.mock.calls.map((c) => c[2])).toEqual(['/watch?list=PLmoodhappypop']);
  });

  it('a play that a newer one replaced starts nothing', async () => {
    loadFixture('youtube-music');
    const controller = new AbortController();
    controller.abort();
    expect(await codeOf(site().playPlaylistFor('happy pop', controller.signal))).toBe('superseded');
    expect(fixturePlayer().navigations).toEqual([]);
  });

  it('buffering when the wait ends counts as started', async () => {
    loadFixture('youtube-music', `slow-start=${FAST.reactMs + FAST.startMs + 500}`);
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('visible');
    const movie = document.querySelector('#movie_player') as unknown as { getPlayerState(): number };
    vi.spyOn(movie, 'getPlayerState').mockReturnValue(3);
    const result = await site().playPlaylistFor('happy pop');
    expect(result).toMatchObject({ status: 'started' });
  });
});

describe('YouTube Music asking about cookies', () => {
  it('is not ready while its consent dialog is open, and nothing in it is pressed', () => {
    loadFixture('youtube-music', 'consent-dialog');
    expect(site().readiness()).toEqual({ ready: false, problem: 'site-consent' });
    expect(fixturePlayer().ratingTouches).toEqual([]);
  });
});
