/**
 * How long the page side of a music command may wait, and from that how long the service
 * worker waits for its answer. One set of numbers for both sides, so the worker never
 * gives up (and reports a time-out) on a page that is still working and may yet start
 * the music: every worker limit is the page's slowest path plus a margin.
 */
export interface PageTiming {
  /** For the site's router to take an in-page navigation. */
  navigateMs: number;
  /** For search results to render (or the app's client to answer). */
  resultsMs: number;
  /** For playback to start after a click or command; buffering at the end counts as started. */
  startMs: number;
  /** For a menu to open, a button or an idle prompt's answer to take effect, a command to be taken. */
  reactMs: number;
  /** One round of waiting for an ad before the music to end (the worker asks again, up to `adTotalMs`). */
  adRoundMs: number;
  /** All rounds together: ads run 15-30 s, two may come back to back. */
  adTotalMs: number;
  /** One request to a page's MAIN-world helper. */
  bridgeMs: number;
}

export const PAGE_TIMING: PageTiming = {
  navigateMs: 5000,
  resultsMs: 10_000,
  startMs: 8000,
  reactMs: 3000,
  adRoundMs: 15_000,
  adTotalMs: 75_000,
  bridgeMs: 1500,
};

/** Worst-case page time of each content command: its slowest path, wait by wait (see the adapters). */
export function pageLimits(t: PageTiming) {
  const b = t.bridgeMs;
  // Answering an idle prompt before acting: its click taking effect, the play command if not.
  const resume = t.reactMs + 2 * b;
  return {
    // Before, the app's data search, its play command taken or refused; then the DOM path:
    // the in-page search, its rows and their data, the row's play command; the start.
    playQuery: resume + b + (t.resultsMs + b) + (b + t.reactMs) + (b + t.navigateMs) + (t.resultsMs + b) + (b + t.reactMs) + t.startMs,
    awaitStart: t.adRoundMs + t.startMs,
    // Per track: the data search, the queue store; else the in-page search, its rows, the ⋮ menu
    // opening, its item, the menu closing.
    enqueueTrack: t.resultsMs + (t.reactMs + t.resultsMs) + (b + t.navigateMs) + (t.resultsMs + b) + 3 * t.reactMs + b,
    enqueueBase: resume + b,
    // Resume, then play (start wait) or pause/next (react wait), then what plays.
    control: resume + 2 * b + Math.max(t.startMs, t.reactMs) + b,
    nowPlaying: resume + 2 * b,
  };
}

export type PageLimits = ReturnType<typeof pageLimits>;
