// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MoodError } from '../../../src/shared/errors';
import { createSpotify } from '../../../src/content/sites/spotify';
import { FAST, fixturePlayer, loadFixture, unloadFixture } from './site-fixture-dom';

const TRACKS = [
  { title: 'Levitating', artist: 'Dua Lipa' },
  { title: 'Good as Hell', artist: 'Lizzo' },
  { title: 'Dancing Queen', artist: 'ABBA' },
];

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (err) {
    return err instanceof MoodError ? err.code : String(err);
  }
}

afterEach(() => {
  // No path through the adapter may press a save/like control.
  if (document.querySelector('[data-testid="search-input"]')) expect(fixturePlayer().ratingTouches).toEqual([]);
  unloadFixture();
  vi.restoreAllMocks();
});

describe('Spotify readiness', () => {
  it('is ready when logged in', () => {
    loadFixture('spotify');
    expect(createSpotify(FAST).readiness()).toEqual({ ready: true });
  });

  it('stops at the login wall', () => {
    loadFixture('spotify', 'logged-out');
    expect(createSpotify(FAST).readiness()).toEqual({ ready: false, problem: 'site-logged-out' });
  });

  it('reports a loaded page without a player bar as changed', () => {
    loadFixture('spotify', 'player-missing');
    expect(createSpotify(FAST).readiness()).toEqual({ ready: false, problem: 'site-changed' });
  });
});

describe('Spotify playback', () => {
  it('searches playlists in the page and starts the first', async () => {
    loadFixture('spotify');
    const spotify = createSpotify(FAST);
    expect(await spotify.nowPlaying()).toBeNull();
    const result = await spotify.playPlaylistFor('happy pop');
    expect(location.pathname).toBe('/search/happy%20pop/playlists');
    expect(result).toEqual({ status: 'started', nowPlaying: { title: 'Happy', artist: 'Pharrell Williams', playing: true } });
  });

  it('searches by typing into the search box (React-style) and following the Playlists chip', async () => {
    loadFixture('spotify');
    const pushState = vi.spyOn(history, 'pushState');
    const popstates: Event[] = [];
    window.addEventListener('popstate', (e) => popstates.push(e));
    await createSpotify(FAST).playPlaylistFor('happy pop');
    // The app routed itself (search box, then chip); we sent no synthetic popstate.
    expect(popstates).toEqual([]);
    expect(pushState.mock.calls.map((c) => c[2])).toEqual(['/search/happy%20pop', '/search/happy%20pop/playlists']);
  });

  it('without filter links, reaches the tab through the History API after the search box', async () => {
    loadFixture('spotify', 'no-chips');
    const popstates: Event[] = [];
    window.addEventListener('popstate', (e) => popstates.push(e));
    const result = await createSpotify(FAST).playPlaylistFor('happy pop');
    expect(result).toMatchObject({ status: 'started', nowPlaying: { title: 'Happy', playing: true } });
    expect(location.pathname).toBe('/search/happy%20pop/playlists');
    expect(popstates).toHaveLength(1);
  });

  it('never reloads a playing tab: says so when the app ignores every in-page search', async () => {
    loadFixture('spotify', 'no-router');
    const assign = vi.spyOn(location, 'assign').mockImplementation(() => undefined);
    document.querySelector<HTMLElement>('[data-testid="control-button-playpause"]')!.setAttribute('aria-label', 'Pause');
    const error = await createSpotify(FAST)
      .playPlaylistFor('happy pop')
      .catch((e: unknown) => e);
    expect((error as MoodError).code).toBe('site-changed');
    expect((error as MoodError).message).toMatch(/would stop the music/);
    expect(assign).not.toHaveBeenCalled();
  });

  it('its site check lists each mechanism without changing the page', async () => {
    loadFixture('spotify');
    const path = location.pathname;
    const report = await createSpotify(FAST).check();
    expect(location.pathname).toBe(path);
    expect(report.lines.filter((l) => l.ok === false)).toEqual([]);
    loadFixture('spotify', 'logged-out');
    const out = await createSpotify(FAST).check();
    expect(out.lines.filter((l) => l.ok === false).map((l) => l.area)).toEqual(expect.arrayContaining(['controls', 'login']));
  });

  it('queues tracks through the row context menu', async () => {
    loadFixture('spotify');
    const spotify = createSpotify(FAST);
    await spotify.playPlaylistFor('happy pop');
    const before = fixturePlayer().queue.length;
    const result = await spotify.enqueue([...TRACKS, { title: 'No Such Song', artist: 'Nobody' }]);
    expect(result).toEqual({ queued: 3, notFound: ['No Such Song – Nobody'] });
    expect(
      fixturePlayer()
        .queue.slice(before)
        .map((t) => t.title),
    ).toEqual(TRACKS.map((t) => t.title));
    expect(document.getElementById('context-menu')).toBeNull();
    expect(await spotify.nowPlaying()).toMatchObject({ title: 'Happy', playing: true });
  });

  it('matches a track by its Spotify id before its title', async () => {
    loadFixture('spotify');
    // The search lists both "Happy" and "Levitating"; the id, not the title, decides.
    const levitating = '39LLxExYz6ewLAcYrzQQyP';
    const result = await createSpotify(FAST).enqueue([{ title: 'Happy', artist: 'Dua Lipa', spotifyId: levitating }]);
    expect(result.queued).toBe(1);
    expect(fixturePlayer().queue.map((t) => t.id)).toEqual([levitating]);
  });

  it('finds "Add to queue" in another language', async () => {
    loadFixture('spotify', 'lang=es');
    expect((await createSpotify(FAST).enqueue([TRACKS[0]])).queued).toBe(1);
  });

  it('pauses, skips and goes back with the player buttons', async () => {
    loadFixture('spotify');
    const spotify = createSpotify(FAST);
    await spotify.playPlaylistFor('happy pop');
    await spotify.pause();
    expect(await spotify.nowPlaying()).toMatchObject({ title: 'Happy', playing: false });
    await spotify.play();
    await spotify.next();
    expect(await spotify.nowPlaying()).toMatchObject({ title: 'Levitating', playing: true });
    await spotify.previous();
    expect(await spotify.nowPlaying()).toMatchObject({ title: 'Happy' });
  });

  it('reports no results', async () => {
    loadFixture('spotify');
    expect(await codeOf(createSpotify(FAST).playPlaylistFor('zzz nothing'))).toBe('no-results');
  });

  it('warns when Spotify plays on another device, naming it as the page does', async () => {
    loadFixture('spotify', 'other-device');
    const spotify = createSpotify(FAST);
    const result = await spotify.playPlaylistFor('happy pop');
    expect(result).toMatchObject({ status: 'started', warning: { code: 'other-device' } });
    expect(result.status === 'started' && result.warning?.message).toBe(
      "Spotify is playing on another device (it says “Playing on Living Room Speaker”), not in this browser. Pick this browser in Spotify's device list to hear it here.",
    );
    expect(await spotify.nowPlaying()).toMatchObject({ title: 'Happy', elsewhere: 'Playing on Living Room Speaker' });
  });

  it('loads the search page itself when the router ignores the in-page navigation and nothing plays', async () => {
    // Let the last page's pending start (a timer of its own) run out first.
    await new Promise((r) => setTimeout(r, 200));
    loadFixture('spotify', 'no-router');
    const assign = vi.spyOn(location, 'assign').mockImplementation(() => undefined);
    const spotify = createSpotify(FAST);
    expect(await spotify.playPlaylistFor('happy pop')).toEqual({ status: 'navigating' });
    expect(assign).toHaveBeenCalledWith('https://open.spotify.com/search/happy%20pop/playlists');
    expect(spotify.readiness()).toEqual({ ready: false, problem: 'site-not-ready' });
  });

  it('never reloads to queue songs, which would stop the music', async () => {
    loadFixture('spotify', 'no-router');
    const assign = vi.spyOn(location, 'assign').mockImplementation(() => undefined);
    expect(await codeOf(createSpotify(FAST).enqueue([TRACKS[0]]))).toBe('site-changed');
    expect(assign).not.toHaveBeenCalled();
  });

  it('asks for one click when autoplay rules keep it silent', async () => {
    loadFixture('spotify', 'autoplay-blocked');
    const error = await createSpotify(FAST)
      .playPlaylistFor('happy pop')
      .catch((e: unknown) => e);
    expect((error as MoodError).code).toBe('autoplay-blocked');
    expect((error as MoodError).message).toMatch(/Click play once in the Spotify tab/);
  });
});

describe('Spotify on the live site', () => {
  it('an audio ad is an ad, never the song; "Next" says it cannot skip; the music is confirmed after it', async () => {
    loadFixture('spotify', 'ad=500');
    const spotify = createSpotify(FAST);
    const first = await spotify.playPlaylistFor('happy pop');
    expect(first).toMatchObject({ status: 'ad', nowPlaying: { title: '', artist: '', ad: true } });
    await expect(spotify.next()).rejects.toMatchObject({ code: 'ad-playing' });
    expect(await spotify.awaitStart()).toEqual({ status: 'started', nowPlaying: { title: 'Happy', artist: 'Pharrell Williams', playing: true } });
  });

  it('without protected-content support (no Widevine), says so and suggests YouTube Music, in a tab in front or behind', async () => {
    loadFixture('spotify', 'no-drm');
    const eme = vi.fn().mockRejectedValue(new DOMException('Unsupported keySystem', 'NotSupportedError'));
    Object.defineProperty(navigator, 'requestMediaKeySystemAccess', { value: eme, configurable: true });
    try {
      const error = await createSpotify(FAST)
        .playPlaylistFor('happy pop')
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'no-protected-content', message: expect.stringContaining('Choose YouTube Music') });
      expect(eme).toHaveBeenCalledWith('com.widevine.alpha', expect.any(Array));
      vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
      expect(await codeOf(createSpotify(FAST).playPlaylistFor('happy pop'))).toBe('no-protected-content');
    } finally {
      delete (navigator as unknown as Record<string, unknown>).requestMediaKeySystemAccess;
    }
  });

  it('in a language outside its label lists, says which one instead of "looks different"', async () => {
    loadFixture('spotify', 'lang=cy');
    const error = await createSpotify(FAST)
      .enqueue([TRACKS[0]])
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'site-language', message: expect.stringContaining('(cy)') });
  });
});
