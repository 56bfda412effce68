import browser from 'webextension-polyfill';
import { appError } from '../shared/errors';
import { listen, send } from '../shared/messaging';
import { writeItems } from '../shared/storage';
import type { PopupApi } from './api';

export const chromeApi: PopupApi = {
  async getState() {
    const reply = await send('background', 'getState', {});
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.value;
  },
  detect: (source) => send('background', 'detect', { source, trigger: 'popup' }),
  saveSettings: (change) => writeItems(change),
  // Music commands arrive with the site adapters; until then they answer plainly.
  control: async () => ({ ok: false, error: appError('no-streaming-tab') }),
  nowPlaying: async () => ({ ok: true, value: null }),
  feedback: async () => ({ ok: true, value: null }),
  onStage(listener) {
    return listen('popup', {
      stage: ({ stage, detail }) => {
        listener(stage, detail);
        return null;
      },
    });
  },
  openOptions: () => void browser.runtime.openOptionsPage(),
};
