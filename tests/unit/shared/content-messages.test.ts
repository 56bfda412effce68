import { describe, expect, it } from 'vitest';
import { contentSchemas, MAX_TRACKS } from '../../../src/shared/messages/content';

const track = { title: 'Levitating', artist: 'Dua Lipa' };

describe('content message schemas', () => {
  it('accept well-formed commands', () => {
    expect(contentSchemas.playQuery.safeParse({ query: 'happy pop' }).success).toBe(true);
    expect(contentSchemas.control.safeParse({ action: 'toggle' }).success).toBe(true);
    expect(contentSchemas.enqueue.safeParse({ tracks: [track, { ...track, spotifyId: '39LLxExYz6ewLAcYrzQQyP' }] }).success).toBe(true);
  });

  it.each([
    ['an empty query', 'playQuery', { query: '  ' }],
    ['a huge query', 'playQuery', { query: 'x'.repeat(201) }],
    ['an unknown action', 'control', { action: 'eject' }],
    ['no tracks', 'enqueue', { tracks: [] }],
    ['too many tracks', 'enqueue', { tracks: Array(MAX_TRACKS + 1).fill(track) }],
    ['a malformed Spotify id', 'enqueue', { tracks: [{ ...track, spotifyId: '../../logout' }] }],
    ['a track without a title', 'enqueue', { tracks: [{ title: '', artist: 'x' }] }],
    ['extra fields', 'nowPlaying', { extra: 1 }],
  ] as const)('reject %s', (_name, message, payload) => {
    expect(contentSchemas[message].safeParse(payload).success).toBe(false);
  });
});

describe('content replies about the live sites', () => {
  it('carry an ad, another device and what plays after queueing, with page text cut to length', async () => {
    const { contentResponseSchemas } = await import('../../../src/shared/messages/content');
    const ad = { title: '', artist: '', playing: true, ad: true };
    expect(contentResponseSchemas.playQuery.parse({ status: 'ad', nowPlaying: ad })).toEqual({ status: 'ad', nowPlaying: ad });
    expect(contentResponseSchemas.awaitStart.safeParse({ status: 'started', nowPlaying: null }).success).toBe(true);
    const elsewhere = contentResponseSchemas.nowPlaying.parse({ title: 'Happy', artist: 'x', playing: true, elsewhere: 'Playing on ' + 'K'.repeat(500) });
    expect(elsewhere?.elsewhere).toHaveLength(200);
    expect(contentResponseSchemas.enqueue.parse({ queued: 1, notFound: [], nowPlaying: { title: 'Happy', artist: '', playing: false } })).toMatchObject({
      nowPlaying: { playing: false },
    });
    expect(contentResponseSchemas.playQuery.safeParse({ status: 'ad', nowPlaying: { title: 'x', artist: 'y', playing: 'yes' } }).success).toBe(false);
  });
});
