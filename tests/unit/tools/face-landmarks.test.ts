import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../../../tools/camera/image';
import { listImages } from '../../../tools/eval/dataset';
import { FaceLandmarks, LANDMARK_COUNT, LANDMARK_INPUT } from '../../../tools/eval/face-landmarks';
import { ferLandmarkCrop } from '../../../tools/eval/fer-landmarks';
import { landmarkSource, pickNodeBackend } from '../../../tools/eval/node-models';

const FER_DEV = resolve(import.meta.dirname, '../../../../shared/fer2013/dev');
if (!existsSync(FER_DEV)) console.warn(`face-landmarks.test: ${FER_DEV} not found (see ../shared/README.md), so the real-face check is skipped.`);

describe('the face-geometry study: Face Mesh landmarks (tools/eval/face-landmarks.ts)', () => {
  const net = new FaceLandmarks();

  beforeAll(async () => {
    await pickNodeBackend();
    await net.load(landmarkSource());
  }, 60_000);

  afterAll(() => net.dispose());

  it('gives 468 points and a score per crop in one batch, and leaves no tensor behind', async () => {
    const grey = { rgba: new Uint8Array(LANDMARK_INPUT * LANDMARK_INPUT * 4).fill(128) };
    const before = tf.memory().numTensors;
    const out = await net.predict([grey, grey]);
    expect(tf.memory().numTensors).toBe(before);
    expect(out).toHaveLength(2);
    expect(out[0].points).toHaveLength(LANDMARK_COUNT * 3);
    // A flat grey square is no face.
    expect(out[0].score).toBeLessThan(0.5);
    await expect(net.predict([{ rgba: new Uint8Array(16) }])).rejects.toThrow(RangeError);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.skipIf(!existsSync(FER_DEV))('finds a FER2013 face where the FER framing puts its eyes and mouth', async () => {
    const [file] = listImages(FER_DEV, 1).files;
    const [marks] = await net.predict([ferLandmarkCrop(decodeImage(file.path))]);
    expect(marks.score).toBeGreaterThan(0.9);
    const point = (i: number) => ({ x: marks.points[i * 3], y: marks.points[i * 3 + 1] });
    // Face Mesh's eye corners (33: the subject's right, on the image's left; 263) and mouth corners (61, 291).
    const [rightEye, leftEye, mouth] = [point(33), point(263), point(61)];
    expect(rightEye.x).toBeLessThan(LANDMARK_INPUT / 2);
    expect(leftEye.x).toBeGreaterThan(LANDMARK_INPUT / 2);
    expect(mouth.y).toBeGreaterThan(Math.max(rightEye.y, leftEye.y));
  });
});
