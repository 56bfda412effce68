import { z } from 'zod';
import { appErrorSchema, errorCodeSchema, type AppError } from '../errors';
import { siteSchema, type Site } from '../sites';

/**
 * Text a content script read off the page. The page may be hostile or simply odd (a 2,000
 * character title), so any length is taken and cut, never refused: refusing would stop the music.
 */
export function pageText(max: number) {
  return z.string().transform((s) => s.slice(0, max));
}

export const CONTROL_ACTIONS = ['play', 'pause', 'toggle', 'next', 'previous'] as const;
export const controlActionSchema = z.enum(CONTROL_ACTIONS);
export type ControlAction = z.infer<typeof controlActionSchema>;

export const trackSchema = z.object({
  title: z.string().trim().min(1).max(200),
  artist: z.string().trim().max(200),
  /** Base-62 track id from an open.spotify.com/track/<id> link; lets Spotify match exactly. */
  spotifyId: z
    .string()
    .regex(/^[0-9A-Za-z]{22}$/)
    .optional(),
  /** `title` is a search, not a song: queue the site's top song for it (periodic checks without a catalog). */
  topResult: z.literal(true).optional(),
});
export type Track = z.infer<typeof trackSchema>;
export const MAX_TRACKS = 20;

/** How a track is named in `EnqueueResult.notFound` and to the user. */
export function trackLabel(track: Pick<Track, 'title' | 'artist'>): string {
  return track.artist ? `${track.title} – ${track.artist}` : track.title;
}
export const tracksSchema = z.array(trackSchema).min(1).max(MAX_TRACKS);

export const querySchema = z.string().trim().min(1).max(200);

export const nowPlayingSchema = z.object({
  title: pageText(300),
  artist: pageText(300),
  playing: z.boolean(),
  /** An ad is playing: title and artist are then empty, never the ad's own. */
  ad: z.boolean().optional(),
  /** Spotify Connect plays the music on another device; the page's own words for it ("Playing on Kitchen"). */
  elsewhere: pageText(200).optional(),
});
export type NowPlaying = z.infer<typeof nowPlayingSchema>;

export const siteStatusSchema = z.object({
  site: siteSchema,
  ready: z.boolean(),
  /** Why it is not ready (or, when ready, a hint such as a logged-out YouTube Music). */
  problem: errorCodeSchema.optional(),
  url: pageText(2000),
});
export type SiteStatus = z.infer<typeof siteStatusSchema>;

/**
 * `navigating`: the page is loading the search and this content script will be
 * replaced; the service worker waits for the new one and sends the command again.
 * `ad`: the music was started and an ad plays first; `awaitStart` waits for the music.
 * `warning` on `started`: asked for, but maybe not audible yet (background tab, other device).
 */
export const playQueryResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('navigating') }),
  z.object({ status: z.literal('started'), nowPlaying: nowPlayingSchema.nullable(), warning: appErrorSchema.optional() }),
  z.object({ status: z.literal('ad'), nowPlaying: nowPlayingSchema.nullable() }),
]);
export type PlayQueryResult = z.infer<typeof playQueryResultSchema>;

/** What the service worker answers for "play music for this query". */
export interface PlayResult {
  site: Site;
  tabId: number;
  /** `ad: true` when the wait for an ad ran out: the music follows it. */
  nowPlaying: NowPlaying | null;
  /** Playback was asked for but may not be audible yet (background tab, other device). */
  warning?: AppError;
}

export const enqueueResultSchema = z.object({
  queued: z.number().int().min(0).max(MAX_TRACKS),
  /** "Title – Artist" of each track the site could not find. */
  notFound: z.array(pageText(500)).max(MAX_TRACKS),
  /** What plays after queueing: paused, an ad, or music (absent from pages that do not say). */
  nowPlaying: nowPlayingSchema.nullable().optional(),
});
export type EnqueueResult = z.infer<typeof enqueueResultSchema>;

/** What a site check looks at: each area lists the mechanisms we use for it, first to last. */
export const CHECK_AREAS = ['search', 'play', 'queue', 'controls', 'now playing', 'login'] as const;
export type CheckArea = (typeof CHECK_AREAS)[number];

export interface CheckLine {
  area: CheckArea;
  mechanism: string;
  /** null: cannot be told from this page without changing it (say, no results on screen). */
  ok: boolean | null;
}

/** A read-only look at which of the page's mechanisms are there; holds no personal data. */
export interface SiteReport {
  site: Site;
  lines: CheckLine[];
}

export const siteReportSchema = z.object({
  site: siteSchema,
  lines: z.array(z.object({ area: z.enum(CHECK_AREAS), mechanism: pageText(200), ok: z.boolean().nullable() })).max(40),
}) satisfies z.ZodType<SiteReport>;

/** Plain text for a bug report: site, then one ✓/✗/? line per mechanism. */
export function formatReport(report: SiteReport): string {
  const mark = (ok: boolean | null) => (ok === null ? '?' : ok ? '✓' : '✗');
  return [`MoodDJ site check: ${report.site}`, ...report.lines.map((l) => `${mark(l.ok)} ${l.area}: ${l.mechanism}`)].join('\n');
}

/** Messages the streaming-site content scripts answer. */
export interface ContentMap {
  ping: { payload: Record<string, never>; response: SiteStatus };
  playQuery: { payload: { query: string }; response: PlayQueryResult };
  /** After `playQuery` answered `ad`: waits (one bounded round) for the ad to end and the music to start. */
  awaitStart: { payload: Record<string, never>; response: PlayQueryResult };
  enqueue: { payload: { tracks: Track[] }; response: EnqueueResult };
  /** Answers with what is playing after the action settled. */
  control: { payload: { action: ControlAction }; response: NowPlaying | null };
  nowPlaying: { payload: Record<string, never>; response: NowPlaying | null };
  /** Read-only probes of each mechanism; changes nothing on the page. */
  check: { payload: Record<string, never>; response: SiteReport };
}

export const contentSchemas = {
  ping: z.object({}).strict(),
  playQuery: z.object({ query: querySchema }).strict(),
  awaitStart: z.object({}).strict(),
  enqueue: z.object({ tracks: tracksSchema }).strict(),
  control: z.object({ action: controlActionSchema }).strict(),
  nowPlaying: z.object({}).strict(),
  check: z.object({}).strict(),
} satisfies { [K in keyof ContentMap]: z.ZodType<ContentMap[K]['payload']> };

/** What the worker accepts back from a content script, which lives in the site's renderer. */
export const contentResponseSchemas = {
  ping: siteStatusSchema,
  playQuery: playQueryResultSchema,
  awaitStart: playQueryResultSchema,
  enqueue: enqueueResultSchema,
  control: nowPlayingSchema.nullable(),
  nowPlaying: nowPlayingSchema.nullable(),
  check: siteReportSchema,
} satisfies { [K in keyof ContentMap]: z.ZodType<ContentMap[K]['response']> };
