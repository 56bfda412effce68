import type { ErrorCode } from '../shared/errors';
import type { EnqueueResult, NowPlaying, PlayQueryResult, SiteReport, Track } from '../shared/messages/content';
import type { Site } from '../shared/storage-schema';

/**
 * `hint` flags something worth telling the user that does not stop playback, such as
 * a logged-out YouTube Music (it still plays, with ads).
 */
export type Readiness = { ready: true; hint?: ErrorCode } | { ready: false; problem: ErrorCode };

/**
 * One streaming site, driven through its web page. Methods throw MoodError with a
 * code from shared/errors when the page cannot do what was asked.
 */
export interface MusicSite {
  readonly id: Site;
  /** Cheap, synchronous look at the page: login wall, missing player, still loading. */
  readiness(): Readiness;
  /**
   * Searches for the query and starts its first playlist (or best result). Once `signal`
   * is aborted (a newer play took over) it starts nothing more and throws `superseded`.
   */
  playPlaylistFor(query: string, signal?: AbortSignal): Promise<PlayQueryResult>;
  /** After `playPlaylistFor` answered `ad`: one bounded wait for the music after the ad. */
  awaitStart(signal?: AbortSignal): Promise<PlayQueryResult>;
  /**
   * Before any command: undoes a pause the site made on its own (YouTube Music's idle
   * "Continue watching?"), never one the user made.
   */
  keepGoing(): Promise<void>;
  /** Adds each track to the end of the play queue without interrupting playback. */
  enqueue(tracks: Track[]): Promise<EnqueueResult>;
  play(): Promise<void>;
  pause(): Promise<void>;
  /** Refuses while an ad plays (`ad-playing`): ads are never skipped. */
  next(): Promise<void>;
  previous(): Promise<void>;
  nowPlaying(): Promise<NowPlaying | null>;
  /** Which mechanisms this page offers, found without changing anything (the site check). */
  check(): Promise<SiteReport>;
  /** Releases listeners when a newer copy of the content script takes over. */
  dispose(): void;
}

/** What the registry knows about an adapter before creating it. */
export interface SiteAdapter {
  id: Site;
  /** Every CSS selector the adapter uses, in one block, so a site redesign is one edit. */
  selectors: Readonly<Record<string, string>>;
  create(): MusicSite;
}
