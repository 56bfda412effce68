import * as tf from '@tensorflow/tfjs';
import type { Emotion, Probabilities } from '../../../shared/emotions';
import type { FaceCrop } from '../../faces/crop';

/**
 * Where a model's files come from: a base URL ending in '/' that holds the model's own
 * file names (in the extension, `chrome.runtime.getURL('models/<id>/')`), or an IOHandler
 * that already has the files (Node eval and tests; see `memorySource`).
 */
export type ModelSource = string | tf.io.IOHandler;

/** Per-pixel importance over a crop, 0..1, same layout as FaceCrop. */
export interface Heatmap {
  size: number;
  data: Float32Array;
}

export interface EmotionModel {
  readonly id: string;
  /** Side of the square crop the model reads; crops of another size are resized to it. */
  readonly inputSize: number;
  /**
   * Below this top-class probability the reading is "not sure": the popup offers a retry and
   * periodic checks leave the music alone. Each model's own, since calibration differs.
   */
  readonly notSureBelow: number;
  load(source: ModelSource): Promise<void>;
  /** One probability vector per crop; several frames go through in one batch. */
  predict(crops: FaceCrop[]): Promise<Probabilities[]>;
  /**
   * Like predict, plus each crop's penultimate-layer embedding (numbers only), for models
   * that expose one; personal calibration needs it.
   */
  predictWithEmbeddings?(crops: FaceCrop[]): Promise<{ probabilities: Probabilities[]; embeddings: Float32Array[] }>;
  /** Where the model looked when scoring `emotion` (e.g. Grad-CAM), for models that can tell. */
  explain?(crop: FaceCrop, emotion: Emotion): Promise<Heatmap>;
  dispose(): void;
}

/**
 * A model.json and its weight files, already read (from disk, a test fixture...).
 * `weights` are the .bin files in the order the json's weightsManifest names them.
 */
export function memorySource(json: tf.io.ModelJSON, weights: ArrayBuffer | ArrayBuffer[]): tf.io.IOHandler {
  return {
    load: () => tf.io.getModelArtifactsForJSON(json, async (manifest) => [tf.io.getWeightSpecs(manifest), weights]),
  };
}
