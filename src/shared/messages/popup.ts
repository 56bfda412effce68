import { z } from 'zod';
import { musicOutcomeSchema } from '../storage-schema';
import { stageDetailSchema, stageSchema, type MusicOutcome, type Stage, type StageDetail } from '../state';

/** Messages an open popup listens for (it may be closed: senders ignore "no receiver"). */
export interface PopupMap {
  stage: { payload: { stage: Stage; detail?: StageDetail }; response: null };
  /** The music side of a check finished (it runs after the reading is shown). */
  music: { payload: { checkAt: number; music: MusicOutcome }; response: null };
}

export const popupSchemas = {
  stage: z.object({ stage: stageSchema, detail: stageDetailSchema.optional() }),
  music: z.object({ checkAt: z.number(), music: musicOutcomeSchema }),
} satisfies { [K in keyof PopupMap]: z.ZodType<PopupMap[K]['payload']> };
