import type { Handlers } from '../../shared/messaging';
import type { Site } from '../../shared/storage-schema';
import { readItem } from '../../shared/storage';
import { check, control, enqueue, nowPlaying, playForQuery } from './index';

type MusicMessage = 'musicPlay' | 'musicControl' | 'musicNowPlaying' | 'musicEnqueue' | 'musicCheck';

/** The site named in the message, else the one the user chose in settings. */
async function siteOf(requested: Site | undefined): Promise<Site> {
  return requested ?? (await readItem('site'));
}

/** Spread into the service worker's listen('background', …) handlers. */
export const musicHandlers: Pick<Handlers<'background'>, MusicMessage> = {
  musicPlay: async ({ query, site }) => playForQuery(await siteOf(site), query),
  musicControl: async ({ action, site }) => control(await siteOf(site), action),
  musicNowPlaying: async ({ site }) => nowPlaying(await siteOf(site)),
  musicEnqueue: async ({ tracks, site }) => enqueue(await siteOf(site), tracks),
  musicCheck: ({ site }) => check(site),
};
