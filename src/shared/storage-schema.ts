import { z } from 'zod';
import { perceptionSchema } from './perception';
import { appErrorSchema } from './errors';
import { EMOTIONS } from './emotions';
import { calibrationSchema, salvageCalibration } from './calibration';
import { salvageCatalog, storedCatalogSchema } from './catalog';
import { historyEntrySchema, HISTORY_CAP } from './history';
import { nowPlayingSchema } from './messages/content';
import { modeSchema } from './mood-mapping';
import { MAX_TERM_LENGTH, MAX_TERMS } from './query';
import { salvageItems, type Salvaged } from './salvage';
import { setAsideSchema } from './set-aside';
import { siteSchema } from './sites';
import { triggerSchema } from './trigger';

// Settings name these; their definitions live with the idea they belong to.
export { SITES, siteSchema, type Site } from './sites';
export { modeSchema, type Mode } from './mood-mapping';

const mappingSchema = z.object(
  Object.fromEntries(EMOTIONS.map((e) => [e, z.array(z.string().min(1).max(MAX_TERM_LENGTH)).min(1).max(MAX_TERMS)])) as Record<
    (typeof EMOTIONS)[number],
    z.ZodArray<z.ZodString>
  >,
);

const musicTrackSchema = z.object({ title: z.string().max(300), artist: z.string().max(300), popularity: z.number().optional() });

/** `ad`: the music was started and an ad plays before it; the music follows the ad. */
export const MUSIC_STATUSES = ['pending', 'ad', 'playing', 'queued', 'unchanged', 'failed'] as const;

/** What the music side did with a check (it runs after the reading is shown). */
export const musicOutcomeSchema = z.object({
  status: z.enum(MUSIC_STATUSES),
  error: appErrorSchema.nullable(),
  nowPlaying: nowPlayingSchema.nullable(),
  /** Catalog picks queued after the playlist. */
  tracks: z.array(musicTrackSchema).max(20),
});

export const checkRecordSchema = z.object({
  at: z.number(),
  trigger: triggerSchema,
  perception: perceptionSchema.nullable(),
  error: appErrorSchema.nullable(),
  query: z.string().max(500).nullable(),
  /** Mapping terms the query came from, shown as "why" and re-weighed by feedback. */
  terms: z.array(z.string().max(MAX_TERM_LENGTH)).max(MAX_TERMS),
  mode: modeSchema,
  site: siteSchema,
  music: musicOutcomeSchema.nullable(),
});

/** A storage key: its schema, its default, and for lists how to keep the valid part of a corrupt value. */
export interface KeyDefinition {
  schema: z.ZodType;
  default: unknown;
  /** Null when nothing can be kept (then the default stands). */
  salvage?: (raw: unknown) => Salvaged<unknown> | null;
}

/** A list kept newest last: a corrupt one keeps its valid items, item by item. */
function listKey<T extends z.ZodType>(item: T, max: number) {
  return { schema: z.array(item).max(max), default: [] as z.infer<T>[], salvage: (raw: unknown) => salvageItems(item, raw, max) };
}

/**
 * Every chrome.storage key, its schema and its default. Keys are validated one by
 * one, so a corrupt value costs only itself, never the user's other settings; lists
 * keep their valid items; what failed is kept aside under `setAside` (src/shared/storage.ts).
 */
export const STORAGE_SCHEMA = {
  mode: { schema: modeSchema, default: 'match' as const },
  site: { schema: siteSchema, default: 'youtube-music' as const },
  periodicEnabled: { schema: z.boolean(), default: false },
  periodicMinutes: { schema: z.number().int().min(1).max(60), default: 10 },
  framesPerCheck: { schema: z.number().int().min(1).max(15), default: 5 },
  onboarded: { schema: z.boolean(), default: false },
  lastCheck: { schema: checkRecordSchema.nullable(), default: null },
  /** The user's edited mappings; null means the built-in ones. */
  mappings: { schema: z.object({ match: mappingSchema, lift: mappingSchema }).nullable(), default: null },
  termWeights: { schema: z.partialRecord(z.enum(EMOTIONS), z.record(z.string().max(MAX_TERM_LENGTH), z.number().min(0.1).max(3))), default: {} },
  /** Per emotion, how many checks have used its terms: rotates the lead term. */
  queryTurns: { schema: z.partialRecord(z.enum(EMOTIONS), z.number().int().nonnegative()), default: {} },
  hysteresis: {
    schema: z.object({ current: z.enum(EMOTIONS).nullable(), candidate: z.enum(EMOTIONS).nullable(), streak: z.number().int().nonnegative() }),
    default: { current: null, candidate: null, streak: 0 },
  },
  /** Confident periodic checks in a row a new mood needs before the music changes. */
  hysteresisChecks: { schema: z.number().int().min(1).max(5), default: 2 },
  history: listKey(historyEntrySchema, HISTORY_CAP),
  catalog: { schema: storedCatalogSchema.nullable(), default: null, salvage: salvageCatalog },
  /** Tracks queued per check from the catalog (0 turns catalog picks off). */
  catalogPicks: { schema: z.number().int().min(0).max(10), default: 5 },
  likedTracks: listKey(z.string().max(700), 1000),
  dislikedTracks: listKey(z.string().max(700), 1000),
  /** Personal calibration examples: embeddings and outputs, never pixels (src/shared/calibration.ts). */
  calibration: { schema: calibrationSchema, default: [], salvage: salvageCalibration },
  recentTracks: listKey(z.object({ key: z.string().max(700), at: z.number() }), 200),
  /** Stored values that failed their schema, as they were (src/shared/set-aside.ts). */
  setAside: { schema: setAsideSchema, default: [] },
} satisfies Record<string, KeyDefinition>;

export type StorageSchema = typeof STORAGE_SCHEMA;
export type StorageKey = keyof StorageSchema;
export type StorageValues = { [K in StorageKey]: z.infer<StorageSchema[K]['schema']> };

export const SETTINGS_KEYS = [
  'mode',
  'site',
  'periodicEnabled',
  'periodicMinutes',
  'framesPerCheck',
  'hysteresisChecks',
  'catalogPicks',
] as const satisfies readonly StorageKey[];
export type Settings = Pick<StorageValues, (typeof SETTINGS_KEYS)[number]>;

type NumberKey = { [K in StorageKey]: StorageSchema[K]['schema'] extends z.ZodNumber ? K : never }[StorageKey];

/** The bounds a number setting's schema allows, so form fields never retype them. */
export function rangeOf(key: NumberKey): { min: number; max: number } {
  const schema: z.ZodNumber = STORAGE_SCHEMA[key].schema;
  return { min: schema.minValue ?? -Infinity, max: schema.maxValue ?? Infinity };
}
