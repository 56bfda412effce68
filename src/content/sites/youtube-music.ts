/**
 * YouTube Music adapter.
 *
 * Written against these pages (desktop web; 2024 shelved and late-2025 flat search):
 *   https://music.youtube.com/
 *   https://music.youtube.com/search?q=happy+pop
 *   https://music.youtube.com/watch?v=<id>&list=<playlist id>
 *
 * The app's own data and commands first, through the MAIN-world helper
 * (../main-world/youtube-music.ts): search with the app's InnerTube client and filter
 * params, results read as data (./ytm-data.ts), playback by dispatching the item's
 * watch endpoint as the app's play buttons do, queueing through the app's queue store.
 * The DOM is the fallback: an in-page search, rows classified by their `.data` (or,
 * without it, by link targets), the row's play button and its ⋮ menu. Nothing here
 * may touch a like/dislike control: they sit in the same row menu, before ⋮.
 */
import { z } from 'zod';
import type { CheckLine, NowPlaying, PlayQueryResult, SiteReport, Track } from '../../shared/messages/content';
import { createBridge, type Bridge } from '../bridge';
import { $, $all, labelOf, matchesLabel, mediaSessionState, textOf, waitFor } from '../dom';
import { ADD_TO_QUEUE_LABELS, PAUSE_LABELS } from '../labels';
import type { PageProbe, PlayerSnapshot } from '../main-world/protocol';
import type { MusicSite, Readiness, SiteAdapter } from '../music-site';
import { bestMatch, confirmPlaying, confirmStarted, DEFAULT_TIMING, enqueueEach, settledResults, siteError, type Timing } from './common';
import { parseListItem, parseSearchResponse, SEARCH_PARAMS, type PlayEndpoint, type SearchData, type SearchFilter, type YtmItem } from './ytm-data';

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
  /** Rows in both layouts: under shelves (2024) and in the flat item section (late 2025). */
  resultRow: 'ytmusic-search-page ytmusic-responsive-list-item-renderer',
  topCard: 'ytmusic-search-page ytmusic-card-shelf-renderer',
  noResults: 'ytmusic-search-page ytmusic-message-renderer',
  rowTitle: '.title',
  rowDetails: '.secondary-flex-columns',
  /** Link targets, only without renderer data: a song's link carries `&list=` too. */
  playlistLink: 'a[href^="browse/VL"], a[href*="/browse/VL"], a[href^="playlist?list="], a[href*="/playlist?list="]',
  songLink: 'a[href*="watch?v="]',
  playOverlay: 'ytmusic-play-button-renderer',
  rowMenuButton: 'ytmusic-menu-renderer button, ytmusic-menu-renderer tp-yt-paper-icon-button',
  /** Like/dislike sit in the row menu before ⋮; never to be pressed. */
  ratingControl: '#top-level-buttons, ytmusic-like-button-renderer, [class*="like-button"]',
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

const probeSchema = z.object({
  app: z.boolean(),
  networkManager: z.boolean(),
  queueStore: z.boolean(),
  player: z.boolean(),
  rowData: z.boolean(),
  loggedIn: z.boolean().nullable(),
}) satisfies z.ZodType<PageProbe>;

export function searchUrl(query: string): string {
  return `https://music.youtube.com/search?q=${encodeURIComponent(query)}`;
}

function onSearchFor(query: string): boolean {
  return location.pathname === '/search' && new URLSearchParams(location.search).get('q') === query;
}

/** What the results area shows now, to tell a fresh search's results from the last one's. */
function resultsFingerprint(): string {
  const rows = $all(S.resultRow)
    .slice(0, 3)
    .map((row) => textOf($(S.rowTitle, row)));
  return JSON.stringify([rows, textOf($(S.noResults))]);
}

/** A rendered row and, when the page exposes it, the renderer data behind it. */
interface Row {
  el: HTMLElement;
  item: YtmItem | null;
}

/** Without renderer data, the link target is the only honest signal left. */
function kindOf(row: Row): YtmItem['kind'] {
  if (row.item) return row.item.kind;
  if ($(S.playlistLink, row.el)) return 'playlist';
  return $(S.songLink, row.el) ? 'song' : 'other';
}

function rowInfo(row: Row): { title: string; text: string } {
  if (row.item) return { title: row.item.title, text: row.item.subtitle };
  return { title: textOf($(S.rowTitle, row.el)), text: textOf($(S.rowDetails, row.el)) || textOf(row.el) };
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

  // ---- the app's own data and commands ----------------------------------------------

  /** null: the app's client is not reachable here, so the DOM path has to do. */
  async function dataSearch(query: string, filter: SearchFilter): Promise<SearchData | null> {
    const arg = JSON.stringify({ query, params: SEARCH_PARAMS[filter] });
    const answer = await bridge.request('fetchSearch', arg, timing.resultsMs);
    if (!answer?.ok || answer.value === null || typeof answer.value !== 'object') return null;
    return parseSearchResponse(answer.value);
  }

  async function dispatchPlay(endpoint: PlayEndpoint | undefined): Promise<boolean> {
    if (!endpoint) return false;
    const answer = await bridge.request('navigate', JSON.stringify(endpoint));
    return answer?.ok === true && answer.value === true;
  }

  /**
   * Dispatches the endpoint and waits for the player to take it: a new song loaded, or
   * playing. Nothing at all means the app ignored the event, so the DOM path should try;
   * a song loaded but paused is left to confirmStarted (autoplay rules).
   */
  async function playByEndpoint(endpoint: PlayEndpoint | undefined, titleBefore: string | null): Promise<boolean> {
    if (!(await dispatchPlay(endpoint))) return false;
    const taken = await waitFor(async () => {
      const snap = await snapshot();
      const now = await site.nowPlaying();
      return (now && (now.title !== titleBefore || now.playing)) || snap?.state === 3 || null;
    }, timing.reactMs);
    return taken !== null;
  }

  async function queueByStore(videoId: string | undefined): Promise<boolean> {
    if (!videoId) return false;
    const answer = await bridge.request('queueAdd', videoId, timing.reactMs + timing.resultsMs);
    return answer?.ok === true && answer.value === true;
  }

  // ---- the DOM fallback -------------------------------------------------------------

  /** In-page navigation keeps the player (and the user's autoplay permission) alive. */
  async function openSearch(query: string): Promise<boolean> {
    if (onSearchFor(query)) return true;
    const answer = await bridge.request('search', query);
    if (!answer?.ok || answer.value !== true) return false;
    return Boolean(await waitFor(() => onSearchFor(query), timing.navigateMs));
  }

  /** Rows of a search that finished rendering, [] for "no results". */
  async function results(before: string | null): Promise<Row[]> {
    const settled = await settledResults(resultsFingerprint, before, () => ($all(S.resultRow).length > 0 || $(S.noResults) ? true : null), timing.resultsMs);
    // Timed out with the old fingerprint: the new search may have the same first rows.
    if (!settled && before === null) return [];
    const els = $all(S.resultRow);
    const answer = await bridge.request('rowsData');
    const data = answer?.ok && Array.isArray(answer.value) && answer.value.length === els.length ? answer.value : [];
    return els.map((el, i) => ({ el, item: parseListItem(data[i]) }));
  }

  async function playRow(row: Row, titleBefore: string | null): Promise<boolean> {
    if (await playByEndpoint(row.item?.play, titleBefore)) return true;
    const button = $(S.playOverlay, row.el);
    if (!button) return false;
    button.click();
    return true;
  }

  /** The row's ⋮ button: the menu's buttons minus the rating controls placed before it. */
  function menuButtonOf(row: HTMLElement): HTMLElement | null {
    return $all(S.rowMenuButton, row).find((button) => !button.closest(S.ratingControl)) ?? null;
  }

  async function addToQueueByMenu(row: HTMLElement): Promise<void> {
    const menuButton = menuButtonOf(row);
    if (!menuButton) throw siteError('site-changed', SITE);
    menuButton.click();
    const opened = await waitFor(() => $all(S.menuItem).length > 0, timing.reactMs);
    if (!opened) throw siteError('site-changed', SITE);
    // The item's endpoint (read in the MAIN world) first, its translated label second.
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

  async function playByDom(query: string, titleBefore: string | null): Promise<PlayQueryResult> {
    const before = onSearchFor(query) ? null : resultsFingerprint();
    if (!(await openSearch(query))) {
      leaving = true;
      location.assign(searchUrl(query));
      return { status: 'navigating' };
    }
    const rows = await results(before);
    const card = $(S.topCard);
    if (!rows.length && !card) throw siteError('no-results', SITE);
    const target = rows.find((row) => kindOf(row) === 'playlist') ?? rows[0];
    const started = target ? await playRow(target, titleBefore) : false;
    if (!started) {
      const cardButton = card ? $(S.playOverlay, card) : null;
      if (!cardButton) throw siteError('site-changed', SITE);
      cardButton.click();
    }
    return confirmStarted(SITE, titleBefore, () => site.nowPlaying(), timing);
  }

  async function queueByDom(track: Track): Promise<boolean> {
    const query = `${track.title} ${track.artist}`.trim();
    const before = onSearchFor(query) ? null : resultsFingerprint();
    // A full reload would stop the music and drop the queue, so no fallback here.
    if (!(await openSearch(query))) throw siteError('site-changed', SITE);
    // Only songs and videos: a playlist named after the song is not the song.
    const songs = (await results(before)).filter((row) => ['song', 'video'].includes(kindOf(row)));
    const row = bestMatch(songs, track, rowInfo);
    if (!row) return false;
    if (row.item?.videoId && (await queueByStore(row.item.videoId))) return true;
    await addToQueueByMenu(row.el);
    return true;
  }

  async function probe(): Promise<PageProbe | null> {
    const answer = await bridge.request('probe');
    const parsed = answer?.ok ? probeSchema.safeParse(answer.value) : null;
    return parsed?.success ? parsed.data : null;
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
      const titleBefore = (await site.nowPlaying())?.title ?? null;
      const data = await dataSearch(query, 'playlists');
      if (data) {
        if (!data.items.length) throw siteError('no-results', SITE);
        const target = data.items.find((item) => item.kind === 'playlist' && item.play) ?? data.items.find((item) => item.play);
        if (await playByEndpoint(target?.play, titleBefore)) return confirmStarted(SITE, titleBefore, () => site.nowPlaying(), timing);
      }
      return playByDom(query, titleBefore);
    },

    enqueue(tracks: Track[]) {
      return enqueueEach(tracks, async (track) => {
        const data = await dataSearch(`${track.title} ${track.artist}`.trim(), 'songs');
        if (data) {
          const songs = data.items.filter((item) => (item.kind === 'song' || item.kind === 'video') && item.videoId);
          const item = bestMatch(songs, track, (i) => ({ title: i.title, text: i.subtitle }));
          if (!item) return false;
          if (await queueByStore(item.videoId)) return true;
        }
        return queueByDom(track);
      });
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

    async check(): Promise<SiteReport> {
      const p = await probe();
      const rows = $all(S.resultRow);
      const onScreen = rows.length > 0;
      const lines: CheckLine[] = [
        { area: 'search', mechanism: 'app client: ytmusic-app networkManager.fetch("/search") with filter params', ok: p?.networkManager ?? false },
        { area: 'search', mechanism: 'in-page router: yt-navigate with searchEndpoint', ok: p ? p.app : false },
        { area: 'search', mechanism: 'results as renderer data (row .data)', ok: onScreen ? (p?.rowData ?? false) : null },
        { area: 'play', mechanism: 'watch endpoint dispatched with yt-navigate', ok: p ? p.app : false },
        { area: 'play', mechanism: 'row play button (DOM)', ok: onScreen ? rows.some((r) => $(S.playOverlay, r) !== null) : null },
        { area: 'queue', mechanism: 'queue store: /music/get_queue + #queue ADD_ITEMS', ok: p ? p.networkManager && p.queueStore : false },
        { area: 'queue', mechanism: 'row ⋮ menu (not like/dislike) → Add to queue', ok: onScreen ? rows.some((r) => menuButtonOf(r) !== null) : null },
        { area: 'controls', mechanism: '#movie_player API', ok: p?.player ?? false },
        { area: 'controls', mechanism: 'player bar buttons', ok: $(S.playPause) !== null && $(S.next) !== null },
        { area: 'now playing', mechanism: 'navigator.mediaSession / player data / player bar', ok: Boolean(mediaSessionState()) || $(S.title) !== null },
        { area: 'login', mechanism: 'ytcfg LOGGED_IN', ok: p?.loggedIn ?? null },
        { area: 'login', mechanism: 'no "Sign in" link in the nav bar', ok: $(S.app) ? !$(S.signIn) : null },
      ];
      return { site: SITE, lines };
    },

    dispose() {
      bridge.dispose();
    },
  };
  return site;
}

export const youTubeMusic: SiteAdapter = { id: SITE, selectors: YTM_SELECTORS, create: () => createYouTubeMusic() };
