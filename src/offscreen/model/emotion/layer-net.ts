import * as tf from '@tensorflow/tfjs';
import { EMOTIONS } from '../../../shared/emotions';

/**
 * A small CNN described by a layer list (tools/train/export.py writes it into model.json's
 * modelTopology) and run with plain TF.js ops. Running our own ops rather than a converted
 * graph keeps every step differentiable, which Grad-CAM needs.
 */
export type Layer = { op: 'conv'; name: string } | { op: 'maxpool' } | { op: 'gap' } | { op: 'dense'; name: string };

export interface NetSpec {
  /** Side of the square grey input. */
  inputSize: number;
  /** Floor on the per-image standard deviation, so a flat crop is not blown up into noise. */
  minStd: number;
  /** Average the prediction with the mirrored face's (faces are near symmetric; costs a second pass). */
  flipAverage: boolean;
  layers: Layer[];
}

export class SpecError extends Error {}

function isLayer(v: unknown): v is Layer {
  if (typeof v !== 'object' || v === null) return false;
  const { op, name } = v as { op?: unknown; name?: unknown };
  if (op === 'conv' || op === 'dense') return typeof name === 'string';
  return op === 'maxpool' || op === 'gap';
}

/** Checks a model.json modelTopology written by tools/train/export.py. */
export function parseSpec(topology: unknown): NetSpec {
  const t = (topology ?? {}) as Record<string, unknown>;
  const input = (t.input ?? {}) as Record<string, unknown>;
  const classes = t.classes;
  if (!Array.isArray(classes) || classes.join() !== EMOTIONS.join()) throw new SpecError(`class order ${String(classes)} is not ${EMOTIONS.join()}`);
  if (input.standardise !== 'per-image' || typeof input.minStd !== 'number') throw new SpecError('unknown input normalisation');
  if (typeof t.inputSize !== 'number' || !Number.isInteger(t.inputSize) || t.inputSize < 8) throw new SpecError(`bad input size ${String(t.inputSize)}`);
  const layers = t.layers;
  if (!Array.isArray(layers) || !layers.every(isLayer)) throw new SpecError('bad layer list');
  const gap = layers.findIndex((l) => l.op === 'gap');
  if (gap < 1 || layers[gap - 1].op !== 'conv' || layers[layers.length - 1].op !== 'dense') {
    throw new SpecError('expected convs, a global average pool, and a final dense layer');
  }
  return { inputSize: t.inputSize, minStd: input.minStd, flipAverage: t.flipAverage === true, layers };
}

export class LayerNet {
  /** Index of the global average pool. */
  readonly gapIndex: number;
  /**
   * Where Grad-CAM splits the net: before the last pooling ahead of the global average, so the
   * map has twice the last block's resolution (10x10 for a 40 px input: brows, eyes and mouth
   * fall in different cells; the last block's 5x5 puts most faces' heat on the nose).
   */
  readonly camIndex: number;

  constructor(
    readonly spec: NetSpec,
    private readonly weights: tf.NamedTensorMap,
  ) {
    this.gapIndex = spec.layers.findIndex((l) => l.op === 'gap');
    const pool = spec.layers
      .slice(0, this.gapIndex)
      .map((l) => l.op)
      .lastIndexOf('maxpool');
    this.camIndex = pool > 0 ? pool : this.gapIndex;
    for (const l of spec.layers) {
      if ('name' in l && !(weights[`${l.name}/kernel`] && weights[`${l.name}/bias`])) throw new SpecError(`weights for ${l.name} missing`);
    }
  }

  /** Per-image zero mean and unit variance, as training did (tools/train/model.py `standardise`). */
  standardise(x: tf.Tensor4D): tf.Tensor4D {
    return tf.tidy(() => {
      const { mean, variance } = tf.moments(x, [1, 2, 3], true);
      return tf.div(tf.sub(x, mean), tf.maximum(tf.sqrt(variance), this.spec.minStd));
    });
  }

  /**
   * Runs layers [from, to) on `x`; from 0 the input is a grey 0..1 batch [B, S, S, 1] and is
   * standardised first. The default range is the whole net, ending in logits [B, classes].
   */
  run(x: tf.Tensor, from = 0, to = this.spec.layers.length): tf.Tensor {
    return tf.tidy(() => {
      let h = from === 0 ? this.standardise(x as tf.Tensor4D) : x;
      for (const layer of this.spec.layers.slice(from, to)) h = this.apply(layer, h);
      return h;
    });
  }

  /** The feature map Grad-CAM weighs [B, h, w, C] (see camIndex). */
  features(x: tf.Tensor4D): tf.Tensor4D {
    return this.run(x, 0, this.camIndex) as tf.Tensor4D;
  }

  /**
   * The penultimate layer [B, D]: what the final dense layer reads (for the committed net, the
   * globally pooled conv features). Personal calibration compares faces here, so it works
   * with whatever weights ship.
   */
  embedding(x: tf.Tensor4D): tf.Tensor2D {
    return this.run(x, 0, this.spec.layers.length - 1) as tf.Tensor2D;
  }

  /** Penultimate embedding -> logits. */
  classify(embedding: tf.Tensor2D): tf.Tensor2D {
    return this.run(embedding, this.spec.layers.length - 1) as tf.Tensor2D;
  }

  /** Feature map -> logits (pre-softmax class scores). */
  head(features: tf.Tensor4D): tf.Tensor2D {
    return this.run(features, this.camIndex) as tf.Tensor2D;
  }

  private apply(layer: Layer, h: tf.Tensor): tf.Tensor {
    switch (layer.op) {
      case 'conv': {
        const kernel = this.weights[`${layer.name}/kernel`] as tf.Tensor4D;
        return tf.relu(tf.add(tf.conv2d(h as tf.Tensor4D, kernel, 1, 'same'), this.weights[`${layer.name}/bias`]));
      }
      case 'maxpool':
        return tf.maxPool(h as tf.Tensor4D, 2, 2, 'valid');
      case 'gap':
        return tf.mean(h, [1, 2]);
      case 'dense':
        return tf.add(tf.matMul(h as tf.Tensor2D, this.weights[`${layer.name}/kernel`] as tf.Tensor2D), this.weights[`${layer.name}/bias`]);
    }
  }

  dispose(): void {
    tf.dispose(this.weights);
  }
}
