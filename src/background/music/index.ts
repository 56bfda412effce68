import { createMusicController } from './controller';
import { chromeTabs } from './tabs-port';
import { DEFAULT_MUSIC_TIMING } from './timing';

export type { PlayResult } from '../../shared/messages/content';

const music = createMusicController(chromeTabs, DEFAULT_MUSIC_TIMING);

/** Finds (or opens, in the background) the site's tab, searches, and starts a playlist. */
export const playForQuery = music.playForQuery;
/** Adds songs to the end of the site's play queue. */
export const enqueue = music.enqueue;
/** play / pause / toggle / next / previous in the site's open tab. */
export const control = music.control;
/** What the site's open tab is playing; null when no tab is open. */
export const nowPlaying = music.nowPlaying;
/** Read-only site check in the site's open tab. */
export const check = music.check;
