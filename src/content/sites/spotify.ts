/**
 * Spotify Web Player adapter. Everything goes through the page's DOM (test ids first),
 * so it needs no MAIN-world helper.
 *
 * Written against these pages (desktop web player, 2025 layout):
 *   https://open.spotify.com/
 *   https://open.spotify.com/search/happy%20pop/playlists
 *   https://open.spotify.com/search/<title%20artist>/tracks
 *   https://open.spotify.com/playlist/<id>
 */
import type { EnqueueResult, NowPlaying, PlayQueryResult, Track } from '../../shared/messages/content';
import { appError } from '../../shared/errors';
import { $, $all, labelOf, matchesLabel, mediaSessionState, sleep, textOf, waitFor } from '../dom';
import { ADD_TO_QUEUE_LABELS, PAUSE_LABELS, PLAY_LABELS } from '../labels';
import type { MusicSite, Readiness, SiteAdapter } from '../music-site';
import { bestMatch, confirmPlaying, confirmStarted, DEFAULT_TIMING, siteError, trackLabel, type Timing } from './common';

export const SPOTIFY_SELECTORS = {
  loginButton: '[data-testid="login-button"]',
  nowPlayingBar: '[data-testid="now-playing-bar"]',
  playPause: '[data-testid="control-button-playpause"]',
  next: '[data-testid="control-button-skip-forward"]',
  previous: '[data-testid="control-button-skip-back"]',
  title: '[data-testid="now-playing-bar"] [data-testid="context-item-info-title"], [data-testid="now-playing-bar"] [data-testid="context-item-link"]',
  artist: '[data-testid="now-playing-bar"] [data-testid="context-item-info-artist"]',
  /** "Playing on <device>" strip: Spotify Connect plays somewhere else. */
  otherDevice: '[data-testid="now-playing-bar"] [aria-live="polite"]',
  resultCard: '[data-testid^="search-category-card-"]',
  cardPlayButton: '[data-testid="play-button"]',
  anyPlayButton: 'main [data-testid="play-button"]',
  playlistLink: 'a[href*="/playlist/"]',
  trackRow: '[data-testid="tracklist-row"]',
  trackLink: 'a[href*="/track/"]',
  mainView: 'main',
  contextMenu: '#context-menu',
  menuItem: '#context-menu [role="menuitem"]',
} as const;

const S = SPOTIFY_SELECTORS;
const SITE = 'spotify';

type SearchTab = 'playlists' | 'tracks';

export function searchPath(query: string, tab: SearchTab): string {
  return `/search/${encodeURIComponent(query)}/${tab}`;
}

function onSearchFor(query: string, tab: SearchTab): boolean {
  try {
    return decodeURIComponent(location.pathname) === `/search/${query}/${tab}`;
  } catch {
    return false;
  }
}

function resultsFingerprint(): string {
  const cards = $all(S.resultCard).slice(0, 3).map(textOf);
  const rows = $all(S.trackRow).slice(0, 3).map(textOf);
  return JSON.stringify([cards, rows]);
}

/** The main view's text, to see whether the router rendered a new page at all. */
function viewFingerprint(): string {
  const main = $(S.mainView);
  return `${main?.childElementCount ?? -1}:${textOf(main).slice(0, 300)}`;
}

function rowInfo(row: HTMLElement): { title: string; text: string } {
  return { title: textOf($(S.trackLink, row)), text: textOf(row) };
}

function trackIdOf(row: HTMLElement): string | null {
  const href = $(S.trackLink, row)?.getAttribute('href') ?? '';
  return /\/track\/([0-9A-Za-z]{22})/.exec(href)?.[1] ?? null;
}

/**
 * Spotify routes with the History API: push the path, then tell its router with the
 * popstate it listens for. The state mirrors what its history library writes.
 */
function routeInPage(path: string): void {
  const current = history.state as { idx?: unknown } | null;
  const idx = typeof current?.idx === 'number' ? current.idx + 1 : 1;
  const state = { usr: null, key: Math.random().toString(36).slice(2, 10), idx };
  history.pushState(state, '', path);
  window.dispatchEvent(new PopStateEvent('popstate', { state }));
}

export function createSpotify(timing: Timing = DEFAULT_TIMING): MusicSite {
  let leaving = false;

  function playing(): boolean {
    const label = labelOf($(S.playPause));
    if (matchesLabel(label, PAUSE_LABELS)) return true;
    if (matchesLabel(label, PLAY_LABELS)) return false;
    return mediaSessionState()?.state === 'playing';
  }
  const isPlaying = async () => playing();

  function onOtherDevice(): boolean {
    return textOf($(S.otherDevice)) !== '';
  }

  function click(selector: string): void {
    const button = $(selector);
    if (!button) throw siteError('site-changed', SITE);
    button.click();
  }

  /**
   * Opens a search in the page and waits for its results. `routed` false: the view did
   * not change at all, so Spotify's router ignored us.
   */
  async function openSearch(query: string, tab: SearchTab, wanted: string): Promise<{ items: HTMLElement[]; routed: boolean }> {
    const some = () => {
      const items = $all(wanted);
      return items.length ? items : null;
    };
    if (onSearchFor(query, tab)) return { items: (await waitFor(some, timing.resultsMs)) ?? [], routed: true };
    const viewBefore = viewFingerprint();
    const resultsBefore = resultsFingerprint();
    routeInPage(searchPath(query, tab));
    if (!(await waitFor(() => viewFingerprint() !== viewBefore, timing.navigateMs))) return { items: [], routed: false };
    const items = await waitFor(() => (resultsFingerprint() === resultsBefore ? null : some()), timing.resultsMs);
    return { items: items ?? [], routed: true };
  }

  async function addToQueue(row: HTMLElement): Promise<void> {
    const box = row.getBoundingClientRect();
    row.dispatchEvent(
      new MouseEvent('contextmenu', { bubbles: true, cancelable: true, button: 2, buttons: 2, clientX: box.left + 8, clientY: box.top + 8 }),
    );
    const items = await waitFor(() => {
      const found = $all(S.menuItem);
      return found.length ? found : null;
    }, timing.reactMs);
    const item = items?.find((el) => matchesLabel(textOf(el), ADD_TO_QUEUE_LABELS));
    if (!item) {
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      throw siteError('site-changed', SITE);
    }
    item.click();
    // The menu closes itself; wait so the next row's menu is not mistaken for this one.
    await waitFor(() => !$(S.contextMenu), timing.reactMs);
    await sleep(50);
  }

  const site: MusicSite = {
    id: SITE,

    readiness(): Readiness {
      if (leaving) return { ready: false, problem: 'site-not-ready' };
      if ($(S.loginButton)) return { ready: false, problem: 'site-logged-out' };
      if (!$(S.nowPlayingBar) || !$(S.playPause)) return { ready: false, problem: document.readyState === 'complete' ? 'site-changed' : 'site-not-ready' };
      return { ready: true };
    },

    async playPlaylistFor(query: string): Promise<PlayQueryResult> {
      if (leaving) return { status: 'navigating' };
      const { items: cards, routed } = await openSearch(query, 'playlists', `${S.resultCard} ${S.cardPlayButton}, ${S.anyPlayButton}`);
      if (!cards.length && !routed) {
        leaving = true;
        location.assign(`https://open.spotify.com${searchPath(query, 'playlists')}`);
        return { status: 'navigating' };
      }
      const playlistCard = $all(S.resultCard).find((card) => $(S.playlistLink, card) && $(S.cardPlayButton, card));
      const button = (playlistCard && $(S.cardPlayButton, playlistCard)) ?? cards[0];
      if (!button) throw siteError('no-results', SITE);
      const titleBefore = (await site.nowPlaying())?.title ?? null;
      button.click();
      if (onOtherDevice()) {
        return { status: 'started', nowPlaying: await site.nowPlaying(), warning: appError('other-device') };
      }
      return confirmStarted(SITE, titleBefore, () => site.nowPlaying(), timing);
    },

    async enqueue(tracks: Track[]): Promise<EnqueueResult> {
      let queued = 0;
      const notFound: string[] = [];
      for (const track of tracks) {
        const query = `${track.title} ${track.artist}`.trim();
        const { items: rows, routed } = await openSearch(query, 'tracks', S.trackRow);
        // A reload would stop the music, so an ignored in-page search is an error here.
        if (!routed) throw siteError('site-changed', SITE);
        const byId = track.spotifyId ? rows.find((row) => trackIdOf(row) === track.spotifyId) : undefined;
        const row = byId ?? bestMatch(rows, track, rowInfo);
        if (!row) {
          notFound.push(trackLabel(track));
          continue;
        }
        await addToQueue(row);
        queued++;
      }
      return { queued, notFound };
    },

    async play() {
      if (playing()) return;
      click(S.playPause);
      await confirmPlaying(SITE, isPlaying, timing);
    },

    async pause() {
      if (!playing()) return;
      click(S.playPause);
      if (!(await waitFor(() => !playing(), timing.reactMs))) throw siteError('site-changed', SITE);
    },

    async next() {
      click(S.next);
    },

    async previous() {
      click(S.previous);
    },

    async nowPlaying(): Promise<NowPlaying | null> {
      const media = mediaSessionState();
      const title = textOf($(S.title)) || media?.title || '';
      if (!title) return null;
      const artists = $all(S.artist).map(textOf).filter(Boolean);
      const artist = artists.length ? [...new Set(artists)].join(', ') : media?.artist ?? '';
      return { title, artist, playing: playing() };
    },

    dispose() {},
  };
  return site;
}

export const spotify: SiteAdapter = { id: SITE, selectors: SPOTIFY_SELECTORS, create: () => createSpotify() };
