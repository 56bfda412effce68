import { z } from 'zod';
import type { Emotion } from '../emotions';
import { emotionSchema, imageSourceSchema, type Perception } from '../perception';
import { siteSchema, type Site } from '../sites';
import type { PopupState } from '../state';
import { triggerSchema, type Trigger } from '../trigger';
import { controlActionSchema, querySchema, tracksSchema } from './content';
import type { ControlAction, EnqueueResult, NowPlaying, PlayResult, SiteReport, Track } from './content';

/** Messages the service worker answers. */
export interface BackgroundMap {
  /** Run one mood check now. */
  detect: { payload: { source: z.infer<typeof imageSourceSchema>; trigger: Trigger }; response: Perception };
  /** Everything the popup needs to draw itself. */
  getState: { payload: Record<string, never>; response: PopupState };
  /** The camera-permission page reports what the user chose. */
  cameraPermission: { payload: { granted: boolean; error?: string }; response: null };
  /** Search the site (the user's chosen one unless given) and start a playlist. */
  musicPlay: { payload: { query: string; site?: Site }; response: PlayResult };
  musicControl: { payload: { action: ControlAction; site?: Site }; response: NowPlaying | null };
  /** null when the site has no open tab. */
  musicNowPlaying: { payload: { site?: Site }; response: NowPlaying | null };
  musicEnqueue: { payload: { tracks: Track[]; site?: Site }; response: EnqueueResult };
  /** Read-only site check in the site's open tab (options page). */
  musicCheck: { payload: { site: Site }; response: SiteReport };
  /** Thumbs up/down on what plays, or "not my mood" with the right emotion, for the last check. */
  feedback: { payload: Feedback; response: null };
  /** The mood the user picked for an unsure reading: starts its music and labels the check. */
  pickMood: { payload: { emotion: Emotion }; response: null };
  /** Personal calibration: read the face showing `emotion` and keep its numbers as an example. */
  calibrate: { payload: { source: z.infer<typeof imageSourceSchema>; emotion: Emotion }; response: { read: Emotion; counts: Record<Emotion, number> } };
  /** The popup opened: get the offscreen document and models ready before a click. */
  warm: { payload: Record<string, never>; response: null };
}

const feedbackSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('up') }).strict(),
  z.object({ kind: z.literal('down') }).strict(),
  z.object({ kind: z.literal('override'), emotion: emotionSchema }).strict(),
]);
export type Feedback = z.infer<typeof feedbackSchema>;

export const backgroundSchemas = {
  detect: z.object({ source: imageSourceSchema, trigger: triggerSchema }),
  getState: z.object({}).strict(),
  cameraPermission: z.object({ granted: z.boolean(), error: z.string().max(500).optional() }),
  musicPlay: z.object({ query: querySchema, site: siteSchema.optional() }).strict(),
  musicControl: z.object({ action: controlActionSchema, site: siteSchema.optional() }).strict(),
  musicNowPlaying: z.object({ site: siteSchema.optional() }).strict(),
  musicEnqueue: z.object({ tracks: tracksSchema, site: siteSchema.optional() }).strict(),
  musicCheck: z.object({ site: siteSchema }).strict(),
  feedback: feedbackSchema,
  pickMood: z.object({ emotion: emotionSchema }).strict(),
  calibrate: z.object({ source: imageSourceSchema, emotion: emotionSchema }).strict(),
  warm: z.object({}).strict(),
} satisfies { [K in keyof BackgroundMap]: z.ZodType<BackgroundMap[K]['payload']> };
