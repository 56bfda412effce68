import { describe, expect, it } from 'vitest';
import { appError, MoodError } from '../../../src/shared/errors';
import type { Reply } from '../../../src/shared/messaging';
import { createMusicController } from '../../../src/background/music/controller';
import type { TabInfo, TabsPort } from '../../../src/background/music/tabs-port';
import { DEFAULT_MUSIC_TIMING, type MusicTiming } from '../../../src/background/music/timing';
import { PAGE_TIMING, pageLimits } from '../../../src/shared/music-timing';

const FAST: MusicTiming = {
  pollMs: 10,
  pingMs: 50,
  readyMs: 600,
  quickReadyMs: 200,
  settleMs: 40,
  changedSettleMs: 100,
  leftMs: 40,
  silentMs: 40,
  playMs: 300,
  awaitStartMs: 200,
  adRounds: 3,
  enqueueBaseMs: 100,
  enqueuePerTrackMs: 100,
  controlMs: 200,
  nowPlayingMs: 200,
};

type Handler = (tabId: number, name: string, payload: any) => Reply<unknown> | Promise<Reply<unknown>>;

const ok = (value: unknown): Reply<unknown> => ({ ok: true, value });
const fail = (code: Parameters<typeof appError>[0], message?: string): Reply<unknown> => ({ ok: false, error: appError(code, message) });
const ready = (site = 'spotify') => ok({ site, ready: true, url: 'https://open.spotify.com/' });
const notReady = (problem: string, site = 'spotify') => ok({ site, ready: false, problem, url: 'https://open.spotify.com/' });
const NOW = { title: 'Happy', artist: 'Pharrell Williams', playing: true };

/** Tabs in memory; `handler` plays the content script. */
class FakeTabs implements TabsPort {
  tabs = new Map<number, TabInfo>();
  created: string[] = [];
  reloads: number[] = [];
  injected: number[] = [];
  /** What inject() does: put a content script in (true) or fail (false). */
  injects = true;
  opened: Partial<Record<string, number>> = {};
  sent: string[] = [];
  private nextId = 1;
  private removed = new Map<number, Set<() => void>>();
  constructor(public handler: Handler) {}

  open(url: string, extra: Partial<TabInfo> = {}): number {
    const id = this.nextId++;
    this.tabs.set(id, { id, url, status: 'complete', ...extra });
    return id;
  }
  close(id: number): void {
    this.tabs.delete(id);
    this.removed.get(id)?.forEach((listener) => listener());
  }
  async query(patterns: readonly string[]) {
    const origins = patterns.map((p) => new URL(p.replace('/*', '/')).origin);
    return [...this.tabs.values()].filter((t) => t.url && origins.includes(new URL(t.url).origin));
  }
  async create(url: string) {
    this.created.push(url);
    return this.tabs.get(this.open(url))!;
  }
  async get(id: number) {
    return this.tabs.get(id) ?? null;
  }
  /** A real reload would stop the music; the port has none, and this records any attempt. */
  async reload(id: number) {
    this.reloads.push(id);
  }
  async inject(id: number) {
    this.injected.push(id);
    return this.injects;
  }
  async openedTab(site: string) {
    return this.opened[site] ?? null;
  }
  async rememberOpened(site: string, id: number | null) {
    if (id === null) delete this.opened[site];
    else this.opened[site] = id;
  }
  onRemoved(id: number, listener: () => void) {
    const set = this.removed.get(id) ?? new Set();
    set.add(listener);
    this.removed.set(id, set);
    return () => set.delete(listener);
  }
  async send(tabId: number, name: string, payload: any): Promise<any> {
    this.sent.push(name);
    if (!this.tabs.has(tabId)) return fail('site-not-ready');
    return this.handler(tabId, name, payload);
  }
}

async function errorOf(promise: Promise<unknown>): Promise<MoodError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof MoodError) return err;
    throw err;
  }
  throw new Error('expected a MoodError');
}

describe('playing for a query', () => {
  it('opens the site in a background tab when none is open, waits for it, and plays', async () => {
    let pings = 0;
    const tabs = new FakeTabs((_id, name) => {
      if (name === 'ping') return ++pings < 3 ? notReady('site-not-ready') : ready();
      return ok({ status: 'started', nowPlaying: NOW });
    });
    const music = createMusicController(tabs, FAST);
    const result = await music.playForQuery('spotify', 'happy pop');
    expect(tabs.created).toEqual(['https://open.spotify.com/']);
    expect(result).toEqual({ site: 'spotify', tabId: 1, nowPlaying: NOW });
  });

  it('sends the search again after the page reloaded to show it', async () => {
    let plays = 0;
    const tabs = new FakeTabs((_id, name) => {
      if (name === 'ping') return ready();
      return ++plays === 1 ? ok({ status: 'navigating' }) : ok({ status: 'started', nowPlaying: NOW });
    });
    tabs.open('https://open.spotify.com/');
    const result = await createMusicController(tabs, FAST).playForQuery('spotify', 'happy pop');
    expect(plays).toBe(2);
    expect(result.nowPlaying).toEqual(NOW);
    expect(tabs.created).toEqual([]);
  });

  it('retries when the page navigated away under the command', async () => {
    let plays = 0;
    const tabs = new FakeTabs((_id, name) => {
      if (name === 'ping') return ready();
      return ++plays === 1 ? fail('site-not-ready') : ok({ status: 'started', nowPlaying: NOW, warning: appError('other-device') });
    });
    tabs.open('https://open.spotify.com/');
    const result = await createMusicController(tabs, FAST).playForQuery('spotify', 'happy pop');
    expect(result.warning?.code).toBe('other-device');
  });

  it('gives up early at a login wall, naming the site', async () => {
    const tabs = new FakeTabs(() => notReady('site-logged-out'));
    tabs.open('https://open.spotify.com/');
    const started = Date.now();
    const error = await errorOf(createMusicController(tabs, FAST).playForQuery('spotify', 'happy pop'));
    expect(error.code).toBe('site-logged-out');
    expect(error.message).toContain('Log in to Spotify');
    expect(Date.now() - started).toBeLessThan(FAST.readyMs);
  });

  it('reports a page that never shows its player', async () => {
    const tabs = new FakeTabs(() => notReady('site-changed', 'youtube-music'));
    tabs.open('https://music.youtube.com/');
    const error = await errorOf(createMusicController(tabs, FAST).playForQuery('youtube-music', 'happy pop'));
    expect(error.code).toBe('site-changed');
    expect(error.message).toContain('YouTube Music');
  });

  it('reports a tab closed mid-command as tab-closed', async () => {
    const tabs = new FakeTabs((_id, name) => (name === 'ping' ? ready() : new Promise(() => undefined)));
    const id = tabs.open('https://open.spotify.com/');
    const pending = createMusicController(tabs, FAST).playForQuery('spotify', 'happy pop');
    setTimeout(() => tabs.close(id), 50);
    expect((await errorOf(pending)).code).toBe('tab-closed');
  });

  it('reports a tab closed while it loads as tab-closed', async () => {
    const tabs = new FakeTabs(() => notReady('site-not-ready'));
    const id = tabs.open('https://open.spotify.com/');
    const pending = createMusicController(tabs, FAST).playForQuery('spotify', 'happy pop');
    setTimeout(() => tabs.close(id), 50);
    expect((await errorOf(pending)).code).toBe('tab-closed');
  });

  it('stops waiting for a command that never answers', async () => {
    const tabs = new FakeTabs((_id, name) => (name === 'ping' ? ready() : new Promise(() => undefined)));
    tabs.open('https://open.spotify.com/');
    const error = await errorOf(createMusicController(tabs, FAST).playForQuery('spotify', 'happy pop'));
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('Spotify');
  });

  it('reports a tab that moved to a page outside the site', async () => {
    const tabs = new FakeTabs((id) => {
      // The site redirects to a consent or sign-in page on another host, whose URL we cannot see.
      tabs.tabs.get(id)!.url = undefined;
      return fail('site-not-ready');
    });
    tabs.open('https://music.youtube.com/');
    expect((await errorOf(createMusicController(tabs, FAST).playForQuery('youtube-music', 'happy pop'))).code).toBe('site-left');
  });

  it('puts the content script back into a tab that predates the extension, never reloading it', async () => {
    let injected = false;
    const tabs = new FakeTabs((_id, name) => {
      if (!injected) return fail('site-not-ready');
      return name === 'ping' ? ready() : ok({ status: 'started', nowPlaying: NOW });
    });
    const id = tabs.open('https://open.spotify.com/', { audible: true });
    const inject = tabs.inject.bind(tabs);
    tabs.inject = async (tab) => {
      injected = true;
      return inject(tab);
    };
    await createMusicController(tabs, FAST).playForQuery('spotify', 'happy pop');
    expect(tabs.injected).toEqual([id]);
    expect(tabs.reloads).toEqual([]);
  });

  it('asks the user to reload a silent tab when its content script cannot be put back', async () => {
    const tabs = new FakeTabs(() => fail('site-not-ready'));
    tabs.injects = false;
    tabs.open('https://open.spotify.com/');
    const error = await errorOf(createMusicController(tabs, FAST).playForQuery('spotify', 'happy pop'));
    expect(error).toMatchObject({ code: 'site-not-ready' });
    expect(error.message).toBe(
      'MoodDJ cannot reach the open Spotify tab: it was opened before MoodDJ was installed or updated. Reload that tab once, then try again.',
    );
    expect(tabs.reloads).toEqual([]);
  });

  it('reuses the tab it opened while that tab shows a consent page elsewhere, instead of opening another', async () => {
    const tabs = new FakeTabs((id) => {
      // Redirected to consent.youtube.com: outside our hosts, so no URL and no answer.
      tabs.tabs.get(id)!.url = undefined;
      return fail('site-not-ready');
    });
    const music = createMusicController(tabs, FAST);
    const first = await errorOf(music.playForQuery('youtube-music', 'happy pop'));
    expect(first).toMatchObject({ code: 'site-left', message: expect.stringContaining('The YouTube Music tab is showing another page') });
    const second = await errorOf(createMusicController(tabs, FAST).playForQuery('youtube-music', 'happy pop'));
    expect(second.code).toBe('site-left');
    expect(tabs.created).toEqual(['https://music.youtube.com/']);
  });

  it('forgets the tab it opened once it is closed or shows another site', async () => {
    const tabs = new FakeTabs((_id, name) => (name === 'ping' ? ready() : ok({ status: 'started', nowPlaying: NOW })));
    tabs.opened.spotify = tabs.open('https://music.youtube.com/');
    await createMusicController(tabs, FAST).playForQuery('spotify', 'happy pop');
    expect(tabs.created).toEqual(['https://open.spotify.com/']);
    expect(tabs.opened.spotify).toBe(2);
  });

  it('stops early at a cookie question the site asks in its page, naming the site', async () => {
    const tabs = new FakeTabs(() => notReady('site-consent', 'youtube-music'));
    tabs.open('https://music.youtube.com/');
    const error = await errorOf(createMusicController(tabs, FAST).playForQuery('youtube-music', 'happy pop'));
    expect(error.code).toBe('site-consent');
    expect(error.message).toBe(
      'YouTube Music is asking you to choose cookie settings in its tab. Choose there (MoodDJ never answers it for you), then try again.',
    );
  });

  it('passes a typed error from the page through', async () => {
    const tabs = new FakeTabs((_id, name) => (name === 'ping' ? ready() : fail('autoplay-blocked', 'Click play once in the Spotify tab.')));
    tabs.open('https://open.spotify.com/');
    const error = await errorOf(createMusicController(tabs, FAST).playForQuery('spotify', 'happy pop'));
    expect(error).toMatchObject({ code: 'autoplay-blocked', message: 'Click play once in the Spotify tab.' });
  });

  it('prefers the tab that is playing', async () => {
    const used: number[] = [];
    const tabs = new FakeTabs((id, name) => {
      used.push(id);
      return name === 'ping' ? ready() : ok({ status: 'started', nowPlaying: NOW });
    });
    tabs.open('https://open.spotify.com/', { active: true });
    const playing = tabs.open('https://open.spotify.com/', { audible: true });
    tabs.open('https://music.youtube.com/', { audible: true });
    await createMusicController(tabs, FAST).playForQuery('spotify', 'happy pop');
    expect(new Set(used)).toEqual(new Set([playing]));
  });
});

describe('controls', () => {
  it('need an open tab, and do not open one', async () => {
    const tabs = new FakeTabs(() => ready());
    const music = createMusicController(tabs, FAST);
    const error = await errorOf(music.control('spotify', 'pause'));
    expect(error).toMatchObject({ code: 'no-streaming-tab', message: 'Open Spotify in a tab to play music.' });
    expect(await music.nowPlaying('spotify')).toBeNull();
    expect(tabs.created).toEqual([]);
  });

  it('do not reload a tab without a content script (that would stop the music)', async () => {
    const tabs = new FakeTabs(() => fail('site-not-ready'));
    tabs.open('https://open.spotify.com/');
    const error = await errorOf(createMusicController(tabs, FAST).control('spotify', 'pause'));
    expect(error.code).toBe('site-not-ready');
    expect(error.message).toMatch(/Reload (its|that) tab/);
    expect(tabs.reloads).toEqual([]);
  });

  it('answer with what plays after the action', async () => {
    const tabs = new FakeTabs((_id, name, payload) => (name === 'ping' ? ready() : ok({ ...NOW, playing: payload.action !== 'pause' })));
    tabs.open('https://open.spotify.com/');
    const music = createMusicController(tabs, FAST);
    expect(await music.control('spotify', 'pause')).toEqual({ ...NOW, playing: false });
    expect(await music.nowPlaying('spotify')).toEqual(NOW);
  });

  it('wait for a search in progress on the same site', async () => {
    const order: string[] = [];
    const tabs = new FakeTabs(async (_id, name) => {
      if (name === 'ping') return ready();
      order.push(`${name}:start`);
      await new Promise((r) => setTimeout(r, 40));
      order.push(`${name}:end`);
      return name === 'playQuery' ? ok({ status: 'started', nowPlaying: NOW }) : ok(NOW);
    });
    tabs.open('https://open.spotify.com/');
    const music = createMusicController(tabs, FAST);
    await Promise.all([music.playForQuery('spotify', 'happy pop'), music.control('spotify', 'pause')]);
    expect(order).toEqual(['playQuery:start', 'playQuery:end', 'control:start', 'control:end']);
  });
});

describe('queueing', () => {
  const tracks = [{ title: 'Levitating', artist: 'Dua Lipa' }];

  it('returns what was queued', async () => {
    const tabs = new FakeTabs((_id, name) => (name === 'ping' ? ready() : ok({ queued: 1, notFound: [] })));
    tabs.open('https://open.spotify.com/');
    expect(await createMusicController(tabs, FAST).enqueue('spotify', tracks)).toEqual({ queued: 1, notFound: [] });
  });

  it('treats finding none of the songs as no results', async () => {
    const tabs = new FakeTabs((_id, name) => (name === 'ping' ? ready() : ok({ queued: 0, notFound: ['Levitating – Dua Lipa'] })));
    tabs.open('https://open.spotify.com/');
    expect((await errorOf(createMusicController(tabs, FAST).enqueue('spotify', tracks))).code).toBe('no-results');
  });

  it('is not retried, so no song is queued twice', async () => {
    const tabs = new FakeTabs((_id, name) => (name === 'ping' ? ready() : fail('site-not-ready')));
    tabs.open('https://open.spotify.com/');
    await errorOf(createMusicController(tabs, FAST).enqueue('spotify', tracks));
    expect(tabs.sent.filter((n) => n === 'enqueue')).toHaveLength(1);
  });
});

describe('an ad before the music', () => {
  const AD = { title: '', artist: '', playing: true, ad: true };

  it('is reported at once, and the start is confirmed when the ad ends', async () => {
    let waits = 0;
    const tabs = new FakeTabs((_id, name) => {
      if (name === 'ping') return ready('youtube-music');
      if (name === 'playQuery') return ok({ status: 'ad', nowPlaying: AD });
      return ++waits < 2 ? ok({ status: 'ad', nowPlaying: AD }) : ok({ status: 'started', nowPlaying: NOW });
    });
    tabs.open('https://music.youtube.com/');
    const ads: unknown[] = [];
    const result = await createMusicController(tabs, FAST).playForQuery('youtube-music', 'happy pop', { onAd: (now) => ads.push(now) });
    expect(ads).toEqual([AD]);
    expect(result).toEqual({ site: 'youtube-music', tabId: 1, nowPlaying: NOW });
    expect(tabs.sent.filter((n) => n === 'playQuery')).toHaveLength(1);
  });

  it('still an ad after the last round: says the music follows it, and plays nothing else', async () => {
    const tabs = new FakeTabs((_id, name) => (name === 'ping' ? ready('youtube-music') : ok({ status: 'ad', nowPlaying: AD })));
    tabs.open('https://music.youtube.com/');
    const result = await createMusicController(tabs, FAST).playForQuery('youtube-music', 'happy pop');
    expect(result.nowPlaying).toEqual(AD);
    expect(result.warning).toEqual({ code: 'ad-playing', message: 'An ad is playing on YouTube Music; your music follows it.' });
    expect(tabs.sent.filter((n) => n === 'awaitStart')).toHaveLength(FAST.adRounds);
    expect(tabs.sent.filter((n) => n === 'playQuery')).toHaveLength(1);
  });
});

describe('time limits', () => {
  it("the worker waits longer than the page's slowest path for every command", () => {
    const page = pageLimits(PAGE_TIMING);
    expect(DEFAULT_MUSIC_TIMING.playMs).toBeGreaterThan(page.playQuery);
    expect(DEFAULT_MUSIC_TIMING.awaitStartMs).toBeGreaterThan(page.awaitStart);
    expect(DEFAULT_MUSIC_TIMING.controlMs).toBeGreaterThan(page.control);
    expect(DEFAULT_MUSIC_TIMING.nowPlayingMs).toBeGreaterThan(page.nowPlaying);
    expect(DEFAULT_MUSIC_TIMING.enqueueBaseMs + DEFAULT_MUSIC_TIMING.enqueuePerTrackMs).toBeGreaterThan(page.enqueueBase + page.enqueueTrack);
    expect(DEFAULT_MUSIC_TIMING.adRounds * PAGE_TIMING.adRoundMs).toBeGreaterThanOrEqual(PAGE_TIMING.adTotalMs);
  });
});

describe('a logged-out YouTube Music', () => {
  it('plays, with a note that it plays without the account', async () => {
    const tabs = new FakeTabs((_id, name) =>
      name === 'ping'
        ? ok({ site: 'youtube-music', ready: true, problem: 'site-logged-out', url: 'https://music.youtube.com/' })
        : ok({ status: 'started', nowPlaying: NOW }),
    );
    tabs.open('https://music.youtube.com/');
    const result = await createMusicController(tabs, FAST).playForQuery('youtube-music', 'happy pop');
    expect(result.nowPlaying).toEqual(NOW);
    expect(result.warning).toMatchObject({ code: 'site-logged-out' });
    expect(result.warning?.message).toMatch(/^YouTube Music is playing without your account/);
  });
});

describe('site check', () => {
  const REPORT = { site: 'spotify', lines: [{ area: 'search', mechanism: 'search box', ok: false }] };

  it('goes with a failed music step as plain text', async () => {
    const tabs = new FakeTabs((_id, name) => {
      if (name === 'ping') return ready();
      if (name === 'check') return ok(REPORT);
      return fail('site-changed', 'Spotify looks different than expected.');
    });
    tabs.open('https://open.spotify.com/');
    const error = await errorOf(createMusicController(tabs, FAST).playForQuery('spotify', 'happy pop'));
    expect(error.code).toBe('site-changed');
    expect(error.report).toBe('MoodDJ site check: spotify\n✗ search: search box');
  });

  it('is not attached where it would not help (a closed tab)', async () => {
    const tabs = new FakeTabs((_id, name) => (name === 'check' ? ok(REPORT) : notReady('site-logged-out')));
    tabs.open('https://open.spotify.com/');
    const error = await errorOf(createMusicController(tabs, FAST).playForQuery('spotify', 'happy pop'));
    expect(error.code).toBe('site-logged-out');
    expect(error.report).toBeUndefined();
  });

  it('runs in the open tab, and never opens one', async () => {
    const none = new FakeTabs(() => ok(REPORT));
    expect((await errorOf(createMusicController(none, FAST).check('spotify'))).code).toBe('no-streaming-tab');
    expect(none.created).toEqual([]);
    const tabs = new FakeTabs(() => ok(REPORT));
    tabs.open('https://open.spotify.com/');
    expect(await createMusicController(tabs, FAST).check('spotify')).toEqual(REPORT);
    expect(tabs.sent).toEqual(['check']);
  });
});
