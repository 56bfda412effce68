import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cosine, pickTracks, trackKey } from '../../../src/background/catalog-picks';
import { CatalogError, type CatalogTrack } from '../../../src/shared/catalog';
import { parseCatalog } from '../../../src/shared/catalog-csv';
import { decodeCatalogBytes } from '../../../src/shared/catalog-decode';

const SHARED_CSV = resolve(import.meta.dirname, '../../../../shared/catalog/data_moods.csv');
const HEADER =
  'name,album,artist,id,release_date,popularity,length,danceability,acousticness,energy,instrumentalness,liveness,valence,loudness,speechiness,tempo,key,time_signature,mood';

describe('catalog import', () => {
  it('reads the minimal format and reports bad rows by line', () => {
    const csv = 'title,artist,mood\nHere Comes the Sun,The Beatles,happy\n,Nobody,Sad\nClair de Lune,Debussy,Calm\nX,Y,Grumpy\n"Comma, Song",Band,Energetic\n';
    const r = parseCatalog(csv);
    expect(r.format).toBe('minimal');
    expect(r.tracks.map((t) => t.title)).toEqual(['Here Comes the Sun', 'Clair de Lune', 'Comma, Song']);
    expect(r.skipped).toEqual([
      { line: 3, reason: 'empty title or artist' },
      { line: 5, reason: expect.stringContaining('unknown mood "Grumpy"') },
    ]);
  });

  it('reads the Spotify moods format with features, id and popularity', () => {
    const row = 'Song A,Album,Artist A,2H7PHVdQ3mXqEHXcvclTB0,27-10-1982,68,379266,0.866,0.137,0.73,0,0.0843,0.625,-8.201,0.0767,118.523,5,4,Happy';
    const bad = 'Song B,Album,Artist B,4HIwL9ii9CcXpTOTzMq0MP,16-04-2007,43,318800,oops,0.0189,0.832,0.196,0.153,0.166,-5.069,0.0492,120.255,8,4,Sad';
    const r = parseCatalog(`${HEADER}\n${row}\n${bad}\n`);
    expect(r.format).toBe('spotify-moods');
    expect(r.tracks[0]).toMatchObject({ title: 'Song A', spotifyId: '2H7PHVdQ3mXqEHXcvclTB0', popularity: 68, mood: 'Happy' });
    expect(r.tracks[0].features).toHaveLength(9);
    expect(r.skipped).toEqual([{ line: 3, reason: 'danceability is not a number' }]);
  });

  it('explains a file it cannot use', () => {
    expect(() => parseCatalog('song,singer\na,b\n')).toThrow(CatalogError);
    expect(() => parseCatalog('title,artist,mood\n')).toThrow(/no data rows/);
  });

  it('reads a Windows-1252 file with a warning', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('title,artist,mood\nCaf'), 0xe9, ...new TextEncoder().encode(',Band,Happy\n')]);
    const { text, warning } = decodeCatalogBytes(bytes);
    expect(warning).toMatch(/not UTF-8/);
    expect(parseCatalog(text).tracks[0].title).toBe('Café');
  });

  it.skipIf(!existsSync(SHARED_CSV))('imports every row of the shared moods data set', () => {
    const text = decodeCatalogBytes(readFileSync(SHARED_CSV)).text;
    const rows = text.trim().split('\n').length - 1;
    const r = parseCatalog(text);
    expect(rows).toBeGreaterThan(680);
    expect(r.skipped).toEqual([]);
    expect(r.tracks).toHaveLength(rows);
    expect(r.tracks.every((t) => t.features && t.spotifyId)).toBe(true);
    expect(new Set(r.tracks.map((t) => t.mood))).toEqual(new Set(['Happy', 'Sad', 'Energetic', 'Calm']));
  });
});

describe('catalog picks', () => {
  const t = (title: string, mood: CatalogTrack['mood'], features: number[], popularity = 50): CatalogTrack => ({
    title,
    artist: 'A',
    mood,
    features,
    popularity,
  });
  const f = (energy: number, valence: number) => [0.5, 0.5, energy, 0, 0.1, valence, -8, 0.05, 120];
  const tracks = [
    t('typical happy', 'Happy', f(0.8, 0.9)),
    t('odd happy', 'Happy', f(0.2, 0.3)),
    t('popular happy', 'Happy', f(0.75, 0.85), 100),
    t('sad', 'Sad', f(0.2, 0.1)),
    t('sad 2', 'Sad', f(0.25, 0.15)),
  ];

  it('cosine is 1 for parallel and -1 for opposite vectors', () => {
    expect(cosine([1, 2], [2, 4])).toBeCloseTo(1);
    expect(cosine([1, 0], [-1, 0])).toBeCloseTo(-1);
  });

  it('prefers tracks close to the mood centroid, then popular ones', () => {
    const picks = pickTracks(tracks, 'Happy', { count: 3 });
    expect(picks.map((p) => p.title)).toEqual(['popular happy', 'typical happy', 'odd happy']);
    expect(pickTracks(tracks, 'Happy', { count: 3, popularityWeight: 0 }).at(-1)!.title).toBe('odd happy');
  });

  it('skips recently played and disliked tracks', () => {
    const recent = new Set([trackKey(tracks[2])]);
    const disliked = new Set([trackKey(tracks[0])]);
    expect(pickTracks(tracks, 'Happy', { count: 3, recent, disliked }).map((p) => p.title)).toEqual(['odd happy']);
  });
});
