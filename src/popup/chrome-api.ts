import browser from 'webextension-polyfill';
import { listen, send } from '../shared/messaging';
import type { MusicOutcome, Stage, StageDetail } from '../shared/state';
import { writeItems } from '../shared/storage';
import type { PopupApi } from './api';

type StageListener = (stage: Stage, detail?: StageDetail) => void;
type MusicListener = (checkAt: number, music: MusicOutcome) => void;
const stageListeners = new Set<StageListener>();
const musicListeners = new Set<MusicListener>();
let listening = false;

/** One runtime listener for the popup, fanned out to whoever subscribed. */
function ensureListening(): void {
  if (listening) return;
  listening = true;
  listen('popup', {
    stage: ({ stage, detail }) => {
      stageListeners.forEach((l) => l(stage, detail));
      return null;
    },
    music: ({ checkAt, music }) => {
      musicListeners.forEach((l) => l(checkAt, music));
      return null;
    },
  });
}

export const chromeApi: PopupApi = {
  async getState() {
    const reply = await send('background', 'getState', {});
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.value;
  },
  detect: (source) => send('background', 'detect', { source, trigger: 'popup' }),
  saveSettings: (change) => writeItems(change),
  control: (action) => send('background', 'musicControl', { action }),
  nowPlaying: () => send('background', 'musicNowPlaying', {}),
  feedback: (feedback) => send('background', 'feedback', feedback),
  pickMood: (emotion) => send('background', 'pickMood', { emotion }),
  warm: () => void send('background', 'warm', {}),
  onStage(listener) {
    ensureListening();
    stageListeners.add(listener);
    return () => stageListeners.delete(listener);
  },
  onMusic(listener) {
    ensureListening();
    musicListeners.add(listener);
    return () => musicListeners.delete(listener);
  },
  openOptions: () => void browser.runtime.openOptionsPage(),
  finishOnboarding: () => writeItems({ onboarded: true }),
};
