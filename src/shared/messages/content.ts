import { z } from 'zod';

/** Messages the streaming-site content scripts answer (filled in by the site adapters). */
export interface ContentMap {
  ping: { payload: Record<string, never>; response: { site: 'youtube-music' | 'spotify'; ready: boolean } };
}

export const contentSchemas = {
  ping: z.object({}).strict(),
} satisfies { [K in keyof ContentMap]: z.ZodType<ContentMap[K]['payload']> };
