import { listen } from '../shared/messaging';
import { readItems, readSettings } from '../shared/storage';
import { reportCameraPermission } from './camera-permission';
import { runCheck } from './check';
import { closeOffscreen, isOffscreenIdleAlarm } from './offscreen-document';
import { currentStage } from './stage';

// Listeners are registered synchronously at start-up: Chrome restarts the worker for an
// event and only delivers it to listeners that exist by the end of the first turn.
listen('background', {
  detect: ({ source }) => runCheck(source),
  getState: async () => {
    const [settings, { lastCheck }] = await Promise.all([readSettings(), readItems(['lastCheck'])]);
    return { stage: currentStage(), last: lastCheck, settings };
  },
  cameraPermission: ({ granted }) => {
    reportCameraPermission(granted);
    return null;
  },
});

chrome.alarms.onAlarm.addListener((alarm) => {
  if (isOffscreenIdleAlarm(alarm)) void closeOffscreen();
});
