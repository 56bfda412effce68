import { listen } from '../shared/messaging';
import { readItems, readSettings } from '../shared/storage';
import { captureExample, rememberExample } from './calibration';
import { reportCameraPermission } from './camera-permission';
import { checkRunning, pickMood, runCheck } from './check';
import { applyUserFeedback } from './feedback';
import { reinjectOpenTabs } from './music/content-scripts';
import { musicHandlers } from './music/handlers';
import { withEmbedding } from './last-embedding';
import { closeOffscreen, isOffscreenIdleAlarm } from './offscreen-document';
import { nextPeriodicCheck, PERIODIC_ALARM, periodicBlocker, syncPeriodicAlarm } from './periodic';
import { showBadge } from './badge';
import { currentStage } from './stage';
import { scheduleWarmBeforePeriodic, WARM_ALARM, warmForPeriodic, warmUp } from './warm';

// Content scripts live in the music site's renderer, which a hostile page may control: they must
// not read the history or calibration, nor switch on periodic checks. chrome.storage.local is open
// to them unless closed (Chrome 140+, the manifest's minimum); the setting persists, and is made
// again at every start so an update or a profile copied from an older Chrome cannot leave it open.
void chrome.storage.local
  .setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' })
  .catch((err: unknown) => console.error('MoodDJ: could not close storage to content scripts:', err));

// Listeners are registered synchronously at start-up: Chrome restarts the worker for an
// event and only delivers it to listeners that exist by the end of the first turn.
listen('background', {
  detect: ({ source, trigger }) => runCheck(source, trigger),
  getState: async () => {
    const [settings, { lastCheck, onboarded, history }, nextCheckAt] = await Promise.all([
      readSettings(),
      readItems(['lastCheck', 'onboarded', 'history']),
      nextPeriodicCheck(),
    ]);
    const weekAgo = Date.now() - 7 * 24 * 3600_000;
    return { stage: currentStage(), last: lastCheck, settings, nextCheckAt, onboarded, recent: history.filter((h) => h.at >= weekAgo) };
  },
  cameraPermission: ({ granted }) => {
    reportCameraPermission(granted);
    return null;
  },
  feedback: async (feedback) => {
    await applyUserFeedback(feedback);
    return null;
  },
  pickMood: async ({ emotion }) => {
    const record = await pickMood(emotion);
    // The user named the mood of their own face: a labelled example for calibration too.
    if (record.perception) await rememberExample(await withEmbedding(record.at, record.perception), emotion, 'correction');
    return null;
  },
  calibrate: ({ source, emotion }) => captureExample(source, emotion),
  warm: () => {
    // Answered at once: the popup does not wait for the models.
    void warmUp().catch((err: unknown) => console.info('MoodDJ: warming failed:', err));
    return null;
  },
  ...musicHandlers,
});

chrome.alarms.onAlarm.addListener((alarm) => {
  if (isOffscreenIdleAlarm(alarm)) void closeOffscreen();
  if (alarm.name === PERIODIC_ALARM) void periodicCheck().finally(() => void scheduleWarmBeforePeriodic());
  if (alarm.name === WARM_ALARM) void warmForPeriodic();
});

async function periodicCheck(): Promise<void> {
  if (checkRunning()) return;
  const blocker = await periodicBlocker();
  if (blocker) return console.info(`MoodDJ: periodic check skipped (${blocker}).`);
  // A failed periodic capture (camera busy elsewhere, nobody in front of it) is skipped
  // quietly: the popup shows it only if opened, and the next alarm tries again.
  await runCheck({ kind: 'camera' }, 'alarm').catch((err: unknown) => console.info('MoodDJ: periodic check failed:', err));
}

chrome.commands.onCommand.addListener((command) => {
  if (command === 'detect-mood') void runCheck({ kind: 'camera' }, 'shortcut').catch(() => undefined);
});

chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local') return;
  if ('periodicEnabled' in changes || 'periodicMinutes' in changes) void syncPeriodicAlarm().then(scheduleWarmBeforePeriodic);
  if ('lastCheck' in changes) void showBadge();
});
chrome.runtime.onInstalled.addListener(({ reason }) => {
  void syncPeriodicAlarm().then(scheduleWarmBeforePeriodic);
  // A new or updated extension unpacks MediaPipe's runtime once (src/offscreen/assets/packed-wasm.ts):
  // done now, in the background, rather than while the user waits on the first Detect.
  if (reason === 'install' || reason === 'update') void warmUp().catch((err: unknown) => console.info('MoodDJ: warming after install failed:', err));
  // Chrome gives tabs that were already open no content scripts: put them back, without a reload.
  if (reason === 'install' || reason === 'update')
    void reinjectOpenTabs().catch((err: unknown) => console.info('MoodDJ: could not reach open site tabs:', err));
});
chrome.runtime.onStartup.addListener(() => void syncPeriodicAlarm().then(scheduleWarmBeforePeriodic));
