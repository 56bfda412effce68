import { z } from 'zod';
import type { Emotion } from '../emotions';
import { emotionSchema, imageSourceSchema, type Perception } from '../perception';
import type { PopupState } from '../state';
import type { Site } from '../storage-schema';
import { controlActionSchema, querySchema, siteIdSchema, tracksSchema } from './content';
import type { ControlAction, EnqueueResult, NowPlaying, PlayResult, Track } from './content';

/** Messages the service worker answers. */
export interface BackgroundMap {
  /** Run one mood check now. */
  detect: { payload: { source: z.infer<typeof imageSourceSchema>; trigger: 'popup' | 'shortcut' | 'alarm' }; response: Perception };
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
  /** Thumbs up/down on what plays, or "not my mood" with the right emotion, for the last check. */
  feedback: { payload: Feedback; response: null };
  /** The mood the user picked for an unsure reading: starts its music and labels the check. */
  pickMood: { payload: { emotion: Emotion }; response: null };
}

export type Feedback = { kind: 'up' } | { kind: 'down' } | { kind: 'override'; emotion: Emotion };

export const backgroundSchemas = {
  detect: z.object({ source: imageSourceSchema, trigger: z.enum(['popup', 'shortcut', 'alarm']) }),
  getState: z.object({}).strict(),
  cameraPermission: z.object({ granted: z.boolean(), error: z.string().max(500).optional() }),
  musicPlay: z.object({ query: querySchema, site: siteIdSchema.optional() }).strict(),
  musicControl: z.object({ action: controlActionSchema, site: siteIdSchema.optional() }).strict(),
  musicNowPlaying: z.object({ site: siteIdSchema.optional() }).strict(),
  musicEnqueue: z.object({ tracks: tracksSchema, site: siteIdSchema.optional() }).strict(),
  feedback: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('up') }).strict(),
    z.object({ kind: z.literal('down') }).strict(),
    z.object({ kind: z.literal('override'), emotion: emotionSchema }).strict(),
  ]),
  pickMood: z.object({ emotion: emotionSchema }).strict(),
} satisfies { [K in keyof BackgroundMap]: z.ZodType<BackgroundMap[K]['payload']> };
