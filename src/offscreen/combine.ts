import { EMOTIONS, topEmotion, type Emotion, type Probabilities } from '../shared/emotions';

export interface Combined {
  emotion: Emotion;
  confidence: number;
  notSure: boolean;
  probabilities: Probabilities;
}

/**
 * Averages the per-frame probabilities of the frames that had a usable face; `notSureBelow`
 * is the model's own bar (EmotionModel.notSureBelow).
 */
export function combineFrames(perFrame: Probabilities[], notSureBelow: number): Combined {
  if (!perFrame.length) throw new Error('no frames to combine');
  const mean = {} as Probabilities;
  for (const e of EMOTIONS) mean[e] = perFrame.reduce((s, p) => s + p[e], 0) / perFrame.length;
  const { emotion, confidence } = topEmotion(mean);
  return { emotion, confidence, notSure: confidence < notSureBelow, probabilities: mean };
}
