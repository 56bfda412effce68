import { PAGE_TIMING, pageLimits } from '../../shared/music-timing';

/** Every wait in the music code, in one place; unit tests shrink them. */
export interface MusicTiming {
  /** Between readiness checks. */
  pollMs: number;
  /** One ping to the content script. */
  pingMs: number;
  /** For a tab to load and its adapter to report ready, before playing or queueing. */
  readyMs: number;
  /** The same before pause/next/now-playing: the page is normally loaded already. */
  quickReadyMs: number;
  /** How long a login wall (or a cookie question) must persist before we give up early. */
  settleMs: number;
  /** The same for a loaded page without a player: a slow page may still render one. */
  changedSettleMs: number;
  /** How long the tab may show a page outside the site (a redirect passes quickly). */
  leftMs: number;
  /** A loaded tab with no content script predates the extension; put one in after this. */
  silentMs: number;
  playMs: number;
  /** One round of waiting for an ad before the music, and how many rounds at most. */
  awaitStartMs: number;
  adRounds: number;
  enqueueBaseMs: number;
  enqueuePerTrackMs: number;
  controlMs: number;
  nowPlayingMs: number;
}

/** The worker waits for the page's slowest path and this much more (messages, a busy machine). */
const MARGIN_MS = 5000;
const page = pageLimits(PAGE_TIMING);

export const DEFAULT_MUSIC_TIMING: MusicTiming = {
  pollMs: 300,
  pingMs: 1500,
  readyMs: 30_000,
  quickReadyMs: 6000,
  settleMs: 1200,
  changedSettleMs: 8000,
  leftMs: 3000,
  silentMs: 2000,
  // The page's own limits, so the worker never gives up on a page that may still start music.
  playMs: page.playQuery + MARGIN_MS,
  awaitStartMs: page.awaitStart + MARGIN_MS,
  adRounds: Math.ceil(PAGE_TIMING.adTotalMs / PAGE_TIMING.adRoundMs),
  enqueueBaseMs: page.enqueueBase + MARGIN_MS,
  enqueuePerTrackMs: page.enqueueTrack,
  controlMs: page.control + MARGIN_MS,
  nowPlayingMs: page.nowPlaying + MARGIN_MS,
};
