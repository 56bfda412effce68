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
  /** How long a login wall must persist before we give up early. */
  settleMs: number;
  /** The same for a loaded page without a player: a slow page may still render one. */
  changedSettleMs: number;
  /** How long the tab may show a page outside the site (a redirect passes quickly). */
  leftMs: number;
  /** A loaded tab with no content script predates the extension; reload it after this. */
  silentMs: number;
  playMs: number;
  enqueueBaseMs: number;
  enqueuePerTrackMs: number;
  controlMs: number;
  nowPlayingMs: number;
}

export const DEFAULT_MUSIC_TIMING: MusicTiming = {
  pollMs: 300,
  pingMs: 1500,
  readyMs: 30_000,
  quickReadyMs: 6000,
  settleMs: 1200,
  changedSettleMs: 8000,
  leftMs: 3000,
  silentMs: 5000,
  // Content side: in-page navigation 5 s + results 10 s + start 8 s, plus margin.
  playMs: 35_000,
  enqueueBaseMs: 5000,
  enqueuePerTrackMs: 25_000,
  controlMs: 15_000,
  nowPlayingMs: 5000,
};
