import { z } from 'zod';
import { stageSchema, type Stage } from '../state';

/** Messages an open popup listens for (it may be closed: senders ignore "no receiver"). */
export interface PopupMap {
  stage: { payload: { stage: Stage; detail?: string }; response: null };
}

export const popupSchemas = {
  stage: z.object({ stage: stageSchema, detail: z.string().max(500).optional() }),
} satisfies { [K in keyof PopupMap]: z.ZodType<PopupMap[K]['payload']> };
