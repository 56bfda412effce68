import type { Feedback } from '../shared/messages/background';
import { applyFeedback } from '../shared/query';
import { readItems, writeItems } from '../shared/storage';
import { rememberExample } from './calibration';
import { trackKey } from './catalog-picks';
import { acceptNow } from './hysteresis';
import { withEmbedding } from './last-embedding';
import { nowPlaying } from './music';

const TRACK_LIST_CAP = 1000;

/**
 * Feedback changes future choices in ways a user can predict: thumbs re-weigh the
 * search terms that produced the music (and remember the track playing), and an
 * override both corrects the history (exported with it, as a labelled example) and
 * makes the music follow the emotion the user named.
 */
export async function applyUserFeedback(feedback: Feedback): Promise<void> {
  const s = await readItems(['lastCheck', 'history', 'termWeights', 'likedTracks', 'dislikedTracks', 'site']);
  const last = s.lastCheck;
  if (!last?.perception) return;
  const history = [...s.history];
  const entry = history.findLast((h) => h.at === last.at);
  if (feedback.kind === 'override') {
    if (entry) entry.feedback = { override: feedback.emotion };
    await writeItems({ history, hysteresis: acceptNow(feedback.emotion) });
    // The user named the right mood for their own face: a labelled example for calibration.
    await rememberExample(await withEmbedding(last.at, last.perception), feedback.emotion, 'correction');
    return;
  }
  const liked = feedback.kind === 'up';
  if (entry) entry.feedback = feedback.kind;
  const playing = await nowPlaying(s.site).catch(() => null);
  const key = playing?.title ? trackKey({ title: playing.title, artist: playing.artist }) : null;
  const add = (list: string[]) => (key ? [...list.filter((k) => k !== key), key].slice(-TRACK_LIST_CAP) : list);
  const drop = (list: string[]) => (key ? list.filter((k) => k !== key) : list);
  await writeItems({
    history,
    termWeights: applyFeedback(s.termWeights, last.perception.emotion, last.terms, liked),
    likedTracks: liked ? add(s.likedTracks) : drop(s.likedTracks),
    dislikedTracks: liked ? drop(s.dislikedTracks) : add(s.dislikedTracks),
  });
}
