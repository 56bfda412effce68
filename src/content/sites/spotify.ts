/**
 * Spotify Web Player adapter. Spotify's internal APIs are out of reach of a content
 * script without a MAIN-world helper reading private objects, so it works the way a
 * user does: the search box (with input events React's onChange accepts), the app's
 * own links (filter chips), cards and track rows by test id, the track's context menu.
 * A tab that is playing is never reloaded: if only a reload is left, the user is told.
 * Playing state comes from the media session first (language-free), labels second.
 * Audio ads are recognised by the now-playing artist link (an ad's leads off Spotify,
 * not to an /artist/ or /show/ page) and never reported as the song, skipped or muted;
 * music playing on another device is named as the page names it; a start that cannot
 * happen because the browser lacks protected-content support (Widevine) says so.
 *
 * Written against these pages (desktop web player, 2025 layout):
 *   https://open.spotify.com/
 *   https://open.spotify.com/search/happy%20pop/playlists
 *   https://open.spotify.com/search/<title%20artist>/tracks
 *   https://open.spotify.com/playlist/<id>
 */
import type { CheckLine, NowPlaying, PlayQueryResult, SiteReport, Track } from '../../shared/messages/content';
import { MoodError } from '../../shared/errors';
import { adNoSkipMessage } from '../../shared/sites';
import { $, $all, labelOf, matchesLabel, mediaSessionState, sleep, textOf, waitFor } from '../dom';
import { ADD_TO_QUEUE_LABELS, labelsCover, PAUSE_LABELS, PLAY_LABELS } from '../labels';
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
  type StartChecks,
  type StartProbe,
  type Timing,
} from './common';
import { t } from '../../shared/i18n/t';

export const SPOTIFY_SELECTORS = {
  loginButton: '[data-testid="login-button"]',
  nowPlayingBar: '[data-testid="now-playing-bar"]',
  playPause: '[data-testid="control-button-playpause"]',
  next: '[data-testid="control-button-skip-forward"]',
  previous: '[data-testid="control-button-skip-back"]',
  title: '[data-testid="now-playing-bar"] [data-testid="context-item-info-title"], [data-testid="now-playing-bar"] [data-testid="context-item-link"]',
  /** Links to the artist's page; during an audio ad, to the advertiser's site instead. */
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
  searchInput: 'input[data-testid="search-input"]',
  /** The search page's filter chips are the app's own links to each tab. */
  chipPrefix: 'main a[href^="/search/"]',
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

/**
 * An audio ad plays: the now-playing artist links somewhere that is not an artist or
 * show page on Spotify (web-scrobbler's Spotify connector reads ads the same way). A
 * local file has no link at all, and is not an ad.
 */
function adPlaying(): boolean {
  const hrefs = $all(S.artist)
    .map((a) => a.getAttribute('href'))
    .filter((href): href is string => Boolean(href));
  return hrefs.length > 0 && !hrefs.some((href) => /\/(artist|show)\//.test(href));
}

/** The key system Spotify's web player plays through; Chromium builds without it cannot play Spotify. */
const WIDEVINE = 'com.widevine.alpha';

/**
 * Asked of the browser itself (Encrypted Media Extensions), so it holds in any language:
 * true when this browser cannot play Widevine-protected audio. Asked only to explain a
 * start that did not happen; an answer that does not come counts as "can".
 */
async function protectedContentMissing(): Promise<boolean> {
  if (typeof navigator.requestMediaKeySystemAccess !== 'function') return false;
  const config: MediaKeySystemConfiguration[] = [{ initDataTypes: ['cenc'], audioCapabilities: [{ contentType: 'audio/mp4; codecs="mp4a.40.2"' }] }];
  const probe = navigator.requestMediaKeySystemAccess(WIDEVINE, config).then(
    () => false,
    () => true,
  );
  return Promise.race([probe, sleep(3000).then(() => false)]);
}

function trackIdOf(row: HTMLElement): string | null {
  const href = $(S.trackLink, row)?.getAttribute('href') ?? '';
  return /\/track\/([0-9A-Za-z]{22})/.exec(href)?.[1] ?? null;
}

/**
 * Types the query the way a user does. React tracks an input's value through its own
 * property, so the value is set with the native setter and announced with an input
 * event; React's onChange then sees a real change (its router navigates to /search/…).
 */
function typeInSearchBox(query: string): boolean {
  const input = $(S.searchInput) as HTMLInputElement | null;
  if (!input) return false;
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.bind(input);
  if (!setValue) return false;
  input.focus();
  setValue(query);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  return true;
}

/** The filter chip that links to this search's tab, as rendered by the app. */
function chipFor(query: string, tab: SearchTab): HTMLElement | null {
  return $all(S.chipPrefix).find((a) => a.getAttribute('href') === searchPath(query, tab)) ?? null;
}

/**
 * Last in-page resort: push the path and tell the router with a popstate. No maintained
 * project is known to do this (docs/sites.md); when Spotify ignores it we notice.
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
    const media = mediaSessionState()?.state;
    if (media === 'playing' || media === 'paused') return media === 'playing';
    const label = labelOf($(S.playPause));
    if (matchesLabel(label, PAUSE_LABELS)) return true;
    if (matchesLabel(label, PLAY_LABELS)) return false;
    return false;
  }
  const isPlaying = async () => playing();

  /** "Playing on <device>": Spotify Connect plays elsewhere; the page's own words, or ''. */
  function elsewhere(): string {
    return textOf($(S.otherDevice)).slice(0, 200);
  }

  const startProbe = async (): Promise<StartProbe> => ({ now: await site.nowPlaying(), buffering: false });

  const startChecks: StartChecks = {
    async explainNoStart() {
      if (await protectedContentMissing()) throw siteError('no-protected-content', SITE);
    },
  };

  function click(selector: string): void {
    const button = $(selector);
    if (!button) throw siteError('site-changed', SITE);
    button.click();
  }

  /** Waits for the main view to show something else than `viewBefore`. */
  function viewChanged(viewBefore: string): Promise<boolean> {
    return waitFor(() => viewFingerprint() !== viewBefore, timing.navigateMs).then(Boolean);
  }

  /**
   * Opens the search's tab inside the app, mechanisms in order: the search box then the
   * tab's chip; the History API. `routed` false: the app took none of them.
   */
  async function routeToSearch(query: string, tab: SearchTab): Promise<boolean> {
    if (onSearchFor(query, tab)) return true;
    const onTab = () => onSearchFor(query, tab) || null;
    if (typeInSearchBox(query)) {
      const chip = await waitFor(() => chipFor(query, tab) ?? (onSearchFor(query, tab) ? true : null), timing.navigateMs);
      if (chip instanceof HTMLElement) chip.click();
      if (chip && (await waitFor(onTab, timing.navigateMs))) return true;
    }
    // Measured here: typing may already have changed the view without reaching the tab.
    const viewBefore = viewFingerprint();
    routeInPage(searchPath(query, tab));
    return (await viewChanged(viewBefore)) && onSearchFor(query, tab);
  }

  /** Opens a search in the page and waits for its results. */
  async function openSearch(query: string, tab: SearchTab, wanted: string): Promise<{ items: HTMLElement[]; routed: boolean }> {
    const some = () => {
      const items = $all(wanted);
      return items.length ? items : null;
    };
    const already = onSearchFor(query, tab);
    const resultsBefore = already ? null : resultsFingerprint();
    if (!already && !(await routeToSearch(query, tab))) return { items: [], routed: false };
    const items = await settledResults(resultsFingerprint, resultsBefore, some, timing.resultsMs);
    return { items: items ?? [], routed: true };
  }

  /** "Add to queue" in the open menu: by its label in ~20 languages, in text or aria-label. */
  function queueItem(items: HTMLElement[]): HTMLElement | undefined {
    return items.find((el) => matchesLabel(textOf(el), ADD_TO_QUEUE_LABELS) || matchesLabel(labelOf(el), ADD_TO_QUEUE_LABELS));
  }

  /**
   * The menu item has no test id or icon we know of, only its label: in a language the
   * lists do not cover, say exactly that rather than "looks different".
   */
  function noQueueItem(): MoodError {
    const lang = document.documentElement.lang;
    if (labelsCover(lang)) return siteError('site-changed', SITE);
    return new MoodError('site-language', t('spotify_language', lang || t('spotify_language_unstated')));
  }

  async function addToQueue(row: HTMLElement): Promise<void> {
    const box = row.getBoundingClientRect();
    row.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true, button: 2, buttons: 2, clientX: box.left + 8, clientY: box.top + 8 }));
    const items = await waitFor(() => {
      const found = $all(S.menuItem);
      return found.length ? found : null;
    }, timing.reactMs);
    const item = items ? queueItem(items) : undefined;
    if (!item) {
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      throw items ? noQueueItem() : siteError('site-changed', SITE);
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

    async keepGoing() {
      // Spotify has no idle prompt of its own.
    },

    async playPlaylistFor(query: string, signal?: AbortSignal): Promise<PlayQueryResult> {
      if (leaving) return { status: 'navigating' };
      stillWanted(signal);
      const { items: cards, routed } = await openSearch(query, 'playlists', `${S.resultCard} ${S.cardPlayButton}, ${S.anyPlayButton}`);
      if (!cards.length && !routed) {
        // Loading the search page would cut the song that is playing: say so instead.
        if (playing()) {
          throw new MoodError('site-changed', t('spotify_search_would_stop'));
        }
        stillWanted(signal);
        leaving = true;
        location.assign(`https://open.spotify.com${searchPath(query, 'playlists')}`);
        return { status: 'navigating' };
      }
      const playlistCard = $all(S.resultCard).find((card) => $(S.playlistLink, card) && $(S.cardPlayButton, card));
      const button = (playlistCard && $(S.cardPlayButton, playlistCard)) ?? cards[0];
      if (!button) throw siteError('no-results', SITE);
      const titleBefore = (await site.nowPlaying())?.title ?? null;
      stillWanted(signal);
      button.click();
      return confirmStarted(SITE, titleBefore, startProbe, timing, startChecks);
    },

    async awaitStart(signal?: AbortSignal): Promise<PlayQueryResult> {
      stillWanted(signal);
      return awaitMusicAfterAd(SITE, startProbe, timing, startChecks);
    },

    enqueue(tracks: Track[]) {
      return enqueueEach(tracks, async (track) => {
        const query = `${track.title} ${track.artist}`.trim();
        const { items: rows, routed } = await openSearch(query, 'tracks', S.trackRow);
        // A reload would stop the music, so an ignored in-page search is an error here.
        if (!routed) throw siteError('site-changed', SITE);
        const byId = track.spotifyId ? rows.find((row) => trackIdOf(row) === track.spotifyId) : undefined;
        const row = byId ?? bestMatch(rows, track, rowInfo);
        if (!row) return false;
        await addToQueue(row);
        return true;
      });
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
      // Spotify does not skip an ad for free listeners, and MoodDJ never does.
      if (adPlaying()) throw new MoodError('ad-playing', adNoSkipMessage(SITE));
      click(S.next);
    },

    async previous() {
      click(S.previous);
    },

    async nowPlaying(): Promise<NowPlaying | null> {
      const where = elsewhere();
      const place = where ? { elsewhere: where } : {};
      // The bar then names the advertiser: never report it as the song.
      if (adPlaying()) return { title: '', artist: '', playing: playing(), ad: true, ...place };
      const media = mediaSessionState();
      const title = textOf($(S.title)) || media?.title || '';
      if (!title) return null;
      const artists = $all(S.artist).map(textOf).filter(Boolean);
      const artist = artists.length ? [...new Set(artists)].join(', ') : (media?.artist ?? '');
      return { title, artist, playing: playing(), ...place };
    },

    async check(): Promise<SiteReport> {
      const rows = $all(S.trackRow);
      const cards = $all(S.resultCard);
      const lines: CheckLine[] = [
        { area: 'search', mechanism: 'search box (search-input) with React-compatible input events', ok: $(S.searchInput) !== null },
        { area: 'search', mechanism: 'History API route + popstate (unverified fallback)', ok: null },
        { area: 'search', mechanism: 'loading the search page (only while nothing plays)', ok: !playing() },
        { area: 'play', mechanism: 'search-category-card play button', ok: cards.length ? cards.some((c) => $(S.cardPlayButton, c) !== null) : null },
        {
          area: 'queue',
          mechanism: 'track row (internal-track-link) → context menu → Add to queue',
          ok: rows.length ? rows.some((r) => $(S.trackLink, r) !== null) : null,
        },
        { area: 'controls', mechanism: 'player buttons (control-button-*)', ok: $(S.playPause) !== null && $(S.next) !== null && $(S.previous) !== null },
        { area: 'now playing', mechanism: 'now-playing bar / navigator.mediaSession', ok: $(S.title) !== null || Boolean(mediaSessionState()?.title) },
        { area: 'login', mechanism: 'no "Log in" button', ok: !$(S.loginButton) },
      ];
      return { site: SITE, lines };
    },

    dispose() {},
  };
  return site;
}

export const spotify: SiteAdapter = { id: SITE, selectors: SPOTIFY_SELECTORS, create: () => createSpotify() };
