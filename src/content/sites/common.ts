import { appError, MoodError } from '../../shared/errors';
import type { EnqueueResult, NowPlaying, PlayQueryResult, Track } from '../../shared/messages/content';
import type { Site } from '../../shared/storage-schema';
import { normalize, pageIsHidden, waitFor } from '../dom';
import { hiddenTabMessage, siteError, siteMessage } from '../../shared/sites';

/** How long adapters wait for the page; tests shorten them. */
export interface Timing {
  /** For the site's router to take an in-page navigation. */
  navigateMs: number;
  /** For search results to render. */
  resultsMs: number;
  /** For playback to start after a click. */
  startMs: number;
  /** For a menu to open or a button to take effect. */
  reactMs: number;
}

export const DEFAULT_TIMING: Timing = { navigateMs: 5000, resultsMs: 10_000, startMs: 8000, reactMs: 3000 };

export { siteError };

import { trackLabel } from '../../shared/messages/content';

/**
 * The queueing loop every adapter shares: one track at a time (each search replaces the
 * last), counting what the site could not find. `queueOne` answers false for "not found"
 * and throws when the page cannot queue at all.
 */
export async function enqueueEach(tracks: readonly Track[], queueOne: (track: Track) => Promise<boolean>): Promise<EnqueueResult> {
  let queued = 0;
  const notFound: string[] = [];
  for (const track of tracks) {
    if (await queueOne(track)) queued++;
    else notFound.push(trackLabel(track));
  }
  return { queued, notFound };
}

/**
 * The search wait every adapter shares: resolves with `found()`'s first answer once the
 * page shows something other than before (`before`, a fingerprint of the last results;
 * null when the page already showed this search), or null on timeout.
 */
export function settledResults<T>(fingerprint: () => string, before: string | null, found: () => T | null, timeoutMs: number): Promise<T | null> {
  return waitFor(() => (before !== null && fingerprint() === before ? null : found()), timeoutMs);
}

function loosely(candidate: string, wanted: string): boolean {
  const a = normalize(candidate);
  const b = normalize(wanted);
  return a !== '' && b !== '' && (a === b || a.includes(b) || b.includes(a));
}

/**
 * The result row for a track: title and artist both found first, then title alone.
 * A row whose title does not match is never chosen, so a wrong song is not queued.
 */
export function bestMatch<T>(rows: readonly T[], track: Track, read: (row: T) => { title: string; text: string }): T | null {
  if (track.topResult) return rows[0] ?? null;
  const titled = rows.filter((row) => loosely(read(row).title, track.title));
  if (!track.artist) return titled[0] ?? null;
  const artist = normalize(track.artist);
  return titled.find((row) => normalize(read(row).text).includes(artist)) ?? titled[0] ?? null;
}

/**
 * After clicking play: waits for the page to report playing (a new song where one was
 * already playing). Not playing means the browser's autoplay rules held it back, or
 * the tab was opened in the background and Chrome waits for the user to look at it.
 */
export async function confirmStarted(
  site: Site,
  titleBefore: string | null,
  nowPlaying: () => Promise<NowPlaying | null>,
  timing: Timing,
): Promise<Extract<PlayQueryResult, { status: 'started' }>> {
  const started = await waitFor(async () => {
    const now = await nowPlaying();
    return now?.playing && now.title !== titleBefore ? now : null;
  }, timing.startMs);
  if (started) return { status: 'started', nowPlaying: started };
  const now = await nowPlaying();
  // Same title as before: the search's first song happened to be the one playing.
  if (now?.playing) return { status: 'started', nowPlaying: now };
  if (pageIsHidden()) return { status: 'started', nowPlaying: now, warning: appError('autoplay-blocked', hiddenTabMessage(site)) };
  throw siteError('autoplay-blocked', site);
}

/** After a play command: the page must report playing, or the user is told why not. */
export async function confirmPlaying(site: Site, isPlaying: () => Promise<boolean>, timing: Timing): Promise<void> {
  if (await waitFor(isPlaying, timing.startMs)) return;
  throw new MoodError('autoplay-blocked', pageIsHidden() ? hiddenTabMessage(site) : siteMessage('autoplay-blocked', site));
}
