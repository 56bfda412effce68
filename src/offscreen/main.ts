/**
 * The offscreen document's entry point: it obeys the service worker only (src/shared/senders.ts)
 * and runs one check at a time through the stages below it (README.md in this folder).
 */
import { MoodError } from '../shared/errors';
import { listen } from '../shared/messaging';
import { prepareCamera } from './capture/camera';
import { analyze } from './check/analyze';
import './debug-handle';
import { warmModels } from './model/load';

// One check at a time: a new one (e.g. after the worker restarted mid-check) cancels the
// old, whose finally-blocks switch the camera off.
let current: { checkId: string; controller: AbortController } | null = null;

listen('offscreen', {
  analyze: async ({ source, frames, checkId, calibration }) => {
    current?.controller.abort();
    const mine = { checkId, controller: new AbortController() };
    current = mine;
    try {
      return await analyze({ source, frames, calibration, signal: mine.controller.signal });
    } finally {
      if (current === mine) current = null;
    }
  },
  cancel: ({ checkId }) => {
    if (current?.checkId === checkId) current.controller.abort(new MoodError('timeout'));
    return null;
  },
  ping: () => ({ ready: true as const }),
  // The popup opened or a periodic check is due: models only, the camera waits for the check.
  warm: async () => {
    await Promise.all([prepareCamera(), warmModels()]);
    return { loaded: true };
  },
});
