import { FEATURES, type CatalogMood, type CatalogTrack } from '../shared/catalog';

export interface PickOptions {
  count: number;
  /** Track keys played recently: never picked again until they age out. */
  recent?: ReadonlySet<string>;
  liked?: ReadonlySet<string>;
  disliked?: ReadonlySet<string>;
  /** Share of the score that comes from popularity (0..1); the rest is similarity. */
  popularityWeight?: number;
}

export const trackKey = (t: Pick<CatalogTrack, 'spotifyId' | 'title' | 'artist'>): string =>
  t.spotifyId ?? `${t.title.toLowerCase()}|${t.artist.toLowerCase()}`;

/** Mean and spread per feature, so tempo (~120) does not drown valence (0..1). */
export function featureStats(tracks: readonly CatalogTrack[]): { mean: number[]; std: number[] } {
  const withF = tracks.filter((t) => t.features);
  const mean = FEATURES.map((_, k) => withF.reduce((s, t) => s + t.features![k], 0) / Math.max(1, withF.length));
  const std = FEATURES.map((_, k) => {
    const v = withF.reduce((s, t) => s + (t.features![k] - mean[k]) ** 2, 0) / Math.max(1, withF.length);
    return Math.sqrt(v) || 1;
  });
  return { mean, std };
}

export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0,
    na = 0,
    nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * The tracks that best fit a mood: cosine similarity of standardised audio features to
 * the mood's centroid, blended with popularity; liked tracks get a nudge, disliked and
 * recently played ones are left out.
 */
export function pickTracks(tracks: readonly CatalogTrack[], mood: CatalogMood, opts: PickOptions): CatalogTrack[] {
  const w = opts.popularityWeight ?? 0.25;
  const candidates = tracks.filter((t) => t.mood === mood && !opts.recent?.has(trackKey(t)) && !opts.disliked?.has(trackKey(t)));
  const { mean, std } = featureStats(tracks);
  const z = (f: readonly number[]) => f.map((v, k) => (v - mean[k]) / std[k]);
  const ofMood = tracks.filter((t) => t.mood === mood && t.features);
  const centroid = FEATURES.map((_, k) => ofMood.reduce((s, t) => s + z(t.features!)[k], 0) / Math.max(1, ofMood.length));
  const scored = candidates.map((t) => {
    const similarity = t.features ? cosine(z(t.features), centroid) : 0;
    const popularity = (t.popularity ?? 50) / 100;
    const liked = opts.liked?.has(trackKey(t)) ? 0.1 : 0;
    return { t, score: (1 - w) * similarity + w * popularity + liked };
  });
  scored.sort((a, b) => b.score - a.score || a.t.title.localeCompare(b.t.title));
  return scored.slice(0, opts.count).map((s) => s.t);
}
