import Papa from 'papaparse';
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
 * file has 686 tracks: 0.11 MB as CSV, 0.13 MB stored (192 bytes a track); 10,000 such tracks
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

export interface CatalogImport {
  tracks: CatalogTrack[];
  /** 1-based line numbers of the file, with what was wrong. */
  skipped: { line: number; reason: string }[];
  warnings: string[];
  format: 'spotify-moods' | 'minimal';
}

/** Decodes a file's bytes: UTF-8, or Windows-1252 with a warning (spreadsheet exports). */
export function decodeCatalogBytes(bytes: Uint8Array): { text: string; warning?: string } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '') };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), warning: 'The file is not UTF-8; it was read as Windows-1252. Check accented names.' };
  }
}

const norm = (h: string) => h.trim().toLowerCase();

function moodOf(raw: string | undefined): CatalogMood | null {
  const m = (raw ?? '').trim().toLowerCase();
  return CATALOG_MOODS.find((x) => x.toLowerCase() === m) ?? null;
}

/**
 * Reads either the Spotify moods format (name, artist, id, popularity, audio features,
 * mood) or a minimal one (title, artist, mood). Bad rows are reported by line and
 * skipped; the rest imports.
 */
export function parseCatalog(text: string): CatalogImport {
  const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: 'greedy' });
  const rows = parsed.data;
  if (rows.length < 2) throw new CatalogError('The file has no data rows.');
  const header = rows[0].map(norm);
  const col = (name: string) => header.indexOf(name);
  const titleCol = col('name') >= 0 ? col('name') : col('title');
  const artistCol = col('artist');
  const moodCol = col('mood');
  if (titleCol < 0 || artistCol < 0 || moodCol < 0) {
    throw new CatalogError(`Missing columns: the file needs name (or title), artist and mood. Found: ${rows[0].join(', ')}.`);
  }
  const featureCols = FEATURES.map(col);
  const full = featureCols.every((c) => c >= 0);
  const idCol = col('id');
  const popCol = col('popularity');

  const tracks: CatalogTrack[] = [];
  const skipped: CatalogImport['skipped'] = [];
  const seen = new Set<string>();
  rows.slice(1).forEach((row, i) => {
    const line = i + 2;
    const cell = (c: number) => (c >= 0 ? (row[c] ?? '').trim() : '');
    if (row.length !== header.length) return skipped.push({ line, reason: `expected ${header.length} fields, found ${row.length}` });
    const mood = moodOf(cell(moodCol));
    if (!mood) return skipped.push({ line, reason: `unknown mood "${cell(moodCol)}" (use ${CATALOG_MOODS.join(', ')})` });
    const track: CatalogTrack = { title: cell(titleCol), artist: cell(artistCol), mood };
    if (!track.title || !track.artist) return skipped.push({ line, reason: 'empty title or artist' });
    if (full) {
      const values = featureCols.map((c) => Number(cell(c)));
      const bad = values.findIndex((v, k) => cell(featureCols[k]) === '' || !Number.isFinite(v));
      if (bad >= 0) return skipped.push({ line, reason: `${FEATURES[bad]} is not a number` });
      track.features = values;
      const pop = Number(cell(popCol));
      if (popCol >= 0 && cell(popCol) !== '' && Number.isFinite(pop) && pop >= 0 && pop <= 100) track.popularity = pop;
      if (idCol >= 0 && /^[A-Za-z0-9]{22}$/.test(cell(idCol))) track.spotifyId = cell(idCol);
    }
    const check = catalogTrackSchema.safeParse(track);
    if (!check.success) return skipped.push({ line, reason: check.error.issues[0]?.message ?? 'invalid row' });
    const key = track.spotifyId ?? `${track.title.toLowerCase()}|${track.artist.toLowerCase()}`;
    if (seen.has(key)) return skipped.push({ line, reason: 'duplicate track' });
    seen.add(key);
    tracks.push(check.data);
  });
  if (!tracks.length)
    throw new CatalogError(`No usable rows: all ${skipped.length} rows were skipped (first: line ${skipped[0]?.line}: ${skipped[0]?.reason}).`);
  return { tracks, skipped, warnings: [], format: full ? 'spotify-moods' : 'minimal' };
}
