import { toProbabilities } from '../../../src/shared/emotions';
import type { Perception } from '../../../src/shared/perception';
import type { CheckRecord, MusicOutcome } from '../../../src/shared/state';

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
