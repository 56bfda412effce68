import type { CatalogTrack } from '../shared/catalog';
import { toAppError } from '../shared/errors';
import { send } from '../shared/messaging';
import { trackLabel } from '../shared/messages/content';
import type { MusicOutcome } from '../shared/state';
import { readItems, writeItems } from '../shared/storage';
import type { Site } from '../shared/storage-schema';
import { trackKey } from './catalog-picks';
import type { Choice } from './music-choice';
import { enqueue, playForQuery } from './music';

const RECENT_CAP = 200;

/** Records the music outcome on the check it belongs to (unless a newer check replaced it). */
async function settle(checkAt: number, outcome: MusicOutcome): Promise<void> {
  const { lastCheck } = await readItems(['lastCheck']);
  if (lastCheck?.at === checkAt) await writeItems({ lastCheck: { ...lastCheck, music: outcome } });
  await send('popup', 'music', { checkAt, music: outcome });
}

/** A step that failed even to record its outcome still tells an open popup, and never blocks the next. */
async function settleOrReport(checkAt: number, outcome: MusicOutcome): Promise<void> {
  try {
    await settle(checkAt, outcome);
  } catch (err) {
    console.error('MoodDJ: could not record the music outcome:', err);
    await send('popup', 'music', { checkAt, music: { status: 'failed', error: toAppError(err), nowPlaying: null, tracks: [] } });
  }
}

let latest = 0;
let chain: Promise<void> = Promise.resolve();

/**
 * Plays (a check the user asked for) or queues (periodic, so no track is cut) the
 * chosen music, then the catalog picks. One at a time, and a check that a newer one
 * overtook while waiting is dropped: only the latest mood should reach the speakers.
 * Failures are reported, never thrown: the reading itself already succeeded.
 */
export function playChoice(checkAt: number, site: Site, choice: Choice): Promise<void> {
  latest = Math.max(latest, checkAt);
  // A failure here must not reject the chain: every later check would then play nothing.
  chain = chain
    .then(() => (checkAt === latest ? perform(checkAt, site, choice) : undefined))
    .catch((err: unknown) => console.error('MoodDJ: music step failed:', err));
  return chain;
}

async function perform(checkAt: number, site: Site, choice: Choice): Promise<void> {
  const tracks = choice.picks.map(({ title, artist, popularity }) => ({ title, artist, popularity }));
  const outcome: MusicOutcome = { status: 'pending', error: null, nowPlaying: null, tracks };
  // A progress note written while the music starts; the final outcome is written after it.
  let interim: Promise<void> = Promise.resolve();
  try {
    const toQueue = choice.picks.map((t: CatalogTrack) => ({ title: t.title, artist: t.artist, ...(t.spotifyId ? { spotifyId: t.spotifyId } : {}) }));
    if (choice.action === 'play') {
      // An ad before the music: the popup says so while the start is confirmed after it.
      const onAd = (nowPlaying: MusicOutcome['nowPlaying']) => {
        interim = settle(checkAt, { ...outcome, status: 'ad', nowPlaying }).catch(() => undefined);
      };
      const played = await playForQuery(site, choice.query, { onAd });
      // Still an ad when the wait ran out: the music follows it, and the popup says that.
      outcome.status = played.nowPlaying?.ad ? 'ad' : 'playing';
      outcome.nowPlaying = played.nowPlaying;
      outcome.error = played.warning ?? null;
      // The playlist is playing either way; a catalog song the site cannot find is a note, not a failure.
      if (toQueue.length) {
        const queued = await enqueue(site, toQueue).catch((err: unknown) => {
          outcome.error = toAppError(err);
          return null;
        });
        if (queued?.notFound.length) outcome.tracks = tracks.filter((t) => !queued.notFound.includes(trackLabel(t)));
      }
    } else {
      // Without a catalog, the query itself is queued: the site's top song for it.
      const queued = await enqueue(site, toQueue.length ? toQueue : [{ title: choice.query, artist: '', topResult: true }]);
      outcome.status = 'queued';
      // What plays after queueing (paused, an ad): the popup never says "queued" into a paused player without saying so.
      outcome.nowPlaying = queued.nowPlaying ?? null;
    }
    if (choice.picks.length) {
      const { recentTracks } = await readItems(['recentTracks']);
      const now = Date.now();
      const fresh = choice.picks.map((t) => ({ key: trackKey(t), at: now }));
      await writeItems({ recentTracks: [...recentTracks, ...fresh].slice(-RECENT_CAP) });
    }
  } catch (err) {
    outcome.status = 'failed';
    outcome.error = toAppError(err);
  }
  await interim;
  await settleOrReport(checkAt, outcome);
}
