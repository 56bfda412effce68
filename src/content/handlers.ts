import { MoodError } from '../shared/errors';
import type { Handlers } from '../shared/messaging';
import type { MusicSite } from './music-site';
import { siteMessage } from '../shared/sites';

/** Refuses a command up front when the page cannot take it (login wall, no player). */
function requireReady(site: MusicSite): void {
  const readiness = site.readiness();
  if (!readiness.ready) throw new MoodError(readiness.problem, siteMessage(readiness.problem, site.id));
}

/**
 * One play at a time in the page, the newest winning: a play that arrives while another
 * is still working (the worker gave up on it, or was restarted) stops the older one
 * before it can start anything, so one request never ends in two playbacks.
 */
function latestPlay() {
  let current: AbortController | null = null;
  return async <T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    current?.abort();
    const mine = new AbortController();
    current = mine;
    try {
      return await run(mine.signal);
    } finally {
      if (current === mine) current = null;
    }
  };
}

export function contentHandlers(site: MusicSite): Handlers<'content'> {
  const play = latestPlay();
  return {
    ping: () => {
      const r = site.readiness();
      const problem = r.ready ? r.hint : r.problem;
      return { site: site.id, ready: r.ready, ...(problem ? { problem } : {}), url: location.href };
    },
    playQuery: ({ query }) => {
      requireReady(site);
      return play(async (signal) => {
        await site.keepGoing();
        return site.playPlaylistFor(query, signal);
      });
    },
    awaitStart: () => play((signal) => site.awaitStart(signal)),
    // The player is looked at before (an idle pause undone) and after (what plays now).
    enqueue: async ({ tracks }) => {
      requireReady(site);
      await site.keepGoing();
      const result = await site.enqueue(tracks);
      return { ...result, nowPlaying: await site.nowPlaying() };
    },
    control: async ({ action }) => {
      requireReady(site);
      await site.keepGoing();
      if (action === 'toggle') {
        await ((await site.nowPlaying())?.playing ? site.pause() : site.play());
      } else {
        await site[action]();
      }
      return site.nowPlaying();
    },
    // No readiness gate: the check is most useful exactly when the page is not ready.
    check: () => site.check(),
    nowPlaying: async () => {
      requireReady(site);
      await site.keepGoing();
      return site.nowPlaying();
    },
  };
}
