/**
 * Every emotion model by id, built one way for the offscreen document, `npm run eval` and anything
 * attached to the document (its debug handle).
 */
import { BaselineModel } from './baseline';
import type { EmotionModelId } from './default-model';
import type { EmotionModel } from './emotion-model';
import { MoodDJModel } from './mooddj';

export const EMOTION_MODELS: Record<EmotionModelId, () => EmotionModel> = {
  mooddj: () => new MoodDJModel(),
  baseline: () => new BaselineModel(),
};
