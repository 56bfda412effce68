import { z } from 'zod';
import { musicOutcomeSchema } from '../storage-schema';
import { stageSchema, type MusicOutcome, type Stage } from '../state';

/** Messages an open popup listens for (it may be closed: senders ignore "no receiver"). */
export interface PopupMap {
  stage: { payload: { stage: Stage; detail?: string }; response: null };
  /** The music side of a check finished (it runs after the reading is shown). */
  music: { payload: { checkAt: number; music: MusicOutcome }; response: null };
}

export const popupSchemas = {
  stage: z.object({ stage: stageSchema, detail: z.string().max(500).optional() }),
  music: z.object({ checkAt: z.number(), music: musicOutcomeSchema }),
} satisfies { [K in keyof PopupMap]: z.ZodType<PopupMap[K]['payload']> };
