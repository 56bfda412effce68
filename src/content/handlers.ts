import { MoodError } from '../shared/errors';
import type { Handlers } from '../shared/messaging';
import type { MusicSite } from './music-site';
import { siteMessage } from '../shared/sites';

/** Refuses a command up front when the page cannot take it (login wall, no player). */
function requireReady(site: MusicSite): void {
  const readiness = site.readiness();
  if (!readiness.ready) throw new MoodError(readiness.problem, siteMessage(readiness.problem, site.id));
}

export function contentHandlers(site: MusicSite): Handlers<'content'> {
  return {
    ping: () => {
      const r = site.readiness();
      const problem = r.ready ? r.hint : r.problem;
      return { site: site.id, ready: r.ready, ...(problem ? { problem } : {}), url: location.href };
    },
    playQuery: ({ query }) => {
      requireReady(site);
      return site.playPlaylistFor(query);
    },
    enqueue: ({ tracks }) => {
      requireReady(site);
      return site.enqueue(tracks);
    },
    control: async ({ action }) => {
      requireReady(site);
      if (action === 'toggle') {
        await ((await site.nowPlaying())?.playing ? site.pause() : site.play());
      } else {
        await site[action]();
      }
      return site.nowPlaying();
    },
    // No readiness gate: the check is most useful exactly when the page is not ready.
    check: () => site.check(),
    nowPlaying: () => {
      requireReady(site);
      return site.nowPlaying();
    },
  };
}
