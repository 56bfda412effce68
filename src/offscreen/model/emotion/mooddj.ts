import * as tf from '@tensorflow/tfjs';
import { EMOTIONS, toProbabilities, type Emotion, type Probabilities } from '../../../shared/emotions';
import { MoodError } from '../../../shared/errors';
import { resizeCrop, type FaceCrop } from '../../faces/crop';
import type { EmotionModel, Heatmap, ModelSource } from './emotion-model';
import { gradCam } from './grad-cam';
import { LayerNet, parseSpec, SpecError } from './layer-net';
import { t } from '../../../shared/i18n/t';

/**
 * MoodDJ's own emotion net, trained by tools/train (see its README for data, command and
 * scores). Input, exactly as in training:
 * - the FER-framed grey crop, 0..1, resized to `inputSize` (40 px) by resizeCrop, whose
 *   area-averaging downscale tools/train/augment.py `resize` reproduces;
 * - then each image standardised to zero mean, unit variance (std floored at minStd);
 * - outputs are logits in src/shared/emotions.ts order; the probability is the softmax,
 *   averaged with the mirrored crop's when model.json asks for it.
 */
export const MOODDJ_MODEL_FILE = 'model.json';

export class MoodDJModel implements EmotionModel {
  readonly id = 'mooddj';
  /**
   * Chosen on FER2013 dev (`npm run eval`'s threshold table): at 0.4 about one face in eight is
   * "not sure" and the rest read 75 % right, against 70 % for all. The model is calibrated
   * (ECE 2.5 %), so its probability means what it says.
   */
  readonly notSureBelow = 0.4;
  private net: LayerNet | null = null;

  get inputSize(): number {
    // Before load, the size the committed model was trained at; the loaded spec rules after.
    return this.net?.spec.inputSize ?? 40;
  }

  async load(source: ModelSource): Promise<void> {
    if (this.net) return;
    let net: LayerNet;
    try {
      const handler = typeof source === 'string' ? tf.io.http(source.replace(/\/?$/, '/') + MOODDJ_MODEL_FILE) : source;
      if (!handler.load) throw new Error('model source cannot load');
      const artifacts = await handler.load();
      if (!artifacts.weightSpecs || !artifacts.weightData) throw new Error('model.json names no weights');
      const spec = parseSpec(artifacts.modelTopology);
      const weights = tf.io.decodeWeights(artifacts.weightData, artifacts.weightSpecs);
      try {
        net = new LayerNet(spec, weights);
      } catch (err) {
        tf.dispose(weights);
        throw err;
      }
    } catch (err) {
      const detail = err instanceof SpecError ? t('error_model_file', err.message) : undefined;
      throw Object.assign(new MoodError('model-failed', detail), { cause: err });
    }
    this.net = net;
  }

  private input(crops: FaceCrop[]): tf.Tensor4D {
    const side = this.inputSize;
    const pixels = new Float32Array(crops.length * side * side);
    crops.forEach((crop, i) => pixels.set(resizeCrop(crop, side).data, i * side * side));
    return tf.tensor4d(pixels, [crops.length, side, side, 1]);
  }

  async predict(crops: FaceCrop[]): Promise<Probabilities[]> {
    return (await this.predictWithEmbeddings(crops)).probabilities;
  }

  /** With flipAverage, the embedding is the mean of the face's and its mirror's, like the probabilities. */
  async predictWithEmbeddings(crops: FaceCrop[]): Promise<{ probabilities: Probabilities[]; embeddings: Float32Array[] }> {
    const net = this.loaded();
    if (!crops.length) return { probabilities: [], embeddings: [] };
    const [probs, emb] = tf.tidy((): [tf.Tensor2D, tf.Tensor2D] => {
      const x = this.input(crops);
      const e = net.embedding(x);
      const p = tf.softmax(net.classify(e));
      if (!net.spec.flipAverage) return [p, e];
      const ef = net.embedding(tf.reverse(x, 2));
      return [tf.div(tf.add(p, tf.softmax(net.classify(ef))), 2), tf.div(tf.add(e, ef), 2)];
    });
    let values: Float32Array;
    let embedded: Float32Array;
    try {
      values = (await probs.data()) as Float32Array;
      embedded = (await emb.data()) as Float32Array;
    } finally {
      probs.dispose();
      emb.dispose();
    }
    const k = EMOTIONS.length;
    const d = emb.shape[1];
    return {
      probabilities: crops.map((_, i) => toProbabilities(values.subarray(i * k, (i + 1) * k))),
      embeddings: crops.map((_, i) => embedded.slice(i * d, (i + 1) * d)),
    };
  }

  /** Grad-CAM for `emotion` on the un-mirrored crop, at the crop's own size. */
  async explain(crop: FaceCrop, emotion: Emotion): Promise<Heatmap> {
    const net = this.loaded();
    const map = tf.tidy(() => gradCam((f) => net.head(f), net.features(this.input([crop])), EMOTIONS.indexOf(emotion), crop.size));
    try {
      return { size: crop.size, data: (await map.data()) as Float32Array };
    } finally {
      map.dispose();
    }
  }

  private loaded(): LayerNet {
    if (!this.net) throw new Error('MoodDJModel used before load');
    return this.net;
  }

  dispose(): void {
    this.net?.dispose();
    this.net = null;
  }
}
