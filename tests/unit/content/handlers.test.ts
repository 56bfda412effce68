import { describe, expect, it, vi } from 'vitest';
import { contentHandlers } from '../../../src/content/handlers';
import type { MusicSite } from '../../../src/content/music-site';
import { stillWanted } from '../../../src/content/sites/common';

const PAUSED = { title: 'Happy', artist: 'Pharrell Williams', playing: false };
const sender = { id: 'ext' };

/** A site whose plays take `ms` and record what actually started. */
function fakeSite(order: string[]): MusicSite {
  return {
    id: 'spotify',
    readiness: () => ({ ready: true }),
    keepGoing: vi.fn(async () => void order.push('keepGoing')),
    playPlaylistFor: async (query, signal) => {
      await new Promise((r) => setTimeout(r, query === 'slow' ? 80 : 5));
      stillWanted(signal);
      order.push(`started:${query}`);
      return { status: 'started', nowPlaying: null };
    },
    awaitStart: async () => ({ status: 'started', nowPlaying: null }),
    enqueue: async () => {
      order.push('enqueue');
      return { queued: 1, notFound: [] };
    },
    play: async () => undefined,
    pause: async () => undefined,
    next: async () => undefined,
    previous: async () => undefined,
    nowPlaying: async () => PAUSED,
    check: async () => ({ site: 'spotify', lines: [] }),
    dispose: () => undefined,
  };
}

describe('content commands', () => {
  it('one play at a time: a newer play stops an older one before it starts anything', async () => {
    const order: string[] = [];
    const handlers = contentHandlers(fakeSite(order));
    const older = Promise.resolve(handlers.playQuery({ query: 'slow' }, sender));
    await new Promise((r) => setTimeout(r, 10));
    const newer = await handlers.playQuery({ query: 'fast' }, sender);
    expect(newer).toEqual({ status: 'started', nowPlaying: null });
    await expect(older).rejects.toMatchObject({ code: 'superseded' });
    await new Promise((r) => setTimeout(r, 100));
    expect(order.filter((o) => o.startsWith('started'))).toEqual(['started:fast']);
  });

  it('look at the player before queueing (an idle pause undone) and say what plays after', async () => {
    const order: string[] = [];
    const reply = await contentHandlers(fakeSite(order)).enqueue({ tracks: [{ title: 'Levitating', artist: 'Dua Lipa' }] }, sender);
    expect(order).toEqual(['keepGoing', 'enqueue']);
    expect(reply).toEqual({ queued: 1, notFound: [], nowPlaying: PAUSED });
  });
});
