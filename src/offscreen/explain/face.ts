/**
 * Why the model decided: Grad-CAM over the first usable face for the mood reported, as the
 * popup's overlay image and the four bands' shares ("Looked mostly at your mouth").
 */
import type { Emotion } from '../../shared/emotions';
import type { Attention } from '../../shared/perception';
import type { FaceCrop } from '../faces/crop';
import type { EmotionModel } from '../model/emotion/emotion-model';
import { heatmapImage } from './heatmap-image';
import { heatmapAttention } from './heatmap-regions';

/** Undefined for a model that cannot explain itself, or when Grad-CAM fails: a result without a heatmap is still a result. */
export async function explainFace(model: EmotionModel, crop: FaceCrop, emotion: Emotion): Promise<{ image: string; attention?: Attention } | undefined> {
  if (!model.explain) return undefined;
  try {
    const map = await model.explain(crop, emotion);
    return { image: heatmapImage(map), attention: heatmapAttention(map) };
  } catch (err) {
    console.warn('MoodDJ: no heatmap for this check', err);
    return undefined;
  }
}
