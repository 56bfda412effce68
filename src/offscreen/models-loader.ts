import * as tf from '@tensorflow/tfjs';
import { MoodError } from '../shared/errors';
import type { Backend } from '../shared/perception';
import { pickBackend } from './backend';
import { inspectPhoto, measureDetector } from './detector-bench';
import { PHOTO_VIEWS } from './face-views';
import * as faces from './faces';
import { runtimeFromCache, unpackMs } from './packed-wasm';
import { webglKind, webgpuKind } from './gpu-probe';
import { BaselineModel } from './models/baseline';
import { EMOTION_MODEL, type EmotionModelId } from './models/default-model';
import type { EmotionModel } from './models/emotion-model';
import { MoodDJModel } from './models/mooddj';

const EMOTION_MODELS: Record<EmotionModelId, () => EmotionModel> = {
  mooddj: () => new MoodDJModel(),
  baseline: () => new BaselineModel(),
};

export interface Models {
  backend: Backend;
  emotion: EmotionModel;
  /** Time the first load took; 0 once loaded (warm checks). */
  loadMs: number;
}

let loading: Promise<Models> | null = null;
let loaded = false;
/** How the first load went (ms from its start), whether a warm-up or a check began it; for the bench. */
let firstLoad: { backend: number; emotion: number; faces: number; total: number; unpack: number | null } | null = null;

async function loadAll(): Promise<Models> {
  const started = performance.now();
  const emotion = EMOTION_MODELS[EMOTION_MODEL]();
  const backendReady = pickBackend({
    wasmPaths: chrome.runtime.getURL('tfjs/'),
    gpu: async () => ({ webgl: webglKind(), webgpu: await webgpuKind() }),
  });
  // MediaPipe does not use TF.js's backend: its runtime unpacks and loads meanwhile.
  const since = () => performance.now() - started;
  const done = { backend: 0, emotion: 0, faces: 0 };
  const [backend] = await Promise.all([
    backendReady.then(async (picked) => {
      done.backend = since();
      await emotion.load(chrome.runtime.getURL(`models/${emotion.id}/`));
      done.emotion = since();
      return picked;
    }),
    faces.load(undefined, backendReady).then(
      () => (done.faces = since()),
      (err: unknown) => {
        throw Object.assign(new MoodError('model-failed', 'The face detector could not be loaded. Reload the extension and try again.'), { cause: err });
      },
    ),
  ]);
  const loadMs = since();
  firstLoad ??= { ...done, total: loadMs, unpack: unpackMs() };
  return { backend, emotion, loadMs };
}

/** Whether the models are in memory already (the popup shows a one-time progress bar otherwise). */
export function modelsLoaded(): boolean {
  return loaded;
}

/** Loads once per offscreen document; a failed load is retried on the next check. */
export async function loadModels(): Promise<Models> {
  loading ??= loadAll().catch((err: unknown) => {
    loading = null;
    throw err;
  });
  const models = await loading;
  const result = loaded ? { ...models, loadMs: 0 } : models;
  loaded = true;
  return result;
}

let primed: Promise<void> | null = null;

/**
 * Loads the models and runs each once on a blank image, so the first check does not pay for
 * compiling kernels (the first inference on wasm takes several times a later one). Once per
 * document; used by warming, never by a check.
 */
export function warmModels(): Promise<void> {
  primed ??= (async () => {
    const models = await loadModels();
    const side = 128;
    await faces.detect(new ImageData(new Uint8ClampedArray(side * side * 4).fill(128), side, side));
    await models.emotion.predict([{ size: models.emotion.inputSize, data: new Float32Array(models.emotion.inputSize ** 2).fill(0.5) }]);
  })().catch((err: unknown) => {
    primed = null;
    throw err;
  });
  return primed;
}

/**
 * Milliseconds per face for one emotion model on one backend, on a synthetic crop (median of
 * `runs`, after a warm-up that compiles kernels), to compare models and backends in a real
 * browser. Puts the backend the checks use back afterwards.
 */
async function timeEmotion(
  id: EmotionModelId,
  backend: Backend,
  runs = 20,
): Promise<{ backend: string; predictMs: number; viewsMs: number; explainMs: number | null }> {
  const previous = tf.getBackend() as Backend;
  const wasmPaths = chrome.runtime.getURL('tfjs/');
  const model = EMOTION_MODELS[id]();
  try {
    const used = await pickBackend({ candidates: [backend], wasmPaths });
    await model.load(chrome.runtime.getURL(`models/${model.id}/`));
    const crop = { size: model.inputSize, data: Float32Array.from({ length: model.inputSize ** 2 }, (_, i) => (i % 7) / 7) };
    const median = async (step: () => Promise<unknown>) => {
      await step();
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await step();
        times.push(performance.now() - t);
      }
      return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
    };
    const predictMs = await median(() => model.predict([crop]));
    // A photo check reads its face from PHOTO_VIEWS crops in one call (face-views.ts).
    const viewsMs = await median(() => model.predict(Array.from({ length: PHOTO_VIEWS }, () => crop)));
    const explain = model.explain?.bind(model);
    const explainMs = explain ? await median(() => explain(crop, 'happy')) : null;
    return { backend: used, predictMs, viewsMs, explainMs };
  } finally {
    model.dispose();
    await pickBackend({ candidates: [previous], wasmPaths });
  }
}

// Read by tests through the DevTools protocol (tensor leaks, chosen backend, timings); holds no pixels.
(globalThis as { mooddjDebug?: unknown }).mooddjDebug = {
  numTensors: () => tf.memory().numTensors,
  modelsLoaded: () => loaded,
  firstLoad: () => firstLoad,
  runtimeFromCache,
  backend: () => tf.getBackend(),
  timeEmotion,
  detectorPath: () => faces.detectorPath(),
  measureDetector,
  inspectPhoto,
};
