/**
 * Warming: the offscreen document, TF.js backend and models get ready before a check is asked
 * for (the popup opened, a periodic check is due), so the check itself only opens the camera.
 * Warming never opens the camera.
 */
import { send } from '../shared/messaging';
import { checkRunning } from './check';
import { ensureOffscreen, scheduleOffscreenClose } from './offscreen-document';
import { PERIODIC_ALARM, periodicBlocker } from './periodic';

export const WARM_ALARM = 'warm-before-check';
/** How long before a periodic check its models are loaded (Chrome's shortest alarm delay is 30 s). */
const WARM_AHEAD_MS = 30_000;

let warming: Promise<void> | null = null;

export function warmUp(): Promise<void> {
  warming ??= (async () => {
    try {
      await ensureOffscreen();
      const reply = await send('offscreen', 'warm', {});
      if (!reply.ok) console.info('MoodDJ: warming failed; the check will load the models', reply.error);
    } finally {
      // A check in progress closes the document on its own schedule when it ends.
      if (!checkRunning()) await scheduleOffscreenClose();
      warming = null;
    }
  })();
  return warming;
}

/** Sets the warm alarm shortly before the next periodic check, when one is scheduled far enough ahead. */
export async function scheduleWarmBeforePeriodic(): Promise<void> {
  const next = await chrome.alarms.get(PERIODIC_ALARM);
  if (!next || next.scheduledTime - WARM_AHEAD_MS <= Date.now() + WARM_AHEAD_MS) {
    await chrome.alarms.clear(WARM_ALARM);
    return;
  }
  await chrome.alarms.create(WARM_ALARM, { when: next.scheduledTime - WARM_AHEAD_MS });
}

/** The warm alarm: skipped when the periodic check would be (nobody there, no music tab). */
export async function warmForPeriodic(): Promise<void> {
  if (checkRunning() || (await periodicBlocker())) return;
  await warmUp();
}
