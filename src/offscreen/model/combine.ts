import { EMOTIONS, topEmotion, type Emotion, type Probabilities } from '../../shared/emotions';

export interface Combined {
  emotion: Emotion;
  confidence: number;
  notSure: boolean;
  probabilities: Probabilities;
}

/** The class-wise mean of one or more probability vectors. */
export function meanProbabilities(all: Probabilities[]): Probabilities {
  if (!all.length) throw new Error('nothing to average');
  const mean = {} as Probabilities;
  for (const e of EMOTIONS) mean[e] = all.reduce((s, p) => s + p[e], 0) / all.length;
  return mean;
}

/**
 * `p` made surer (t < 1) or less sure (t > 1) without changing its order: p^(1/t), renormalised,
 * which is softmax(log p / t).
 */
export function temper(p: Probabilities, t: number): Probabilities {
  const out = {} as Probabilities;
  for (const e of EMOTIONS) out[e] = Math.pow(p[e], 1 / t);
  const sum = EMOTIONS.reduce((s, e) => s + out[e], 0);
  for (const e of EMOTIONS) out[e] /= sum;
  return out;
}

/** The element-wise mean of equally long vectors (embeddings). */
export function meanVector(all: Float32Array[]): Float32Array {
  if (!all.length) throw new Error('nothing to average');
  const mean = new Float32Array(all[0].length);
  for (const v of all) v.forEach((x, i) => (mean[i] += x / all.length));
  return mean;
}

/**
 * Averages the per-frame probabilities of the frames that had a usable face; `notSureBelow`
 * is the model's own bar (EmotionModel.notSureBelow).
 */
export function combineFrames(perFrame: Probabilities[], notSureBelow: number): Combined {
  if (!perFrame.length) throw new Error('no frames to combine');
  const mean = meanProbabilities(perFrame);
  const { emotion, confidence } = topEmotion(mean);
  return { emotion, confidence, notSure: confidence < notSureBelow, probabilities: mean };
}

/**
 * The views' mean is less sure than each view (where they disagree, it spreads), and the model's
 * confidence was calibrated for one view; the mean is made surer again by this temperature,
 * fitted on dev through the pipeline by log-loss (`crop_scale.py --view-shifts 0.03
 * --temperature 0.93`: 0.95 at frames 0.4 and 0.55 alike). The order of the classes, and so the
 * mood, does not change.
 */
export const VIEWS_TEMPERATURE = 0.95;

/** One face's probabilities from those of its views (faces/views.ts). */
export function combineViews(perView: Probabilities[]): Probabilities {
  return perView.length > 1 ? temper(meanProbabilities(perView), VIEWS_TEMPERATURE) : meanProbabilities(perView);
}
