/** The pure InnerTube readers, on recorded samples shaped like real /search responses. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dig, parseListItem, parseSearchResponse, textOfRuns } from '../../../src/content/sites/ytm-data';

const DATA = resolve(import.meta.dirname, '../../fixtures/ytm-data');
const sample = (name: string): unknown => JSON.parse(readFileSync(join(DATA, `${name}.json`), 'utf8'));

/** The rows of a sample, as the row elements' `.data` would hold them. */
function rowsOf(name: string): unknown[] {
  const out: unknown[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (k === 'musicResponsiveListItemRenderer') out.push(child);
        else walk(child);
      }
    }
  };
  walk(sample(name));
  return out;
}

describe('parseSearchResponse', () => {
  it('reads the flat late-2025 search: card, then one item section of mixed rows', () => {
    const data = parseSearchResponse(sample('search-2026-flat'));
    expect(data.layout).toBe('flat');
    expect(data.loggedOut).toBe(false);
    expect(data.items.map((i) => [i.kind, i.title])).toEqual([
      ['artist', 'Pharrell Williams'],
      ['song', 'Happy'],
      ['video', 'Happy (From "Despicable Me 2")'],
      ['song', 'Happy Together'],
      ['playlist', 'Happy Pop Hits'],
      ['album', 'G I R L'],
      ['artist', 'Pharrell Williams'],
    ]);
    const playlist = data.items.find((i) => i.kind === 'playlist')!;
    expect(playlist).toMatchObject({
      playlistId: 'RDCLAK5uy_kmPRjHDECIcuVwnKsx2Ng7fyNgFKWNJFs',
      browseId: 'VLRDCLAK5uy_kmPRjHDECIcuVwnKsx2Ng7fyNgFKWNJFs',
      // The play button's watchPlaylistEndpoint, sent as the watch endpoint public projects use.
      play: { watchEndpoint: { playlistId: 'RDCLAK5uy_kmPRjHDECIcuVwnKsx2Ng7fyNgFKWNJFs' } },
    });
    const song = data.items.find((i) => i.title === 'Happy Together')!;
    expect(song).toMatchObject({ videoId: '9cQo0PgFRQs', play: { watchEndpoint: { videoId: '9cQo0PgFRQs' } }, queueAtEnd: true });
    expect(song.subtitle).toBe('Song • The Turtles • Happy Together • 2:56');
  });

  it('reads the shelved 2024 search the same way', () => {
    const data = parseSearchResponse(sample('search-2024-shelves'));
    expect(data.layout).toBe('shelves');
    expect(data.items.map((i) => i.kind)).toEqual(['artist', 'song', 'song', 'video', 'playlist', 'album']);
    expect(data.items.find((i) => i.kind === 'playlist')?.play).toEqual({ watchEndpoint: { playlistId: 'PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG' } });
  });

  it('reads a filtered (playlists) search: one titled shelf', () => {
    const data = parseSearchResponse(sample('search-filter-playlists'));
    expect(data.layout).toBe('shelves');
    expect(data.items.map((i) => [i.kind, i.title])).toEqual([
      ['playlist', 'Happy Pop Hits'],
      ['playlist', 'Happy Pop 2024'],
    ]);
  });

  it('reads "no results" as no items, both ways the response says it', () => {
    expect(parseSearchResponse(sample('search-empty'))).toEqual({ layout: 'empty', items: [], loggedOut: null });
    expect(parseSearchResponse({ responseContext: {} })).toEqual({ layout: 'empty', items: [], loggedOut: null });
  });

  it('tells a logged-out answer by the like button asking to sign in', () => {
    const data = parseSearchResponse(sample('search-logged-out'));
    expect(data.loggedOut).toBe(true);
    // It still lists the song, and its queue item: logged out, YouTube Music still plays.
    expect(data.items).toMatchObject([{ kind: 'song', title: 'Happy', videoId: 'ZbZSe6N_BXs', queueAtEnd: true }]);
  });

  it('survives responses of another shape without throwing', () => {
    for (const junk of [
      null,
      42,
      'x',
      [],
      { contents: [] },
      { contents: { sectionListRenderer: { contents: [null, 1, { musicShelfRenderer: { contents: [{}] } }] } } },
    ]) {
      expect(parseSearchResponse(junk).items).toEqual([]);
    }
  });
});

describe('parseListItem', () => {
  it('classifies by endpoints, not by text or link: a song row whose title endpoint carries a list id is still a song', () => {
    const row = structuredClone(rowsOf('search-2024-shelves')[0]) as Record<string, unknown>;
    const run = dig(row, 'flexColumns', 0, 'musicResponsiveListItemFlexColumnRenderer', 'text', 'runs', 0) as {
      text: string;
      navigationEndpoint: { watchEndpoint: Record<string, unknown> };
    };
    run.navigationEndpoint.watchEndpoint.playlistId = 'RDAMVMZbZSe6N_BXs';
    run.text = 'Happy Playlist';
    expect(parseListItem(row)).toMatchObject({ kind: 'song', title: 'Happy Playlist', videoId: 'ZbZSe6N_BXs' });
  });

  it('never offers a like/dislike command as something to run', () => {
    for (const row of rowsOf('search-2026-flat')) {
      const item = parseListItem(row)!;
      expect(JSON.stringify(item)).not.toMatch(/like/i);
    }
  });

  it('reads a playlist with only its VL browse id', () => {
    const item = parseListItem({
      flexColumns: [{ musicResponsiveListItemFlexColumnRenderer: { text: { runs: [{ text: 'Mood' }] } } }],
      navigationEndpoint: { browseEndpoint: { browseId: 'VLPL123abc' } },
    });
    expect(item).toMatchObject({ kind: 'playlist', playlistId: 'PL123abc', play: { watchEndpoint: { playlistId: 'PL123abc' } } });
  });

  it('has "Add to queue" only for INSERT_AT_END, not "Play next"', () => {
    const row = structuredClone(rowsOf('search-2024-shelves')[0]) as Record<string, unknown>;
    const items = dig(row, 'menu', 'menuRenderer', 'items') as unknown[];
    items.splice(2, 1);
    expect(parseListItem(row)?.queueAtEnd).toBe(false);
  });

  it('refuses ids that are not plain tokens', () => {
    const item = parseListItem({
      flexColumns: [
        { musicResponsiveListItemFlexColumnRenderer: { text: { runs: [{ text: 'X', navigationEndpoint: { watchEndpoint: { videoId: 'a"><img>' } } }] } } },
      ],
    });
    expect(item?.videoId).toBeUndefined();
    expect(item?.play).toBeUndefined();
  });

  it('returns null for rows without a title', () => {
    expect(parseListItem({})).toBeNull();
    expect(parseListItem(null)).toBeNull();
  });
});

describe('textOfRuns', () => {
  it('joins runs and reads simpleText', () => {
    expect(textOfRuns({ runs: [{ text: 'Song' }, { text: ' • ' }, { text: 'ABBA' }] })).toBe('Song • ABBA');
    expect(textOfRuns({ simpleText: 'Top result' })).toBe('Top result');
    expect(textOfRuns(undefined)).toBe('');
  });
});
