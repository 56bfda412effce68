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
 *
 * While MoodDJ plays for the user the music keeps going: the page's last-activity time
 * is kept fresh, and the idle prompt ("Video paused. Continue watching?") is answered
 * when it comes anyway; a pause the user made is left alone. Ads are recognised (the
 * player's `ad-showing`, the player bar's badge) and never reported as the song; they
 * are never skipped, muted or blocked. A cookie-consent dialog is reported, never answered.
 */
import { z } from 'zod';
import { MoodError } from '../../shared/errors';
import type { CheckLine, NowPlaying, PlayQueryResult, SiteReport, Track } from '../../shared/messages/content';
import { adNoSkipMessage } from '../../shared/sites';
import { createBridge, type Bridge } from '../bridge';
import { $, $all, labelOf, matchesLabel, mediaSessionState, shown, textOf, waitFor } from '../dom';
import { ADD_TO_QUEUE_LABELS, PAUSE_LABELS } from '../labels';
import type { PageProbe, PlayerSnapshot } from '../main-world/protocol';
import type { MusicSite, Readiness, SiteAdapter } from '../music-site';
import {
  awaitMusicAfterAd,
  bestMatch,
  confirmPlaying,
  confirmStarted,
  DEFAULT_TIMING,
  enqueueEach,
  settledResults,
  siteError,
  stillWanted,
  type StartProbe,
  type Timing,
} from './common';
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
  /** The idle prompt, "Video paused. Continue watching?", opened in the app's popup container. */
  popupContainer: 'ytmusic-popup-container',
  youThere: 'ytmusic-popup-container ytmusic-you-there-renderer',
  youThereButton: 'ytmusic-you-there-renderer yt-button-renderer button',
  /** An ad: the player's own state class, and the badge the player bar shows meanwhile. */
  adShowing: '#movie_player.ad-showing',
  adBadge: 'ytmusic-player-bar .advertisement',
  /** The in-page cookie-consent dialog (EU visitors); its buttons are never pressed. */
  consent: 'ytmusic-consent-bump-v2-renderer, ytd-consent-bump-v2-lightbox, form[action^="https://consent.youtube.com/"]',
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
  videoId: z.string().max(100),
  ad: z.boolean(),
}) satisfies z.ZodType<PlayerSnapshot>;

const probeSchema = z.object({
  app: z.boolean(),
  networkManager: z.boolean(),
  queueStore: z.boolean(),
  player: z.boolean(),
  rowData: z.boolean(),
  loggedIn: z.boolean().nullable(),
  lastActivity: z.boolean(),
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

export function createYouTubeMusic(timing: Timing = DEFAULT_TIMING, bridge: Bridge = createBridge(window, timing.bridgeMs)): MusicSite {
  let leaving = false;
  /** MoodDJ is playing for the user in this tab: keep the music going (see `guard`). */
  let guarding = false;

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

  /** An ad plays: the player's own flag, else its class or the player bar's badge (both DOM). */
  function adShowing(snap: PlayerSnapshot | null): boolean {
    return Boolean(snap?.ad) || $(S.adShowing) !== null || shown($(S.adBadge));
  }

  async function viaPlayer(command: 'play' | 'pause' | 'next' | 'previous', fallback: string): Promise<void> {
    const answer = await bridge.request(command);
    if (answer?.ok && answer.value === true) return;
    const button = $(fallback);
    if (!button) throw siteError('site-changed', SITE);
    button.click();
  }

  // ---- keeping the music going ------------------------------------------------------

  /**
   * "Video paused. Continue watching?": the app paused an idle listener's music. The
   * prompt's own answer resumes it; when that does not, the player is told to play (the
   * pause was the app's, not the user's: a user's pause opens no prompt).
   */
  async function answerIdlePrompt(): Promise<boolean> {
    const prompt = $(S.youThere);
    if (!shown(prompt)) return false;
    const yes = $(S.youThereButton);
    if (yes) yes.click();
    // Nothing was playing when the prompt came (a prompt left from before): the answer is all.
    const snap = await snapshot();
    const paused = snap ? snap.state === 2 : !domPlaying() && textOf($(S.title)) !== '';
    if (paused && !(await waitFor(isPlaying, timing.reactMs))) await viaPlayer('play', S.playPause);
    return true;
  }

  /** Answers the idle prompt the moment it opens, while MoodDJ plays for the user. */
  const onPopup = () => {
    if (guarding) void answerIdlePrompt();
  };
  const popupWatch = new MutationObserver(onPopup);
  let watchedContainer: Element | null = null;
  // The app announces its dialogs with this event; the observer is for when it does not.
  document.addEventListener('yt-popup-opened', onPopup);

  /**
   * Starts or stops keeping the music going: the page's last-activity time is kept fresh
   * (the app then sees no idle listener), and the prompt is answered should it come anyway.
   */
  function guard(on: boolean): void {
    guarding = on;
    void bridge.request('keepAwake', on ? 'on' : 'off');
    const container = $(S.popupContainer);
    if (on && container && container !== watchedContainer) {
      popupWatch.disconnect();
      popupWatch.observe(container, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-hidden', 'style', 'hidden'] });
      watchedContainer = container;
    } else if (!on) {
      popupWatch.disconnect();
      watchedContainer = null;
    }
  }

  /** What the player shows while a start is confirmed: a new song, buffering, or an ad. */
  async function startProbe(): Promise<StartProbe> {
    const snap = await snapshot();
    return { now: await site.nowPlaying(), buffering: snap?.state === 3 && !adShowing(snap) };
  }

  // ---- the app's own data and commands ----------------------------------------------

  /** null: the app's client is not reachable here, so the DOM path has to do. */
  async function dataSearch(query: string, filter: SearchFilter): Promise<SearchData | null> {
    const arg = JSON.stringify({ query, params: SEARCH_PARAMS[filter] });
    const answer = await bridge.request('fetchSearch', arg, timing.resultsMs);
    if (!answer?.ok || answer.value === null || typeof answer.value !== 'object') return null;
    return parseSearchResponse(answer.value);
  }

  /**
   * Dispatches the item's play command, as the app's play buttons do, and looks for any
   * sign that the app took it: the address moved (the watch page), or the player changed
   * at all (another video, another state, an ad). Those signs come before the network
   * answers, so a slow start still counts as taken and is waited for, never played a
   * second way. No sign at all means the app ignored the command: the DOM path may try.
   */
  async function playByEndpoint(endpoint: PlayEndpoint | undefined, signal: AbortSignal | undefined): Promise<boolean> {
    if (!endpoint) return false;
    const before = await snapshot();
    const hrefBefore = location.href;
    stillWanted(signal);
    const answer = await bridge.request('navigate', JSON.stringify(endpoint));
    if (!(answer?.ok === true && answer.value === true)) return false;
    const taken = await waitFor(async () => {
      if (location.href !== hrefBefore) return true;
      const snap = await snapshot();
      if (!snap) return null;
      return snap.ad || snap.videoId !== (before?.videoId ?? '') || snap.state !== (before?.state ?? null) || null;
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

  async function playRow(row: Row, signal: AbortSignal | undefined): Promise<boolean> {
    if (await playByEndpoint(row.item?.play, signal)) return true;
    const button = $(S.playOverlay, row.el);
    if (!button) return false;
    stillWanted(signal);
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

  async function playByDom(query: string, titleBefore: string | null, signal: AbortSignal | undefined): Promise<PlayQueryResult> {
    const before = onSearchFor(query) ? null : resultsFingerprint();
    stillWanted(signal);
    if (!(await openSearch(query))) {
      stillWanted(signal);
      leaving = true;
      location.assign(searchUrl(query));
      return { status: 'navigating' };
    }
    const rows = await results(before);
    const card = $(S.topCard);
    if (!rows.length && !card) throw siteError('no-results', SITE);
    const target = rows.find((row) => kindOf(row) === 'playlist') ?? rows[0];
    const started = target ? await playRow(target, signal) : false;
    if (!started) {
      const cardButton = card ? $(S.playOverlay, card) : null;
      if (!cardButton) throw siteError('site-changed', SITE);
      stillWanted(signal);
      cardButton.click();
    }
    return confirmStarted(SITE, titleBefore, startProbe, timing);
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

  /** Once the music started (or an ad before it plays), MoodDJ keeps it going. */
  function started<T extends PlayQueryResult>(result: T): T {
    if (result.status !== 'navigating' && (result.nowPlaying?.playing || result.nowPlaying?.ad)) guard(true);
    return result;
  }

  const site: MusicSite = {
    id: SITE,

    readiness(): Readiness {
      if (leaving || !$(S.app)) return { ready: false, problem: 'site-not-ready' };
      // The site asks the user about cookies first; that is theirs to answer.
      if (shown($(S.consent))) return { ready: false, problem: 'site-consent' };
      if (!$(S.playerBar)) return { ready: false, problem: document.readyState === 'complete' ? 'site-changed' : 'site-not-ready' };
      // Logged out, YouTube Music still plays (with ads), so that is only a hint.
      return $(S.signIn) ? { ready: true, hint: 'site-logged-out' } : { ready: true };
    },

    async keepGoing() {
      await answerIdlePrompt();
    },

    async playPlaylistFor(query: string, signal?: AbortSignal): Promise<PlayQueryResult> {
      if (leaving) return { status: 'navigating' };
      const titleBefore = (await site.nowPlaying())?.title ?? null;
      const data = await dataSearch(query, 'playlists');
      if (data) {
        if (!data.items.length) throw siteError('no-results', SITE);
        const target = data.items.find((item) => item.kind === 'playlist' && item.play) ?? data.items.find((item) => item.play);
        if (await playByEndpoint(target?.play, signal)) return started(await confirmStarted(SITE, titleBefore, startProbe, timing));
      }
      return started(await playByDom(query, titleBefore, signal));
    },

    async awaitStart(signal?: AbortSignal): Promise<PlayQueryResult> {
      stillWanted(signal);
      return started(await awaitMusicAfterAd(SITE, startProbe, timing));
    },

    async enqueue(tracks: Track[]) {
      const result = await enqueueEach(tracks, async (track) => {
        const data = await dataSearch(`${track.title} ${track.artist}`.trim(), 'songs');
        if (data) {
          const songs = data.items.filter((item) => (item.kind === 'song' || item.kind === 'video') && item.videoId);
          const item = bestMatch(songs, track, (i) => ({ title: i.title, text: i.subtitle }));
          if (!item) return false;
          if (await queueByStore(item.videoId)) return true;
        }
        return queueByDom(track);
      });
      // Queued music is MoodDJ's to keep going, unless the user has it paused.
      if (result.queued > 0 && (await isPlaying())) guard(true);
      return result;
    },

    async play() {
      if (!(await isPlaying())) {
        await viaPlayer('play', S.playPause);
        await confirmPlaying(SITE, isPlaying, timing);
      }
      guard(true);
    },

    async pause() {
      // The user asked for quiet: no keeping it going until they ask for music again.
      guard(false);
      if (!(await isPlaying())) return;
      await viaPlayer('pause', S.playPause);
      if (!(await waitFor(async () => !(await isPlaying()), timing.reactMs))) throw siteError('site-changed', SITE);
    },

    async next() {
      // The player does not skip an ad, and MoodDJ never does: say so instead of nothing.
      if (adShowing(await snapshot())) throw new MoodError('ad-playing', adNoSkipMessage(SITE));
      await viaPlayer('next', S.next);
    },
    previous: () => viaPlayer('previous', S.previous),

    async nowPlaying(): Promise<NowPlaying | null> {
      const snap = await snapshot();
      const playing = snap?.state != null ? snap.state === 1 : domPlaying();
      // During an ad the player and the media session describe the ad: never report it as the song.
      if (adShowing(snap)) return { title: '', artist: '', playing, ad: true };
      const media = mediaSessionState();
      const title = media?.title || snap?.title || textOf($(S.title));
      if (!title) return null;
      // The byline reads "Artist • Album • Year".
      const artist = media?.artist || snap?.artist || (textOf($(S.byline)).split('•')[0] ?? '').trim();
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
        { area: 'controls', mechanism: 'idle prompt kept away: the page activity time (_lact) refreshed', ok: p?.lastActivity ?? false },
        { area: 'now playing', mechanism: 'navigator.mediaSession / player data / player bar', ok: Boolean(mediaSessionState()) || $(S.title) !== null },
        { area: 'login', mechanism: 'ytcfg LOGGED_IN', ok: p?.loggedIn ?? null },
        { area: 'login', mechanism: 'no "Sign in" link in the nav bar', ok: $(S.app) ? !$(S.signIn) : null },
      ];
      return { site: SITE, lines };
    },

    dispose() {
      guard(false);
      popupWatch.disconnect();
      document.removeEventListener('yt-popup-opened', onPopup);
      bridge.dispose();
    },
  };
  return site;
}

export const youTubeMusic: SiteAdapter = { id: SITE, selectors: YTM_SELECTORS, create: () => createYouTubeMusic() };
