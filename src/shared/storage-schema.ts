import { z } from 'zod';
import { perceptionSchema } from './perception';
import { backendSchema } from './perception';
import { isErrorCode, type AppError } from './errors';

export const SITES = ['youtube-music', 'spotify'] as const;
export const siteSchema = z.enum(SITES);
export type Site = z.infer<typeof siteSchema>;
export const modeSchema = z.enum(['match', 'lift']);
export type Mode = z.infer<typeof modeSchema>;

const appErrorSchema = z.object({
  code: z.string().refine(isErrorCode),
  message: z.string().max(1000),
}) as unknown as z.ZodType<AppError>;

export const checkRecordSchema = z.object({
  at: z.number(),
  perception: perceptionSchema.nullable(),
  error: appErrorSchema.nullable(),
  query: z.string().max(500).nullable(),
  site: siteSchema,
});

/**
 * Every chrome.storage key, its schema and its default. Keys are validated one by
 * one, so a corrupt value costs only itself, never the user's other settings.
 */
export const STORAGE_SCHEMA = {
  mode: { schema: modeSchema, default: 'match' as const },
  site: { schema: siteSchema, default: 'youtube-music' as const },
  periodicEnabled: { schema: z.boolean(), default: false },
  periodicMinutes: { schema: z.number().int().min(1).max(60), default: 10 },
  framesPerCheck: { schema: z.number().int().min(1).max(15), default: 5 },
  onboarded: { schema: z.boolean(), default: false },
  /** Backend that worked last time, tried first on the next load. */
  backend: { schema: backendSchema.nullable(), default: null },
  lastCheck: { schema: checkRecordSchema.nullable(), default: null },
} satisfies Record<string, { schema: z.ZodType; default: unknown }>;

export type StorageSchema = typeof STORAGE_SCHEMA;
export type StorageKey = keyof StorageSchema;
export type StorageValues = { [K in StorageKey]: z.infer<StorageSchema[K]['schema']> };

export const SETTINGS_KEYS = ['mode', 'site', 'periodicEnabled', 'periodicMinutes', 'framesPerCheck'] as const satisfies readonly StorageKey[];
export type Settings = Pick<StorageValues, (typeof SETTINGS_KEYS)[number]>;
