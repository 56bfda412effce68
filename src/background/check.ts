import { appError, MoodError, toAppError } from '../shared/errors';
import { send } from '../shared/messaging';
import type { ImageSource, Perception } from '../shared/perception';
import type { CheckRecord } from '../shared/state';
import { readItems, writeItems } from '../shared/storage';
import { askForCamera } from './camera-permission';
import { buildQuery, defaultMapping } from './mood-mapping';
import { ensureOffscreen, scheduleOffscreenClose } from './offscreen-document';
import { setStage } from './stage';

/** Generous: the very first check also loads the models (slow on software GPUs). */
const ANALYZE_TIMEOUT_MS = 120_000;

let running: Promise<Perception> | null = null;

/** One check at a time; a second request while one runs shares its result. */
export function runCheck(source: ImageSource): Promise<Perception> {
  running ??= performCheck(source).finally(() => {
    running = null;
  });
  return running;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new MoodError('timeout')), ms);
    p.then(resolve, reject).finally(() => clearTimeout(t));
  });
}

async function analyze(source: ImageSource, frames: number): Promise<Perception> {
  await ensureOffscreen();
  const checkId = crypto.randomUUID();
  const reply = await withTimeout(send('offscreen', 'analyze', { source, frames, checkId }), ANALYZE_TIMEOUT_MS).catch(async (err) => {
    await send('offscreen', 'cancel', { checkId });
    throw err;
  });
  if (!reply.ok) throw new MoodError(reply.error.code, reply.error.message);
  return reply.value;
}

async function performCheck(source: ImageSource): Promise<Perception> {
  const settings = await readItems(['mode', 'site', 'framesPerCheck']);
  const record: CheckRecord = { at: Date.now(), perception: null, error: null, query: null, site: settings.site };
  try {
    await setStage(source.kind === 'camera' ? 'starting-camera' : 'finding-face');
    let perception: Perception;
    try {
      perception = await analyze(source, settings.framesPerCheck);
    } catch (err) {
      if (!(err instanceof MoodError && err.code === 'permission-needed')) throw err;
      await setStage('starting-camera', 'Waiting for camera permission');
      if (!(await askForCamera())) throw new MoodError('permission-denied');
      perception = await analyze(source, settings.framesPerCheck);
    }
    record.perception = perception;
    await setStage('choosing-music');
    record.query = buildQuery(defaultMapping(settings.mode), perception.emotion);
    await writeItems({ lastCheck: record });
    await setStage('done');
    return perception;
  } catch (err) {
    record.error = err instanceof MoodError ? appError(err.code, err.message) : toAppError(err);
    await writeItems({ lastCheck: record });
    await setStage('error', record.error.message);
    throw err;
  } finally {
    await scheduleOffscreenClose();
  }
}
