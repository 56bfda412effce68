import { z } from 'zod';
import { prototypesSchema, type Prototype } from '../calibration';
import { imageSourceSchema, type Perception } from '../perception';

/** Messages the offscreen document (camera + models) answers. */
export interface OffscreenMap {
  analyze: {
    payload: { source: z.infer<typeof imageSourceSchema>; frames: number; checkId: string; calibration?: Prototype[] };
    response: Perception;
  };
  /** Stops any capture in progress; used when a check is abandoned. */
  cancel: { payload: { checkId: string }; response: null };
  ping: { payload: Record<string, never>; response: { ready: true } };
  /** Loads the backend and models ahead of a check; never opens the camera. */
  warm: { payload: Record<string, never>; response: { loaded: boolean } };
}

export const offscreenSchemas = {
  analyze: z.object({
    source: imageSourceSchema,
    frames: z.number().int().min(1).max(30),
    checkId: z.string().min(1).max(64),
    /** The user's mood prototypes (src/shared/calibration.ts); absent: the generic reading. */
    calibration: prototypesSchema.optional(),
  }),
  cancel: z.object({ checkId: z.string().min(1).max(64) }),
  ping: z.object({}).strict(),
  warm: z.object({}).strict(),
} satisfies { [K in keyof OffscreenMap]: z.ZodType<OffscreenMap[K]['payload']> };
