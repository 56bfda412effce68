/**
 * human (@vladmandic/human) reduced to its face detector (BlazeFace) and emotion model:
 * every other model is off, and its frame cache and result reuse are off too, so each
 * call really runs both models.
 */
import { Human } from '@vladmandic/human';
import { EMOTIONS, type Emotion, type Probabilities } from '../../src/shared/emotions';
import { canvasFrom, pageBackend, peerCheck, serve, toVector, type PageEngine } from './harness';

const off = { enabled: false };
const human = new Human({
  backend: pageBackend(),
  modelBasePath: `${location.origin}/human-models/`,
  wasmPath: `${location.origin}/tfjs-wasm/`,
  // Its IndexedDB model cache would make a second page's "cold" load warm.
  cacheModels: false,
  cacheSensitivity: 0,
  warmup: 'none',
  filter: { enabled: false },
  gesture: off,
  body: off,
  hand: off,
  object: off,
  segmentation: off,
  face: {
    enabled: true,
    detector: { skipFrames: 0, skipTime: 0 },
    mesh: off,
    iris: off,
    attention: off,
    description: off,
    antispoof: off,
    liveness: off,
    emotion: { enabled: true, skipFrames: 0, skipTime: 0, minConfidence: 0 },
  },
});

let loading: Promise<void> | null = null;
const load = () => (loading ??= human.load());

async function detect(canvas: HTMLCanvasElement): Promise<Probabilities | null> {
  const result = await human.detect(canvas);
  if (!result.face.length) return null;
  const largest = result.face.reduce((a, b) => (b.box[2] * b.box[3] > a.box[2] * a.box[3] ? b : a));
  const probs = Object.fromEntries(EMOTIONS.map((e) => [e, 0])) as Probabilities;
  for (const { emotion, score } of largest.emotion ?? []) if (emotion in probs) probs[emotion] = score;
  return probs;
}

/**
 * Classifier only: human's emotion model on a face crop, prepared the way human prepares
 * the detector's crop for it (RGB 0..1, bilinear resize to the model's side, MATLAB grey
 * weights, then (grey - 0.5) * 2), per its emotion module.
 */
async function classifyFace(face: HTMLCanvasElement): Promise<number[]> {
  await load();
  // human types its tfjs as `any`; these are plain tfjs 4.22 ops.
  const tf = human.tf;
  const model = human.models.models.emotion;
  if (!model) throw new Error('human: emotion model not loaded');
  const side = model.inputs[0].shape?.[2] ?? 64;
  const out = tf.tidy(() => {
    const rgb = tf.div(tf.expandDims(tf.cast(tf.browser.fromPixels(face), 'float32'), 0), 255);
    const resized = tf.image.resizeBilinear(rgb, [side, side], false);
    const grey = tf.sum(tf.mul(resized, [0.2989, 0.587, 0.114]), 3, true);
    return model.execute(tf.mul(tf.sub(grey, 0.5), 2));
  });
  const values: Float32Array = await out.data();
  out.dispose();
  // human's class order for this (greyscale) model.
  const order: Emotion[] = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];
  return EMOTIONS.map((e) => values[order.indexOf(e)]);
}

const engine: PageEngine<HTMLCanvasElement> = {
  name: 'human',
  check: (frames) => peerCheck(frames, load, detect),
  prepare: (blob) => canvasFrom(blob),
  async run(canvas) {
    await load();
    const t0 = performance.now();
    const p = await detect(canvas);
    return { ms: performance.now() - t0, probs: p && toVector(p) };
  },
  classifyFace,
  numTensors: () => human.tf.memory().numTensors as number,
  backend: () => human.tf.getBackend() as string,
};

serve(engine);
