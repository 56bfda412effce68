/**
 * face-api (@vladmandic/face-api) as its README uses it: TinyFaceDetector with its default
 * options, then FaceExpressionNet on each detected face.
 */
import * as faceapi from '@vladmandic/face-api';
import type { Probabilities } from '../../src/shared/emotions';
import { canvasFrom, pageBackend, peerCheck, serve, toVector, type PageEngine } from './harness';

const MODELS = '/face-api-model';
const tf = faceapi.tf as unknown as {
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  getBackend(): string;
  memory(): { numTensors: number };
  setWasmPaths?(prefix: string): void;
};

let loading: Promise<void> | null = null;
function load(): Promise<void> {
  loading ??= (async () => {
    const backend = pageBackend();
    if (backend === 'wasm') {
      if (!tf.setWasmPaths) throw new Error('face-api bundle has no setWasmPaths');
      tf.setWasmPaths('/tfjs-wasm/');
    }
    if (!(await tf.setBackend(backend))) throw new Error(`face-api: backend ${backend} unavailable`);
    await tf.ready();
    await Promise.all([faceapi.nets.tinyFaceDetector.loadFromUri(MODELS), faceapi.nets.faceExpressionNet.loadFromUri(MODELS)]);
  })();
  return loading;
}

function ours(e: faceapi.FaceExpressions): Probabilities {
  return { angry: e.angry, disgust: e.disgusted, fear: e.fearful, happy: e.happy, sad: e.sad, surprise: e.surprised, neutral: e.neutral };
}

async function detect(canvas: HTMLCanvasElement): Promise<Probabilities | null> {
  const faces = await faceapi.detectAllFaces(canvas, new faceapi.TinyFaceDetectorOptions()).withFaceExpressions();
  if (!faces.length) return null;
  // Like MoodDJ: the largest face is the user.
  const largest = faces.reduce((a, b) => (b.detection.box.area > a.detection.box.area ? b : a));
  return ours(largest.expressions);
}

const engine: PageEngine<HTMLCanvasElement> = {
  name: 'face-api',
  check: (frames) => peerCheck(frames, load, detect),
  prepare: (blob) => canvasFrom(blob),
  async run(canvas) {
    await load();
    const t0 = performance.now();
    const p = await detect(canvas);
    return { ms: performance.now() - t0, probs: p && toVector(p) };
  },
  async classifyFace(face) {
    await load();
    const e = (await faceapi.nets.faceExpressionNet.predictExpressions(face)) as faceapi.FaceExpressions;
    return toVector(ours(e));
  },
  numTensors: () => tf.memory().numTensors,
  backend: () => tf.getBackend(),
};

serve(engine);
