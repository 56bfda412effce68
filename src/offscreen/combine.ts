import { EMOTIONS, topEmotion, type Emotion, type Probabilities } from '../shared/emotions';

/**
 * Below this top-class probability the popup says "not sure" and offers a retry, and periodic
 * checks leave the music alone. Chosen for the MoodDJ model on FER2013 dev (`npm run eval`'s
 * threshold table): at 0.4 about one face in eight is "not sure" and the rest read 75 % right,
 * against 70 % for all. The model is calibrated (ECE 2.5 %), so its probability means what it
 * says; the overconfident baseline would need a higher bar.
 */
export const NOT_SURE_BELOW = 0.4;

export interface Combined {
  emotion: Emotion;
  confidence: number;
  notSure: boolean;
  probabilities: Probabilities;
}

/** Averages the per-frame probabilities of the frames that had a usable face. */
export function combineFrames(perFrame: Probabilities[], threshold = NOT_SURE_BELOW): Combined {
  if (!perFrame.length) throw new Error('no frames to combine');
  const mean = {} as Probabilities;
  for (const e of EMOTIONS) mean[e] = perFrame.reduce((s, p) => s + p[e], 0) / perFrame.length;
  const { emotion, confidence } = topEmotion(mean);
  return { emotion, confidence, notSure: confidence < threshold, probabilities: mean };
}
