import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaceCrop } from '../../../../src/offscreen/faces/crop';
import { heatmapRgba } from '../../../../src/offscreen/explain/heatmap-image';
import { classGradient, gradCam } from '../../../../src/offscreen/model/emotion/grad-cam';
import { LayerNet, parseSpec } from '../../../../src/offscreen/model/emotion/layer-net';
import { MoodDJModel } from '../../../../src/offscreen/model/emotion/mooddj';
import { EMOTIONS } from '../../../../src/shared/emotions';
import { loadCrop } from '../../../../tools/eval/dataset';
import { EVAL_MODELS, pickNodeBackend } from '../../../../tools/eval/node-models';

const HAPPY = resolve(import.meta.dirname, '../../../../../shared/fer2013/dev/happy/PublicTest_11060787.jpg');

beforeAll(async () => {
  await pickNodeBackend();
}, 60_000);

/** Mean of the heatmap over one quadrant (0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right). */
function quadrantMean(map: Float32Array, size: number, q: number): number {
  const half = size / 2;
  let sum = 0;
  for (let y = 0; y < half; y++) {
    for (let x = 0; x < half; x++) sum += map[(y + (q >> 1) * half) * size + x + (q & 1) * half];
  }
  return sum / (half * half);
}

describe('Grad-CAM', () => {
  it('peaks where the evidence for the class is', async () => {
    // Four feature channels, each the input seen through one quadrant; class 0 reads only the
    // top-left channel, class 1 only the bottom-right one.
    const size = 16;
    const maps = tf.tidy(() => {
      const x = tf.add(tf.randomUniform([1, size, size, 1], 0, 1, 'float32', 7), 0.2);
      const masks = [0, 1, 2, 3].map((q) => {
        const m = new Float32Array(size * size);
        for (let y = 0; y < size; y++) for (let u = 0; u < size; u++) m[y * size + u] = (y < size / 2 ? 0 : 2) + (u < size / 2 ? 0 : 1) === q ? 1 : 0;
        return tf.mul(x, tf.tensor4d(m, [1, size, size, 1]));
      });
      const features = tf.concat(masks, 3) as tf.Tensor4D;
      const w = tf.buffer<tf.Rank.R2>([4, 7]);
      w.set(1, 0, 0);
      w.set(1, 3, 1);
      const dense = w.toTensor();
      const head = (f: tf.Tensor4D): tf.Tensor2D => tf.matMul(tf.mean<tf.Tensor2D>(f, [1, 2]), dense);
      return [gradCam(head, features, 0, 32), gradCam(head, features, 1, 32)];
    });
    const [topLeft, bottomRight] = await Promise.all(maps.map((m) => m.data() as Promise<Float32Array>));
    tf.dispose(maps);
    expect(Math.max(...topLeft)).toBeCloseTo(1, 5);
    expect(topLeft.indexOf(Math.max(...topLeft)) % 32).toBeLessThan(16);
    expect(quadrantMean(topLeft, 32, 0)).toBeGreaterThan(0.3);
    for (const q of [1, 2, 3]) expect(quadrantMean(topLeft, 32, q)).toBeLessThan(0.05);
    expect(quadrantMean(bottomRight, 32, 3)).toBeGreaterThan(0.3);
    for (const q of [0, 1, 2]) expect(quadrantMean(bottomRight, 32, q)).toBeLessThan(0.05);
  });

  it('takes gradients that match finite differences through a small conv net', async () => {
    const spec = parseSpec({
      inputSize: 8,
      classes: [...EMOTIONS],
      input: { standardise: 'per-image', minStd: 0.02 },
      layers: [{ op: 'conv', name: 'a' }, { op: 'maxpool' }, { op: 'conv', name: 'b' }, { op: 'conv', name: 'c' }, { op: 'gap' }, { op: 'dense', name: 'fc' }],
    });
    const r = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 0.5, 'float32', seed);
    const net = new LayerNet(spec, {
      'a/kernel': r([3, 3, 1, 3], 1),
      'a/bias': r([3], 2),
      'b/kernel': r([3, 3, 3, 4], 3),
      'b/bias': r([4], 4),
      'c/kernel': r([3, 3, 4, 5], 5),
      'c/bias': r([5], 6),
      'fc/kernel': r([5, 7], 8),
      'fc/bias': r([7], 9),
    });
    // Split after the pool, so the gradient goes back through two convs and their ReLUs.
    const head = (f: tf.Tensor4D) => net.run(f, 2) as tf.Tensor2D;
    const features = net.run(tf.randomUniform([1, 8, 8, 1], 0, 1, 'float32', 10), 0, 2) as tf.Tensor4D;
    const k = 3;
    const grad = await classGradient(head, features, k).data();
    const base = await features.data();
    const score = async (values: Float32Array) => tf.tidy(() => head(tf.tensor4d(values, features.shape)).dataSync()[k]);
    const eps = 1e-3;
    for (let i = 0; i < base.length; i++) {
      const plus = Float32Array.from(base);
      const minus = Float32Array.from(base);
      plus[i] += eps;
      minus[i] -= eps;
      const estimate = ((await score(plus)) - (await score(minus))) / (2 * eps);
      expect(Math.abs(grad[i] - estimate)).toBeLessThan(2e-3 + 0.02 * Math.abs(estimate));
    }
    expect(grad.some((g) => Math.abs(g) > 1e-3)).toBe(true);
    features.dispose();
    net.dispose();
  });

  it('colours a heatmap from see-through blue to opaque red', () => {
    const rgba = heatmapRgba({ size: 2, data: Float32Array.from([0, 0.5, 1, 2]) });
    expect([...rgba.subarray(0, 4)]).toEqual([0, 0, 128, 38]);
    expect(rgba[4 + 1]).toBe(255);
    expect([...rgba.subarray(8, 12)]).toEqual([128, 0, 0, 255]);
    expect([...rgba.subarray(12, 16)]).toEqual([...rgba.subarray(8, 12)]);
  });
});

describe('the MoodDJ model (models/mooddj) in Node', () => {
  const model = new MoodDJModel();
  beforeAll(async () => {
    await model.load(EVAL_MODELS.mooddj.source());
  }, 60_000);
  afterAll(() => model.dispose());

  const ramp = (size: number): FaceCrop => ({ size, data: Float32Array.from({ length: size * size }, (_, i) => (i % size) / (size - 1)) });

  it('gives 7 probabilities summing to 1 in our class order, for crops of any size', async () => {
    const batch = await model.predict([ramp(model.inputSize), ramp(64)]);
    for (const p of batch) {
      expect(Object.keys(p)).toEqual([...EMOTIONS]);
      for (const v of Object.values(p)) expect(v).toBeGreaterThanOrEqual(0);
      expect(Object.values(p).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
    expect(await model.predict([])).toEqual([]);
  });

  it('explains at the crop size, 0..1, and leaks no tensors over repeated checks', async () => {
    const crop = ramp(64);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      await model.predict([crop, crop]);
      const map = await model.explain(crop, EMOTIONS[i]);
      expect(map.size).toBe(64);
      expect(map.data).toHaveLength(64 * 64);
      for (const v of map.data) expect(v >= 0 && v <= 1).toBe(true);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it.skipIf(!existsSync(HAPPY))('reads the e2e happy face as happy, looking at the face', async () => {
    const crop = loadCrop(HAPPY);
    const [p] = await model.predict([crop]);
    expect(Object.entries(p).sort((a, b) => b[1] - a[1])[0][0]).toBe('happy');
    const map = await model.explain(crop, 'happy');
    expect(Math.max(...map.data)).toBeCloseTo(1, 5);
  });
});
