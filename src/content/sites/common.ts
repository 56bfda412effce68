import { appError, MoodError } from '../../shared/errors';
import type { EnqueueResult, NowPlaying, PlayQueryResult, Track } from '../../shared/messages/content';
import { PAGE_TIMING, type PageTiming } from '../../shared/music-timing';
import type { Site } from '../../shared/storage-schema';
import { normalize, pageIsHidden, waitFor } from '../dom';
import { hiddenTabMessage, otherDeviceMessage, siteError, siteMessage } from '../../shared/sites';

/** How long adapters wait for the page (shared with the worker's limits); tests shorten them. */
export type Timing = PageTiming;
export const DEFAULT_TIMING: Timing = PAGE_TIMING;

export { siteError };

/** A newer command took over: the older one must not act on the page any more. */
export function stillWanted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new MoodError('superseded');
}

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

/** What the player shows while music is being started. */
export interface StartProbe {
  /** `ad` set while an ad plays; `elsewhere` when another device plays it. */
  now: NowPlaying | null;
  /** Loading the new song: counts as started when the wait ends (a start the browser blocks pauses instead). */
  buffering: boolean;
}

export interface StartChecks {
  /** Why a start did not happen when the site knows better than "autoplay" (Spotify: no protected content); throws. */
  explainNoStart?: () => Promise<void>;
}

type StartResult = Exclude<PlayQueryResult, { status: 'navigating' }>;

/**
 * After a play command: waits for the page to report a new song playing (or an ad before
 * it). What is there when the wait ends decides, never the wait itself: playing or still
 * buffering is started; an ad is `ad` (the music follows it); another device is started
 * with a warning naming it; nothing means the site could not play (`explainNoStart`), the
 * browser's autoplay rules held it back, or the tab was opened in the background and
 * Chrome waits for the user to look at it.
 */
export async function confirmStarted(
  site: Site,
  titleBefore: string | null,
  probe: () => Promise<StartProbe>,
  timing: Timing,
  checks: StartChecks = {},
): Promise<StartResult> {
  const seen = await waitFor(async () => {
    const p = await probe();
    if (p.now?.ad || p.now?.elsewhere) return p;
    return p.now?.playing && p.now.title !== titleBefore ? p : null;
  }, timing.startMs);
  return settleStart(site, seen ?? (await probe()), checks);
}

/**
 * After `confirmStarted` answered `ad`: one bounded round of waiting for the ad to end,
 * then for the music to start. Still an ad at the end of the round: `ad` again (the
 * worker asks again, up to its own bound).
 */
export async function awaitMusicAfterAd(site: Site, probe: () => Promise<StartProbe>, timing: Timing, checks: StartChecks = {}): Promise<StartResult> {
  const over = await waitFor(async () => {
    const p = await probe();
    return p.now?.ad ? null : p;
  }, timing.adRoundMs);
  if (!over) return settleStart(site, await probe(), checks);
  const playing = await waitFor(async () => {
    const p = await probe();
    return p.now?.playing || p.now?.ad ? p : null;
  }, timing.startMs);
  return settleStart(site, playing ?? (await probe()), checks);
}

async function settleStart(site: Site, last: StartProbe, checks: StartChecks): Promise<StartResult> {
  const now = last.now;
  if (now?.ad) return { status: 'ad', nowPlaying: now };
  if (now?.elsewhere) return { status: 'started', nowPlaying: now, warning: appError('other-device', otherDeviceMessage(site, now.elsewhere)) };
  // Same title as before: the search's first song happened to be the one playing.
  if (now?.playing || last.buffering) return { status: 'started', nowPlaying: now };
  await checks.explainNoStart?.();
  if (pageIsHidden()) return { status: 'started', nowPlaying: now, warning: appError('autoplay-blocked', hiddenTabMessage(site)) };
  throw siteError('autoplay-blocked', site);
}

/** After a play command: the page must report playing, or the user is told why not. */
export async function confirmPlaying(site: Site, isPlaying: () => Promise<boolean>, timing: Timing): Promise<void> {
  if (await waitFor(isPlaying, timing.startMs)) return;
  throw new MoodError('autoplay-blocked', pageIsHidden() ? hiddenTabMessage(site) : siteMessage('autoplay-blocked', site));
}
