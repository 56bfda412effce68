/**
 * YouTube Music adapter.
 *
 * Written against these pages (desktop web, 2025 layout):
 *   https://music.youtube.com/
 *   https://music.youtube.com/search?q=happy+pop
 *   https://music.youtube.com/watch?v=<id>&list=<playlist id>
 * Player control and the in-page router go through the MAIN-world helper
 * (../main-world/youtube-music.ts); the player bar's buttons are the fallback.
 */
import { z } from 'zod';
import type { EnqueueResult, NowPlaying, PlayQueryResult, Track } from '../../shared/messages/content';
import { createBridge, type Bridge } from '../bridge';
import { $, $all, labelOf, matchesLabel, mediaSessionState, textOf, waitFor } from '../dom';
import { ADD_TO_QUEUE_LABELS, PAUSE_LABELS } from '../labels';
import type { PlayerSnapshot } from '../main-world/protocol';
import type { MusicSite, Readiness, SiteAdapter } from '../music-site';
import { bestMatch, confirmPlaying, confirmStarted, DEFAULT_TIMING, siteError, trackLabel, type Timing } from './common';

export const YTM_SELECTORS = {
  app: 'ytmusic-app',
  playerBar: 'ytmusic-player-bar',
  playPause: 'ytmusic-player-bar #play-pause-button',
  next: 'ytmusic-player-bar .next-button',
  previous: 'ytmusic-player-bar .previous-button',
  title: 'ytmusic-player-bar .title',
  byline: 'ytmusic-player-bar .byline',
  signIn: 'ytmusic-nav-bar .sign-in-link',
  youThereButton: 'ytmusic-you-there-renderer button',
  resultRow: 'ytmusic-search-page ytmusic-shelf-renderer ytmusic-responsive-list-item-renderer',
  topCard: 'ytmusic-search-page ytmusic-card-shelf-renderer',
  noResults: 'ytmusic-search-page ytmusic-message-renderer',
  rowTitle: '.title',
  rowDetails: '.secondary-flex-columns',
  playlistLink: 'a[href*="list="], a[href*="browse/VL"]',
  songLink: 'a[href*="watch?v="]',
  playOverlay: 'ytmusic-play-button-renderer',
  rowMenuButton: 'ytmusic-menu-renderer button, ytmusic-menu-renderer tp-yt-paper-icon-button',
  /** Items of the open menu: the popup is reused and keeps old items while hidden. */
  menuItem: 'tp-yt-iron-dropdown:not([aria-hidden="true"]) ytmusic-menu-popup-renderer ytmusic-menu-service-item-renderer',
} as const;

const S = YTM_SELECTORS;
const SITE = 'youtube-music';

const snapshotSchema = z.object({
  hasPlayer: z.boolean(),
  state: z.number().int().min(-1).max(5).nullable(),
  title: z.string().max(500),
  artist: z.string().max(500),
  ad: z.boolean(),
}) satisfies z.ZodType<PlayerSnapshot>;

export function searchUrl(query: string): string {
  return `https://music.youtube.com/search?q=${encodeURIComponent(query)}`;
}

function onSearchFor(query: string): boolean {
  return location.pathname === '/search' && new URLSearchParams(location.search).get('q') === query;
}

/** What the results area shows now, to tell a fresh search's results from the last one's. */
function resultsFingerprint(): string {
  const rows = $all(S.resultRow).slice(0, 3).map((row) => textOf($(S.rowTitle, row)));
  return JSON.stringify([rows, textOf($(S.noResults))]);
}

function rowInfo(row: HTMLElement): { title: string; text: string } {
  return { title: textOf($(S.rowTitle, row)), text: textOf($(S.rowDetails, row)) || textOf(row) };
}

export function createYouTubeMusic(timing: Timing = DEFAULT_TIMING, bridge: Bridge = createBridge()): MusicSite {
  let leaving = false;

  async function snapshot(): Promise<PlayerSnapshot | null> {
    const answer = await bridge.request('state');
    if (!answer?.ok) return null;
    const parsed = snapshotSchema.safeParse(answer.value);
    return parsed.success && parsed.data.hasPlayer ? parsed.data : null;
  }

  // Buffering (3) does not count: a start blocked by autoplay rules buffers, then pauses.
  async function isPlaying(): Promise<boolean> {
    const snap = await snapshot();
    if (snap?.state != null) return snap.state === 1;
    return domPlaying();
  }

  function domPlaying(): boolean {
    const button = $(S.playPause);
    if (button) return matchesLabel(labelOf(button), PAUSE_LABELS);
    return mediaSessionState()?.state === 'playing';
  }

  /** "Video paused. Continue watching?" stops playback until answered. */
  function dismissYouThere(): void {
    $(S.youThereButton)?.click();
  }

  async function viaPlayer(command: 'play' | 'pause' | 'next' | 'previous', fallback: string): Promise<void> {
    const answer = await bridge.request(command);
    if (answer?.ok && answer.value === true) return;
    const button = $(fallback);
    if (!button) throw siteError('site-changed', SITE);
    button.click();
  }

  /** In-page navigation keeps the player (and the user's autoplay permission) alive. */
  async function openSearch(query: string): Promise<boolean> {
    if (onSearchFor(query)) return true;
    const answer = await bridge.request('search', query);
    if (!answer?.ok || answer.value !== true) return false;
    return Boolean(await waitFor(() => onSearchFor(query), timing.navigateMs));
  }

  /** Rows of a search that finished rendering, [] for "no results". */
  async function results(before: string | null): Promise<HTMLElement[]> {
    const settled = await waitFor(() => {
      if (before !== null && resultsFingerprint() === before) return null;
      if ($all(S.resultRow).length > 0 || $(S.noResults)) return true;
      return null;
    }, timing.resultsMs);
    // Timed out with the old fingerprint: the new search may have the same first rows.
    if (!settled && before === null) return [];
    return $all(S.resultRow);
  }

  function playTarget(rows: HTMLElement[]): HTMLElement | null {
    const playlistRow = rows.find((row) => $(S.playlistLink, row));
    const card = $(S.topCard);
    const chosen = playlistRow ?? (card && $(S.playlistLink, card) ? card : null) ?? rows[0] ?? card;
    return chosen ? $(S.playOverlay, chosen) : null;
  }

  async function addToQueue(row: HTMLElement): Promise<void> {
    const menuButton = $(S.rowMenuButton, row);
    if (!menuButton) throw siteError('site-changed', SITE);
    menuButton.click();
    const opened = await waitFor(() => $all(S.menuItem).length > 0, timing.reactMs);
    if (!opened) throw siteError('site-changed', SITE);
    const byEndpoint = await bridge.request('queueAtEnd');
    if (!(byEndpoint?.ok && byEndpoint.value === true)) {
      const item = $all(S.menuItem).find((el) => matchesLabel(textOf(el), ADD_TO_QUEUE_LABELS));
      if (!item) {
        document.body.click();
        throw siteError('site-changed', SITE);
      }
      item.click();
    }
    // Wait for the menu to close, so the next row's menu is not mistaken for this one.
    await waitFor(() => $all(S.menuItem).length === 0, timing.reactMs);
  }

  const site: MusicSite = {
    id: SITE,

    readiness(): Readiness {
      if (leaving || !$(S.app)) return { ready: false, problem: 'site-not-ready' };
      if (!$(S.playerBar)) return { ready: false, problem: document.readyState === 'complete' ? 'site-changed' : 'site-not-ready' };
      // Logged out, YouTube Music still plays (with ads), so that is only a hint.
      return $(S.signIn) ? { ready: true, hint: 'site-logged-out' } : { ready: true };
    },

    async playPlaylistFor(query: string): Promise<PlayQueryResult> {
      if (leaving) return { status: 'navigating' };
      dismissYouThere();
      const before = onSearchFor(query) ? null : resultsFingerprint();
      if (!(await openSearch(query))) {
        leaving = true;
        location.assign(searchUrl(query));
        return { status: 'navigating' };
      }
      const rows = await results(before);
      if (!rows.length && !$(S.topCard)) throw siteError('no-results', SITE);
      const target = playTarget(rows);
      if (!target) throw siteError('site-changed', SITE);
      const titleBefore = (await site.nowPlaying())?.title ?? null;
      target.click();
      return confirmStarted(SITE, titleBefore, () => site.nowPlaying(), timing);
    },

    async enqueue(tracks: Track[]): Promise<EnqueueResult> {
      let queued = 0;
      const notFound: string[] = [];
      for (const track of tracks) {
        const query = `${track.title} ${track.artist}`.trim();
        const before = onSearchFor(query) ? null : resultsFingerprint();
        // A full reload would stop the music and drop the queue, so no fallback here.
        if (!(await openSearch(query))) throw siteError('site-changed', SITE);
        // Only songs and videos: a playlist named after the song is not the song.
        const songs = (await results(before)).filter((row) => $(S.songLink, row) && !$(S.playlistLink, row));
        const row = bestMatch(songs, track, rowInfo);
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
      dismissYouThere();
      if (await isPlaying()) return;
      await viaPlayer('play', S.playPause);
      await confirmPlaying(SITE, isPlaying, timing);
    },

    async pause() {
      if (!(await isPlaying())) return;
      await viaPlayer('pause', S.playPause);
      if (!(await waitFor(async () => !(await isPlaying()), timing.reactMs))) throw siteError('site-changed', SITE);
    },

    next: () => viaPlayer('next', S.next),
    previous: () => viaPlayer('previous', S.previous),

    async nowPlaying(): Promise<NowPlaying | null> {
      const snap = await snapshot();
      const media = mediaSessionState();
      const title = media?.title || snap?.title || textOf($(S.title));
      if (!title) return null;
      // The byline reads "Artist • Album • Year".
      const artist = media?.artist || snap?.artist || (textOf($(S.byline)).split('•')[0] ?? '').trim();
      const playing = snap?.state != null ? snap.state === 1 : domPlaying();
      return { title, artist, playing };
    },

    dispose() {
      bridge.dispose();
    },
  };
  return site;
}

export const youTubeMusic: SiteAdapter = { id: SITE, selectors: YTM_SELECTORS, create: () => createYouTubeMusic() };
