import { vi } from 'vitest';
import type { PopupApi } from '../../../src/popup/api';
import { toProbabilities } from '../../../src/shared/emotions';
import type { Perception } from '../../../src/shared/perception';
import type { CheckRecord, MusicOutcome, PopupState, Stage, StageDetail } from '../../../src/shared/state';

/** A confident happy reading, as the offscreen document reports it (without pixels). */
export const happy: Perception = {
  emotion: 'happy',
  confidence: 0.81,
  notSure: false,
  probabilities: toProbabilities([0.02, 0.01, 0.03, 0.81, 0.05, 0.04, 0.04]),
  framesCaptured: 5,
  framesWithFace: 5,
  maxFaces: 1,
  frameSize: { width: 640, height: 480 },
  backend: 'wasm',
  model: 'baseline',
  timings: { cameraMs: 700, perFrameMs: 20, totalMs: 900, modelLoadMs: 0 },
};

/** The stored check behind `happy`: a popup check that searched "pop dance music". */
export const happyCheck = (music: MusicOutcome | null): CheckRecord => ({
  at: 1,
  trigger: 'popup',
  perception: happy,
  error: null,
  query: 'pop dance music',
  terms: ['pop', 'dance'],
  mode: 'match',
  site: 'youtube-music',
  music,
});

/** The popup's API as a test stand-in: Detect reads `happy` and starts looking for its music. */
export function fakeApi(overrides: Partial<PopupApi> = {}, initial: Partial<PopupState> = {}) {
  let stageListener: ((s: Stage, d?: StageDetail) => void) | null = null;
  let musicListener: ((at: number, m: MusicOutcome) => void) | null = null;
  const state: PopupState = {
    stage: 'idle',
    last: null,
    settings: { mode: 'match', site: 'youtube-music', periodicEnabled: false, periodicMinutes: 10, framesPerCheck: 5, hysteresisChecks: 2, catalogPicks: 5 },
    nextCheckAt: null,
    onboarded: true,
    recent: [],
    ...initial,
  };
  const api: PopupApi = {
    getState: vi.fn(async () => structuredClone(state)),
    detect: vi.fn(async () => {
      stageListener?.('reading-expression');
      state.last = happyCheck({ status: 'pending', error: null, nowPlaying: null, tracks: [{ title: 'Good as Hell', artist: 'Lizzo', popularity: 77 }] });
      return { ok: true as const, value: happy };
    }),
    saveSettings: vi.fn(async (c) => void Object.assign(state.settings, c)),
    control: vi.fn(async () => ({ ok: true as const, value: null })),
    nowPlaying: vi.fn(async () => ({ ok: true as const, value: null })),
    feedback: vi.fn(async () => ({ ok: true as const, value: null })),
    pickMood: vi.fn(async () => ({ ok: true as const, value: null })),
    warm: vi.fn(),
    onStage: (l) => {
      stageListener = l;
      return () => (stageListener = null);
    },
    onMusic: (l) => {
      musicListener = l;
      return () => (musicListener = null);
    },
    openOptions: vi.fn(),
    finishOnboarding: vi.fn(async () => undefined),
    ...overrides,
  };
  return { api, state, music: (at: number, m: MusicOutcome) => musicListener?.(at, m) };
}
