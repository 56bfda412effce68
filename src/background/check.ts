import { prototypes, type Prototype } from '../shared/calibration';
import { MoodError, toAppError } from '../shared/errors';
import type { Emotion } from '../shared/emotions';
import { appendHistory, type HistoryEntry } from '../shared/history';
import { send } from '../shared/messaging';
import type { ImageSource, Perception } from '../shared/perception';
import type { CheckRecord } from '../shared/state';
import { readItems, writeItems } from '../shared/storage';
import { isPeriodic, type Trigger } from '../shared/trigger';
import { askForCamera } from './camera-permission';
import { chooseMusic, type Choice } from './music-choice';
import { playChoice } from './music-step';
import { keepEmbedding } from './last-embedding';
import { ensureOffscreen, scheduleOffscreenClose } from './offscreen-document';
import { setStage } from './stage';
import { t } from '../shared/i18n/t';

/** Generous: the very first check also loads the models (slow on software GPUs). */
const ANALYZE_TIMEOUT_MS = 120_000;

let running: Promise<Perception> | null = null;

/** One check at a time; a second request while one runs shares its result. */
export function runCheck(source: ImageSource, trigger: Trigger): Promise<Perception> {
  running ??= performCheck(source, trigger).finally(() => {
    running = null;
  });
  return running;
}

export function checkRunning(): boolean {
  return running !== null;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new MoodError('timeout')), ms);
    p.then(resolve, reject).finally(() => clearTimeout(t));
  });
}

async function analyze(source: ImageSource, frames: number, calibration?: Prototype[]): Promise<Perception> {
  const checkId = crypto.randomUUID();
  const attempt = async () => {
    await ensureOffscreen();
    return withTimeout(send('offscreen', 'analyze', { source, frames, checkId, calibration }), ANALYZE_TIMEOUT_MS).catch(async (err) => {
      await send('offscreen', 'cancel', { checkId });
      throw err;
    });
  };
  let reply = await attempt();
  // The document can close between ensureOffscreen() and the send (Chrome or the user closed
  // it); nothing was captured yet, so one fresh document is a safe retry.
  if (!reply.ok && reply.error.code === 'not-listening') reply = await attempt();
  if (!reply.ok) throw new MoodError(reply.error.code, reply.error.message);
  return reply.value;
}

/** A reading from the offscreen document, asking for the camera first when a person is there to answer. */
export async function analyzeWithPermission(source: ImageSource, frames: number, trigger: Trigger, calibration?: Prototype[]): Promise<Perception> {
  try {
    return await analyze(source, frames, calibration);
  } catch (err) {
    // Only a person at the popup can answer a permission prompt; periodic checks just fail.
    if (!(err instanceof MoodError && err.code === 'permission-needed') || isPeriodic(trigger)) throw err;
    await setStage('starting-camera', 'camera-permission');
    if (!(await askForCamera())) throw new MoodError('permission-denied');
    return analyze(source, frames, calibration);
  }
}

const CHOICE_KEYS = [
  'mode',
  'site',
  'mappings',
  'termWeights',
  'queryTurns',
  'hysteresis',
  'hysteresisChecks',
  'catalog',
  'catalogPicks',
  'recentTracks',
  'likedTracks',
  'dislikedTracks',
  'history',
] as const;
type ChoiceSettings = Awaited<ReturnType<typeof readItems<(typeof CHOICE_KEYS)[number]>>>;

function musicFor(s: ChoiceSettings, emotion: Emotion, notSure: boolean, trigger: Trigger): Choice {
  return chooseMusic({
    emotion,
    notSure,
    trigger,
    mode: s.mode,
    mappings: s.mappings,
    weights: s.termWeights,
    turns: s.queryTurns,
    hysteresis: s.hysteresis,
    hysteresisChecks: s.hysteresisChecks,
    catalog: s.catalog?.tracks ?? null,
    catalogPicks: s.catalogPicks,
    recent: new Set(s.recentTracks.map((r) => r.key)),
    liked: new Set(s.likedTracks),
    disliked: new Set(s.dislikedTracks),
  });
}

/**
 * A check the user asked for that reads below the not-sure bar asks instead of acting: the
 * popup offers the two likeliest moods and nothing plays until one is picked (pickMood).
 * Periodic checks already leave the music alone when unsure (hysteresis).
 */
export function awaitsPick(trigger: Trigger, notSure: boolean): boolean {
  return notSure && trigger !== 'alarm';
}

async function performCheck(source: ImageSource, trigger: Trigger): Promise<Perception> {
  const at = Date.now();
  const [s] = await Promise.all([
    readItems([...CHOICE_KEYS, 'framesPerCheck', 'calibration']),
    setStage(source.kind === 'camera' ? 'starting-camera' : 'finding-face'),
  ]);
  const record: CheckRecord = { at, trigger, perception: null, error: null, query: null, terms: [], mode: s.mode, site: s.site, music: null };
  try {
    const perception = await analyzeWithPermission(source, s.framesPerCheck, trigger, prototypes(s.calibration));
    record.perception = perception;
    // No pixels in storage, ever, and the face's embedding only in memory (last-embedding.ts).
    const { crop: _crop, heatmap: _heatmap, embedding: _embedding, ...withoutPixels } = perception;
    const kept = keepEmbedding(at, perception);
    const entry: HistoryEntry = {
      at: record.at,
      emotion: perception.emotion,
      confidence: perception.confidence,
      probabilities: perception.probabilities,
      mode: s.mode,
      trigger,
      query: null,
      terms: [],
      tracks: [],
      site: s.site,
      feedback: null,
    };
    if (awaitsPick(trigger, perception.notSure)) {
      // The crop and heatmap go to the popup in the reply only.
      await Promise.all([kept, writeItems({ lastCheck: { ...record, perception: withoutPixels }, history: appendHistory(s.history, entry) })]);
      await setStage('done');
      return perception;
    }
    const stageShown = setStage('choosing-music');
    const choice = musicFor(s, perception.emotion, perception.notSure, trigger);
    record.query = choice.query;
    record.terms = choice.terms;
    record.music = {
      status: choice.action === 'none' ? 'unchanged' : 'pending',
      error: null,
      nowPlaying: null,
      tracks: choice.picks.map(({ title, artist, popularity }) => ({ title, artist, popularity })),
    };
    await Promise.all([
      stageShown,
      kept,
      writeItems({
        lastCheck: { ...record, perception: withoutPixels },
        hysteresis: choice.hysteresis,
        queryTurns: choice.turns,
        history: appendHistory(s.history, {
          ...entry,
          query: choice.query,
          terms: choice.terms,
          tracks: record.music.tracks.map(({ title, artist }) => ({ title, artist })),
        }),
      }),
    ]);
    await setStage('done');
    // The reading is shown at once; the music follows (sites can take seconds).
    if (choice.action !== 'none') void playChoice(record.at, s.site, choice);
    return perception;
  } catch (err) {
    record.error = toAppError(err);
    await writeItems({ lastCheck: record });
    // The popup shows the error from the reply; the stage only says the check ended.
    await setStage('error');
    throw err;
  } finally {
    // Not awaited: the reply need not wait for the alarm to be set.
    void scheduleOffscreenClose();
  }
}

/**
 * The user picked the mood of an unsure check: the pick becomes a labelled example (the
 * history entry's override, which moves the not-sure bar) and the music starts for it.
 */
export async function pickMood(emotion: Emotion): Promise<CheckRecord> {
  const s = await readItems([...CHOICE_KEYS, 'lastCheck']);
  const last = s.lastCheck;
  if (!last?.perception || !awaitsPick(last.trigger, last.perception.notSure) || last.music !== null) {
    throw new MoodError('bad-message', t('error_no_pick_waiting'));
  }
  const choice = musicFor(s, emotion, false, last.trigger);
  const tracks = choice.picks.map(({ title, artist, popularity }) => ({ title, artist, popularity }));
  const record: CheckRecord = { ...last, query: choice.query, terms: choice.terms, music: { status: 'pending', error: null, nowPlaying: null, tracks } };
  const history = s.history.map((h) =>
    h.at === last.at
      ? { ...h, feedback: { override: emotion }, query: choice.query, terms: choice.terms, tracks: tracks.map(({ title, artist }) => ({ title, artist })) }
      : h,
  );
  await writeItems({ lastCheck: record, hysteresis: choice.hysteresis, queryTurns: choice.turns, history });
  void playChoice(record.at, record.site, choice);
  return record;
}
