import Papa from 'papaparse';
import { z } from 'zod';

export const CATALOG_MOODS = ['Happy', 'Sad', 'Energetic', 'Calm'] as const;
export type CatalogMood = (typeof CATALOG_MOODS)[number];

/** Audio features used for similarity, in this order (the common Spotify moods data set's columns). */
export const FEATURES = ['danceability', 'acousticness', 'energy', 'instrumentalness', 'liveness', 'valence', 'loudness', 'speechiness', 'tempo'] as const;

export const catalogTrackSchema = z.object({
  title: z.string().min(1).max(300),
  artist: z.string().min(1).max(300),
  mood: z.enum(CATALOG_MOODS),
  spotifyId: z
    .string()
    .regex(/^[A-Za-z0-9]{22}$/)
    .optional(),
  popularity: z.number().min(0).max(100).optional(),
  features: z.array(z.number()).length(FEATURES.length).optional(),
});
export type CatalogTrack = z.infer<typeof catalogTrackSchema>;

export interface CatalogImport {
  tracks: CatalogTrack[];
  /** 1-based line numbers of the file, with what was wrong. */
  skipped: { line: number; reason: string }[];
  warnings: string[];
  format: 'spotify-moods' | 'minimal';
}

export class CatalogError extends Error {}

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
