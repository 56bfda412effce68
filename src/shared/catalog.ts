import { z } from 'zod';
import { salvageItems, type Salvaged } from './salvage';

export const CATALOG_MOODS = ['Happy', 'Sad', 'Energetic', 'Calm'] as const;
export type CatalogMood = (typeof CATALOG_MOODS)[number];

/** Audio features used for similarity, in this order (the common Spotify moods data set's columns). */
export const FEATURES = ['danceability', 'acousticness', 'energy', 'instrumentalness', 'liveness', 'valence', 'loudness', 'speechiness', 'tempo'] as const;

export const TRACK_TEXT_MAX = 300;
export const CATALOG_NAME_MAX = 200;

/**
 * The caps keep a catalog inside chrome.storage.local's 10 MiB beside everything else MoodDJ
 * stores (and a corrupt copy of it set aside: SET_ASIDE_MAX_BYTES). The common Spotify moods
 * file has 687 tracks: 0.11 MB as CSV, 0.13 MB stored (192 bytes a track); 10,000 such tracks
 * store in 1.9 MB, and the byte cap also holds when titles run long.
 */
export const CATALOG_MAX_TRACKS = 10_000;
export const CATALOG_MAX_BYTES = 2_500_000;
/**
 * Checked before a file is read: 5 MB is 45 times the common moods file and more than 10,000
 * rows of it need, while a 39 MB export would hold the options page for seconds.
 */
export const CATALOG_FILE_MAX_BYTES = 5_000_000;

export const catalogTrackSchema = z.object({
  title: z.string().min(1).max(TRACK_TEXT_MAX),
  artist: z.string().min(1).max(TRACK_TEXT_MAX),
  mood: z.enum(CATALOG_MOODS),
  spotifyId: z
    .string()
    .regex(/^[A-Za-z0-9]{22}$/)
    .optional(),
  popularity: z.number().min(0).max(100).optional(),
  features: z.array(z.number()).length(FEATURES.length).optional(),
});
export type CatalogTrack = z.infer<typeof catalogTrackSchema>;

/** The imported catalog as stored. */
export const storedCatalogSchema = z.object({
  name: z.string().max(CATALOG_NAME_MAX),
  importedAt: z.number(),
  tracks: z.array(catalogTrackSchema).max(CATALOG_MAX_TRACKS),
});
export type StoredCatalog = z.infer<typeof storedCatalogSchema>;

/** A stored catalog that failed its schema: its valid tracks, under its own name where that is readable. */
export function salvageCatalog(raw: unknown): Salvaged<StoredCatalog | null> | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { name, importedAt, tracks } = raw as Partial<Record<keyof StoredCatalog, unknown>>;
  const items = salvageItems(catalogTrackSchema, tracks, CATALOG_MAX_TRACKS);
  if (!items) return null;
  const value = items.kept
    ? {
        name: typeof name === 'string' ? name.slice(0, CATALOG_NAME_MAX) : 'catalog',
        importedAt: typeof importedAt === 'number' && Number.isFinite(importedAt) ? importedAt : 0,
        tracks: items.value,
      }
    : null;
  return { value, kept: items.kept, of: items.of };
}

/** A catalog file MoodDJ cannot use; the message is meant for the user. */
export class CatalogError extends Error {}
