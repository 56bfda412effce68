/**
 * The offscreen document holds the camera and the models. Chrome allows one per
 * extension; concurrent callers share a single creation promise so two checks started
 * together can never race into a "Only a single offscreen document may be created" error.
 */
import { OFFSCREEN_PATH as PATH } from '../shared/senders';

const IDLE_ALARM = 'close-offscreen';
/** Kept open a while after a check so the next one skips model loading. */
const IDLE_MINUTES = 5;

let creating: Promise<void> | null = null;

async function exists(): Promise<boolean> {
  const contexts = await chrome.runtime.getContexts({
    contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT],
    documentUrls: [chrome.runtime.getURL(PATH)],
  });
  return contexts.length > 0;
}

export async function ensureOffscreen(): Promise<void> {
  await chrome.alarms.clear(IDLE_ALARM);
  // The document exists as soon as creation starts, but listens only once loaded: a caller that
  // comes while another creates it (warming, then the click) waits for the load too.
  if (creating) return creating;
  if (await exists()) return;
  creating ??= chrome.offscreen
    .createDocument({
      url: PATH,
      reasons: [chrome.offscreen.Reason.USER_MEDIA],
      justification: 'Reads a few webcam frames on this machine to recognise the facial expression.',
    })
    .catch(async (err: unknown) => {
      // Another path (e.g. a worker instance before a restart) may have won the race.
      if (!(await exists())) throw err;
    })
    .finally(() => {
      creating = null;
    });
  await creating;
}

export async function scheduleOffscreenClose(): Promise<void> {
  await chrome.alarms.create(IDLE_ALARM, { delayInMinutes: IDLE_MINUTES });
}

export async function closeOffscreen(): Promise<void> {
  if (await exists()) await chrome.offscreen.closeDocument().catch(() => undefined);
}

export function isOffscreenIdleAlarm(alarm: chrome.alarms.Alarm): boolean {
  return alarm.name === IDLE_ALARM;
}
