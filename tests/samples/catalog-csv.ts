/**
 * Catalog files shaped like the common Spotify moods data set (../shared/catalog/data_moods.csv):
 * its header, quoted names with commas, scientific notation, dd-mm-yyyy dates. Deterministic,
 * so a failing test reads the same file again; the shared file itself is never copied here.
 */
import { CATALOG_MOODS } from '../../src/shared/catalog';

export const MOODS_HEADER =
  'name,album,artist,id,release_date,popularity,length,danceability,acousticness,energy,instrumentalness,liveness,valence,loudness,speechiness,tempo,key,time_signature,mood';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A small seeded generator (Park-Miller), so every run builds the same rows. */
function random(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Row `i` (0-based) of a Spotify-moods file; every fifth name needs quotes, as in the real file. */
export function moodsRow(i: number, seed = 1): string {
  const r = random(seed * 100_003 + i);
  const f = (digits: number) => r().toFixed(digits);
  const id = Array.from({ length: 22 }, () => ALNUM[Math.floor(r() * ALNUM.length)]).join('');
  const name = i % 5 === 0 ? `Song ${i}, Part ${1 + (i % 3)}` : `Song ${i}`;
  const day = String(1 + Math.floor(r() * 28)).padStart(2, '0');
  const month = String(1 + Math.floor(r() * 12)).padStart(2, '0');
  return [
    quote(name),
    quote(`Album ${i % 37}`),
    quote(`Artist ${i % 53}`),
    id,
    `${day}-${month}-${1970 + Math.floor(r() * 50)}`,
    Math.floor(r() * 100),
    150_000 + Math.floor(r() * 200_000),
    f(3),
    r() < 0.2 ? `${(1 + r() * 8).toFixed(2)}E-05` : f(4),
    f(3),
    f(4),
    f(4),
    f(3),
    (-2 - r() * 20).toFixed(3),
    f(4),
    (60 + r() * 120).toFixed(3),
    Math.floor(r() * 12),
    4,
    CATALOG_MOODS[i % CATALOG_MOODS.length],
  ].join(',');
}

/** A whole file of `rows` tracks, LF line ends and a final newline like the real one. */
export function moodsCsv(rows: number, seed = 1): string {
  return [MOODS_HEADER, ...Array.from({ length: rows }, (_, i) => moodsRow(i, seed))].join('\n') + '\n';
}

/** The 1-based line of the first line containing `marker`, counted by the test itself. */
export function lineOf(text: string, marker: string): number {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`marker ${marker} not in the text`);
  return text.slice(0, at).split(/\r\n|\n|\r/).length;
}
