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
  unloadFixture();
  vi.restoreAllMocks();
});

describe('Spotify readiness', () => {
  it('is ready when logged in', () => {
    loadFixture('spotify', 'index');
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
    loadFixture('spotify', 'index');
    const spotify = createSpotify(FAST);
    expect(await spotify.nowPlaying()).toBeNull();
    const result = await spotify.playPlaylistFor('happy pop');
    expect(location.pathname).toBe('/search/happy%20pop/playlists');
    expect(result).toEqual({ status: 'started', nowPlaying: { title: 'Happy', artist: 'Pharrell Williams', playing: true } });
  });

  it('queues tracks through the row context menu', async () => {
    loadFixture('spotify', 'index');
    const spotify = createSpotify(FAST);
    await spotify.playPlaylistFor('happy pop');
    const before = fixturePlayer().queue.length;
    const result = await spotify.enqueue([...TRACKS, { title: 'No Such Song', artist: 'Nobody' }]);
    expect(result).toEqual({ queued: 3, notFound: ['No Such Song – Nobody'] });
    expect(fixturePlayer().queue.slice(before).map((t) => t.title)).toEqual(TRACKS.map((t) => t.title));
    expect(document.getElementById('context-menu')).toBeNull();
    expect(await spotify.nowPlaying()).toMatchObject({ title: 'Happy', playing: true });
  });

  it('matches a track by its Spotify id before its title', async () => {
    loadFixture('spotify', 'index');
    // The search lists both "Happy" and "Levitating"; the id, not the title, decides.
    const levitating = '39LLxExYz6ewLAcYrzQQyP';
    const result = await createSpotify(FAST).enqueue([{ title: 'Happy', artist: 'Dua Lipa', spotifyId: levitating }]);
    expect(result.queued).toBe(1);
    expect(fixturePlayer().queue.map((t) => t.id)).toEqual([levitating]);
  });

  it('finds "Add to queue" in another language', async () => {
    loadFixture('spotify', 'index', { data: { lang: 'es' } });
    expect((await createSpotify(FAST).enqueue([TRACKS[0]])).queued).toBe(1);
  });

  it('pauses, skips and goes back with the player buttons', async () => {
    loadFixture('spotify', 'index');
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
    loadFixture('spotify', 'index');
    expect(await codeOf(createSpotify(FAST).playPlaylistFor('zzz nothing'))).toBe('no-results');
  });

  it('warns when Spotify plays on another device', async () => {
    loadFixture('spotify', 'other-device');
    const result = await createSpotify(FAST).playPlaylistFor('happy pop');
    expect(result).toMatchObject({ status: 'started', warning: { code: 'other-device' } });
  });

  it('loads the search page itself when the router ignores the in-page navigation', async () => {
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
    const error = await createSpotify(FAST).playPlaylistFor('happy pop').catch((e: unknown) => e);
    expect((error as MoodError).code).toBe('autoplay-blocked');
    expect((error as MoodError).message).toMatch(/Click play once in the Spotify tab/);
  });
});
