import { EMOTIONS, topEmotion, type Emotion, type Probabilities } from '../shared/emotions';

/**
 * Below this top-class probability the popup says "not sure" and offers a retry.
 * Chosen on FER2013 dev (see README, "Confidence threshold").
 */
export const NOT_SURE_BELOW = 0.5;

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
