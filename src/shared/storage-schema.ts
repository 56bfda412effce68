import { z } from 'zod';
import { perceptionSchema } from './perception';
import { backendSchema } from './perception';
import { isErrorCode, type AppError } from './errors';
import { EMOTIONS } from './emotions';
import { trackSchema } from './catalog';
import { historyEntrySchema, HISTORY_CAP } from './history';
import { MUSIC_STATUSES, type CheckRecord } from './state';

export const SITES = ['youtube-music', 'spotify'] as const;
export const siteSchema = z.enum(SITES);
export type Site = z.infer<typeof siteSchema>;
export const modeSchema = z.enum(['match', 'lift']);
export type Mode = z.infer<typeof modeSchema>;

const appErrorSchema = z.object({
  code: z.string().refine(isErrorCode),
  message: z.string().max(1000),
  report: z.string().max(4000).optional(),
}) as unknown as z.ZodType<AppError>;

const mappingSchema = z.object(Object.fromEntries(EMOTIONS.map((e) => [e, z.array(z.string().min(1).max(40)).min(1).max(8)])) as Record<(typeof EMOTIONS)[number], z.ZodArray<z.ZodString>>);

const musicTrackSchema = z.object({ title: z.string().max(300), artist: z.string().max(300), popularity: z.number().optional() });

export const musicOutcomeSchema = z.object({
  status: z.enum(MUSIC_STATUSES),
  error: appErrorSchema.nullable(),
  nowPlaying: z.object({ title: z.string().max(500), artist: z.string().max(500), playing: z.boolean() }).nullable(),
  tracks: z.array(musicTrackSchema).max(20),
});

export const checkRecordSchema = z.object({
  at: z.number(),
  trigger: z.enum(['popup', 'shortcut', 'alarm']),
  perception: perceptionSchema.nullable(),
  error: appErrorSchema.nullable(),
  query: z.string().max(500).nullable(),
  terms: z.array(z.string().max(40)).max(8),
  mode: modeSchema,
  site: siteSchema,
  music: musicOutcomeSchema.nullable(),
}) satisfies z.ZodType<CheckRecord>;

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
  /** The user's edited mappings; null means the built-in ones. */
  mappings: { schema: z.object({ match: mappingSchema, lift: mappingSchema }).nullable(), default: null },
  termWeights: { schema: z.partialRecord(z.enum(EMOTIONS), z.record(z.string().max(40), z.number().min(0.1).max(3))), default: {} },
  /** Per emotion, how many checks have used its terms: rotates the lead term. */
  queryTurns: { schema: z.partialRecord(z.enum(EMOTIONS), z.number().int().nonnegative()), default: {} },
  hysteresis: {
    schema: z.object({ current: z.enum(EMOTIONS).nullable(), candidate: z.enum(EMOTIONS).nullable(), streak: z.number().int().nonnegative() }),
    default: { current: null, candidate: null, streak: 0 },
  },
  /** Confident periodic checks in a row a new mood needs before the music changes. */
  hysteresisChecks: { schema: z.number().int().min(1).max(5), default: 2 },
  history: { schema: z.array(historyEntrySchema).max(HISTORY_CAP), default: [] },
  catalog: { schema: z.object({ name: z.string().max(200), importedAt: z.number(), tracks: z.array(trackSchema).max(20_000) }).nullable(), default: null },
  /** Tracks queued per check from the catalog (0 turns catalog picks off). */
  catalogPicks: { schema: z.number().int().min(0).max(10), default: 5 },
  likedTracks: { schema: z.array(z.string().max(700)).max(1000), default: [] },
  dislikedTracks: { schema: z.array(z.string().max(700)).max(1000), default: [] },
  recentTracks: { schema: z.array(z.object({ key: z.string().max(700), at: z.number() })).max(200), default: [] },
} satisfies Record<string, { schema: z.ZodType; default: unknown }>;

export type StorageSchema = typeof STORAGE_SCHEMA;
export type StorageKey = keyof StorageSchema;
export type StorageValues = { [K in StorageKey]: z.infer<StorageSchema[K]['schema']> };

export const SETTINGS_KEYS = ['mode', 'site', 'periodicEnabled', 'periodicMinutes', 'framesPerCheck', 'hysteresisChecks', 'catalogPicks'] as const satisfies readonly StorageKey[];
export type Settings = Pick<StorageValues, (typeof SETTINGS_KEYS)[number]>;
