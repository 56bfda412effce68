import { z } from 'zod';
import { imageSourceSchema, type Perception } from '../perception';
import type { PopupState } from '../state';

/** Messages the service worker answers. */
export interface BackgroundMap {
  /** Run one mood check now. */
  detect: { payload: { source: z.infer<typeof imageSourceSchema>; trigger: 'popup' | 'shortcut' | 'alarm' }; response: Perception };
  /** Everything the popup needs to draw itself. */
  getState: { payload: Record<string, never>; response: PopupState };
  /** The camera-permission page reports what the user chose. */
  cameraPermission: { payload: { granted: boolean; error?: string }; response: null };
}

export const backgroundSchemas = {
  detect: z.object({ source: imageSourceSchema, trigger: z.enum(['popup', 'shortcut', 'alarm']) }),
  getState: z.object({}).strict(),
  cameraPermission: z.object({ granted: z.boolean(), error: z.string().max(500).optional() }),
} satisfies { [K in keyof BackgroundMap]: z.ZodType<BackgroundMap[K]['payload']> };
